import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionReply } from '../lib/api';
import { addNote, personasMap, readQuadrants } from '../lib/board';
import { createGroup } from '../lib/groups';
import type { Evidence } from '../lib/note';
import type { QuadrantId } from '../lib/quadrants';

// y-websocket adds a process 'exit' listener per provider.
process.setMaxListeners(0);

/** A note to write: where, what, and optionally its group (by name, created on first use) and evidence. */
export interface SeedNote {
  quadrant: QuadrantId;
  text: string;
  group?: string;
  evidence?: Evidence;
}

/** A participant writing through a real y-websocket connection, as a phone would. */
export interface Writer {
  session: SessionReply;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST ${new URL(url).pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function until(what: string, isDone: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Fills a room from Node: participants join through the HTTP API like the join form does, write
 * notes over a real WebsocketProvider (the server validates and stores them as any phone's), and
 * stay connected over socket.io so the roster counts them. Seeding 150 notes through the UI would
 * take minutes; this takes a second.
 */
export class RoomSeeder {
  private readonly providers: WebsocketProvider[] = [];
  private readonly sockets: Socket[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly code: string,
  ) {}

  async join(name: string): Promise<SessionReply> {
    return postJson<SessionReply>(`${this.baseUrl}/api/workshops/${this.code}/participants`, { name });
  }

  async writer(name: string): Promise<Writer> {
    const session = await this.join(name);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${this.baseUrl.replace(/^http/, 'ws')}/yjs`, this.code, doc, {
      params: { token: session.token },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    this.providers.push(provider);
    await until('the board to sync', () => provider.synced && personasMap(doc).size > 0);
    return { session, doc, provider };
  }

  /** The first persona of the board (a new workshop has one). */
  personaId(writer: Writer): string {
    return [...personasMap(writer.doc).keys()].sort()[0]!;
  }

  quadrantIds(writer: Writer): QuadrantId[] {
    return readQuadrants(writer.doc).map((q) => q.id);
  }

  /**
   * Writes the notes as this participant, in one update (a burst of single writes would meet the
   * server's per-connection rate limit), and waits until the server has them all.
   */
  async addNotes(writer: Writer, notes: readonly SeedNote[], personaId = this.personaId(writer)): Promise<string[]> {
    const ids: string[] = [];
    writer.doc.transact(() => {
      const groups = new Map<string, string>();
      for (const seed of notes) ids.push(this.write(writer, personaId, seed, groups));
    });
    await this.flushed(writer);
    return ids;
  }

  private write(writer: Writer, personaId: string, seed: SeedNote, groups: Map<string, string>): string {
    const { participantId, name } = writer.session;
    const added = addNote(writer.doc, { personaId, quadrant: seed.quadrant, text: seed.text, authorId: participantId, authorName: name });
    if (!added.ok) throw new Error(`note refused: ${added.error}`);
    const note = writer.doc.getMap<Y.Map<unknown>>('notes').get(added.value.id)!;
    if (seed.evidence) note.set('evidence', seed.evidence);
    if (seed.group) {
      const key = `${seed.quadrant}/${seed.group}`;
      const existing = groups.get(key);
      if (existing) note.set('groupId', existing);
      else {
        const group = createGroup(writer.doc, { personaId, quadrant: seed.quadrant, name: seed.group, noteIds: [added.value.id] });
        if (!group.ok) throw new Error(`group refused: ${group.error}`);
        groups.set(key, group.value.id);
      }
    }
    return added.value.id;
  }

  /** Resolves once a fresh read of the server's copy has every note and group this writer has. */
  private async flushed(writer: Writer): Promise<void> {
    const probe = await this.writer(`Checker ${Math.random().toString(36).slice(2, 6)}`);
    const size = (doc: Y.Doc, root: string) => doc.getMap(root).size;
    await until('the server to hold every note', () =>
      ['notes', 'groups'].every((root) => size(probe.doc, root) >= size(writer.doc, root)),
    );
    probe.provider.destroy();
  }

  /** Joins `names` and keeps each one's control socket open, so the roster shows them connected. */
  async connectParticipants(names: readonly string[]): Promise<void> {
    // Ten at a time: a class joining at once, without opening 60 sockets in one burst.
    for (let start = 0; start < names.length; start += 10) {
      await Promise.all(names.slice(start, start + 10).map((name) => this.connectOne(name)));
    }
  }

  private async connectOne(name: string): Promise<void> {
    const session = await this.join(name);
    const socket = io(this.baseUrl, { auth: { code: this.code, token: session.token }, transports: ['websocket'], reconnection: false });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  close(): void {
    for (const provider of this.providers) provider.destroy();
    for (const socket of this.sockets) socket.close();
  }
}
