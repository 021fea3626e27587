import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SessionReply } from '../../lib/api';
import { addNote, notesMap, personasMap } from '../../lib/board';
import { BOARD_NOTICE_MESSAGE, readBoardNotice, type BoardNotice } from '../../lib/boardNotices';
import { newId } from '../../lib/ids';
import { QUADRANT_IDS } from '../../lib/quadrants';
import type { ClientToServerEvents, ServerToClientEvents, SessionBroadcast } from '../../lib/wire';

// y-websocket adds a process 'exit' listener per provider.
process.setMaxListeners(0);

export type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** When a connection went away and when it was live again (null: not yet). */
export interface Outage {
  downAt: number;
  upAt: number | null;
}

const SYNC_TIMEOUT_MS = 20_000;

/** A `ws` socket whose errors (a refused upgrade while an instance restarts) are not thrown. */
class QuietWebSocket extends WebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('error', () => undefined);
  }
}

/**
 * One participant as a browser holds them: the board (a real y-websocket `WebsocketProvider`)
 * and the control socket (socket.io over WebSocket only), both reconnecting by themselves, as the
 * app's do. Notes are added with `lib/board`'s `addNote` in their own name, online or not (Yjs
 * sends what was typed offline on reconnect). Every outage of either connection is recorded.
 */
export class Typist {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly control: ControlSocket;
  /** Notes this typist created (its own, never "acknowledged" by its own arrival). */
  readonly created = new Set<string>();
  readonly boardOutages: Outage[] = [];
  readonly controlOutages: Outage[] = [];
  session: SessionBroadcast | null = null;
  /** Reasons of `session:ended` (kicked). */
  readonly ended: string[] = [];

  constructor(
    readonly seat: SessionReply,
    /** Where it connects: the balancer, or one instance. */
    readonly url: string,
  ) {
    this.provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, seat.code, this.doc, {
      params: { token: seat.token },
      WebSocketPolyfill: QuietWebSocket as never,
      disableBc: true,
      maxBackoffTime: 1_000,
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'disconnected') open(this.boardOutages);
    });
    this.provider.on('sync', (isSynced: boolean) => {
      if (isSynced) close(this.boardOutages);
    });
    this.provider.messageHandlers[BOARD_NOTICE_MESSAGE] = (_encoder, decoder) => this.onNotice(readBoardNotice(decoder));
    this.control = io(url, {
      auth: { code: seat.code, token: seat.token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 1_000,
      randomizationFactor: 0.3,
    });
    this.control.on('disconnect', () => open(this.controlOutages));
    this.control.on('connect', () => close(this.controlOutages));
    // As the browser (`ControlConnection`): a handshake refused without ending the session
    // ('unavailable', storage away) is tried again; socket.io only retries lost transports.
    this.control.on('connect_error', (error) => {
      open(this.controlOutages);
      if (error.message !== 'unauthorized' && !this.control.active) setTimeout(() => this.isClosed || this.control.connect(), 250).unref();
    });
    this.control.on('session', (broadcast) => (this.session = broadcast));
    this.control.on('session:ended', (reason) => this.ended.push(reason));
  }

  /** Joins through the API at `apiUrl` and connects at `connectUrl`; resolves once both connections are up and the board synced. */
  static async join(apiUrl: string, code: string, name: string, connectUrl = apiUrl): Promise<Typist> {
    const res = await fetch(`${apiUrl}/api/workshops/${code}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 201) throw new Error(`joining ${code} answered ${res.status}: ${await res.text()}`);
    const typist = new Typist((await res.json()) as SessionReply, connectUrl);
    try {
      await typist.whenLive(SYNC_TIMEOUT_MS);
    } catch (error) {
      typist.close();
      throw error;
    }
    return typist;
  }

  get participantId(): string {
    return this.seat.participantId;
  }

  /** Both connections up and the board synced with the server. */
  get isLive(): boolean {
    return this.provider.wsconnected && this.provider.synced && this.control.connected && personasMap(this.doc).size > 0;
  }

  async whenLive(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isLive) {
      if (Date.now() > deadline) throw new Error(`${this.seat.name} was not live within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * What the browser does (`components/sync/BoardConnection.ts`) with the server's in-band notices,
   * reduced to what honest notes meet: changes refused while the board is (or, with its session
   * reloading, looks) locked wait until `unlocked`; changes refused out of order are sent again.
   * Either way by a fresh sync, which sends everything the server lacks. The browser's other
   * recovery (a new doc without a refused change) is for changes the rules refuse, which a typist
   * never makes: `refusals` records every refusal, so a test can say none was of that kind.
   */
  readonly refusals: string[] = [];
  private isHolding = false;

  private onNotice(notice: BoardNotice | null): void {
    if (!notice || notice.kind === 'size' || notice.kind === 'clients') return;
    if (notice.kind === 'unlocked') {
      if (this.isHolding) this.resync();
      return;
    }
    for (const refusal of notice.refusals) this.refusals.push(refusal.reason);
    if (notice.refusals.every((refusal) => refusal.reason === 'locked')) this.isHolding = true;
    else this.resync();
  }

  private resync(): void {
    this.isHolding = false;
    this.provider.disconnect();
    this.provider.connect();
  }

  /** Note ids on this typist's board now. */
  noteIds(): Set<string> {
    return new Set(notesMap(this.doc).keys());
  }

  /** Adds one note in its own name on the first persona; returns its id (null if the board refused it locally). */
  type(text: string, random: () => number): string | null {
    const personaId = [...personasMap(this.doc).keys()].sort()[0];
    if (!personaId) return null;
    const id = newId();
    this.created.add(id); // before the transaction: observers run inside addNote
    const result = addNote(this.doc, {
      id,
      personaId,
      quadrant: QUADRANT_IDS[Math.floor(random() * QUADRANT_IDS.length)]!,
      text,
      authorId: this.seat.participantId,
      authorName: this.seat.name,
    });
    if (!result.ok) this.created.delete(id);
    return result.ok ? id : null;
  }

  /** Calls `onArrival(noteId)` for each note that reaches this typist from someone else. */
  onArrival(onArrival: (noteId: string) => void): void {
    const notes = notesMap(this.doc);
    notes.observe((event) => {
      for (const key of event.keysChanged) if (!this.created.has(key) && notes.has(key)) onArrival(key);
    });
  }

  /** The longest outage of either connection since `since` (ms; an outage still open counts up to now). */
  longestOutageSince(since: number, now = Date.now()): number {
    const lengths = [...this.boardOutages, ...this.controlOutages]
      .filter((o) => (o.upAt ?? now) >= since)
      .map((o) => (o.upAt ?? now) - Math.max(o.downAt, since));
    return Math.max(0, ...lengths);
  }

  private isClosed = false;

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.control.close();
    this.provider.destroy();
    this.doc.destroy();
  }
}

function open(outages: Outage[]): void {
  const last = outages.at(-1);
  if (!last || last.upAt !== null) outages.push({ downAt: Date.now(), upAt: null });
}

function close(outages: Outage[]): void {
  const last = outages.at(-1);
  if (last && last.upAt === null) last.upAt = Date.now();
}
