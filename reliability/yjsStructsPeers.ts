import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Seat } from '../bench/client';
import { addNote, deleteNote, editNoteText, moveNote, notesMap, readPersonas, setNoteColor, setNoteEvidence } from '../lib/board';
import { BOARD_NOTICE_MESSAGE, readBoardNotice } from '../lib/boardNotices';
import { QUADRANT_IDS } from '../lib/quadrants';
import type { RefusalHistory } from '../lib/recovery';
import { takeOver } from '../components/sync/boardRecovery';
import { whenSynced } from '../bench/client';
import type { Rng } from '../tests/helpers/prng';

/** What the fuzzer remembers of a note an honest peer wrote: what must never change or vanish. */
export interface HonestNote {
  id: string;
  personaId: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}

/**
 * An honest participant of `yjs-structs`: a stock y-websocket provider (as the browser's), acting
 * only as the permission table allows, with the browser's recovery when an update of its is
 * refused (a fresh doc from the server, its un-synced changes minus the refused ones, via
 * `components/sync/boardRecovery.ts`). Honest peers are never refused in a correct server.
 */
export class HonestPeer {
  doc = new Y.Doc();
  provider: WebsocketProvider;
  readonly notes = new Map<string, HonestNote>();
  /** Notes typed while offline: the server gets them when this peer comes back. */
  readonly offlineNotes = new Set<string>();
  refusals = 0;
  isOffline = false;
  private readonly history: RefusalHistory = new Map();
  private personaId = '';
  private recovering: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    readonly seat: Seat,
  ) {
    this.provider = this.connect(this.doc);
  }

  private connect(doc: Y.Doc): WebsocketProvider {
    const provider = new WebsocketProvider(`${this.url.replace(/^http/, 'ws')}/yjs`, this.seat.room, doc, {
      params: { token: this.seat.token! },
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    provider.messageHandlers[BOARD_NOTICE_MESSAGE] = (_encoder, decoder) => {
      const notice = readBoardNotice(decoder);
      if (notice?.kind === 'refused' && provider === this.provider) {
        this.refusals++;
        this.recovering ??= this.recover(notice.refusals).finally(() => (this.recovering = null));
      }
    };
    return provider;
  }

  /** As the browser does: a fresh doc takes over, this device's un-synced changes re-applied. */
  private async recover(refusals: Parameters<typeof takeOver>[1]['refusals']): Promise<void> {
    this.provider.disconnect();
    const doc = new Y.Doc();
    const provider = this.connect(doc);
    await whenSynced(provider, 20_000);
    takeOver(doc, { previousDoc: this.doc, refusals, history: this.history });
    const old = { doc: this.doc, provider: this.provider };
    this.doc = doc;
    this.provider = provider;
    old.provider.destroy();
    old.doc.destroy();
  }

  async ready(): Promise<void> {
    await whenSynced(this.provider, 20_000);
    this.personaId = readPersonas(this.doc)[0]!.id;
  }

  /** One action within the rules: add a note, edit or delete one of its own, sort any honest note. */
  act(rng: Rng, honestNotes: readonly string[], tag: string): void {
    const own = [...this.notes.keys()].filter((id) => notesMap(this.doc).has(id));
    const anyHonest = honestNotes.filter((id) => notesMap(this.doc).has(id));
    const r = rng.next();
    if (r < 0.35 || own.length === 0) return this.add(rng, `${this.seat.name} ${tag}`);
    if (r < 0.55) editNoteText(this.doc, rng.pick(own), `${this.seat.name} edited ${tag}`);
    else if (r < 0.7 && anyHonest.length > 0) moveNote(this.doc, rng.pick(anyHonest), rng.pick(QUADRANT_IDS));
    else if (r < 0.8 && anyHonest.length > 0) setNoteColor(this.doc, rng.pick(anyHonest), rng.pick(['pink', 'blue', 'green'] as const));
    else if (r < 0.9 && anyHonest.length > 0)
      setNoteEvidence(this.doc, rng.pick(anyHonest), rng.pick(['observed', 'assumed', null] as const));
    else {
      const id = rng.pick(own);
      deleteNote(this.doc, id);
      this.notes.delete(id);
    }
  }

  private add(rng: Rng, text: string): void {
    const added = addNote(this.doc, {
      personaId: this.personaId,
      quadrant: rng.pick(QUADRANT_IDS),
      text,
      authorId: this.seat.participantId,
      authorName: this.seat.name,
    });
    if (!added.ok) return;
    const { id, personaId, authorId, authorName, createdAt } = added.value;
    this.notes.set(id, { id, personaId, authorId, authorName, createdAt });
    if (this.isOffline) this.offlineNotes.add(id);
  }

  goOffline(): void {
    this.isOffline = true;
    this.provider.disconnect();
  }

  comeBack(): void {
    this.isOffline = false;
    this.offlineNotes.clear();
    this.provider.connect();
  }

  /** Waits for a recovery in progress (the fuzzer checks convergence only after it). */
  async settled(): Promise<void> {
    await this.recovering;
    if (!this.isOffline) await whenSynced(this.provider, 20_000);
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
