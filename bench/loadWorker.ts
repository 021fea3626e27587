import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote, editNoteText, moveNote, notesMap } from '../lib/board';
import { QUADRANT_IDS, type QuadrantId } from '../lib/quadrants';
import { seededRandom } from '../tests/helpers/prng';
import { connect, createRoom, firstPersonaId, mapLimit, resetTraffic, takeSeat, traffic, waitUntil, whenSynced, type Seat } from './client';
import type { LoadConfig, LoadReport } from './workerMessages';

const SYNC_TIMEOUT_MS = 60_000;
/** After the last op, how long changes may take to reach everyone before they count as incomplete. */
const DRAIN_TIMEOUT_MS = 5_000;
const CONNECT_BATCH = 100;

interface Client {
  seat: Seat;
  doc: Y.Doc;
  provider: WebsocketProvider;
  roomSize: number;
  personaId: string;
  /** This client's own notes and their quadrant: clients only move and edit their own, as people do. */
  notes: Map<string, QuadrantId>;
  /** Which instance it is connected to (0 with one server). */
  instance: number;
}

interface Pending {
  sentAt: number;
  remaining: number;
  worst: number;
  /** The sender's instance, and the worst arrival on it and on the others (-1: no receiver there). */
  from: number;
  worstWithin: number;
  worstAcross: number;
}

/**
 * One load generator process: a share of the rooms, every client of a room in this process, so
 * a change's send time and its arrivals are read from one clock (`performance.now()`).
 * A change is keyed by what a receiver can see (`noteId|add`, `noteId|quadrant|value`,
 * `noteId|text|value`); edited texts carry a sequence number and a timestamp, so keys are unique.
 */
export class LoadWorker {
  private readonly random: () => number;
  private readonly clients: Client[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly deliveries: number[] = [];
  private readonly fanouts: number[] = [];
  private readonly fanoutsWithin: number[] = [];
  private readonly fanoutsAcross: number[] = [];
  private readonly ops = { add: 0, move: 0, edit: 0 };
  private readonly notesByRoom: Record<string, number> = {};
  private readonly timers: NodeJS.Timeout[] = [];
  private expectedDeliveries = 0;
  /** Connections the server closed (or that dropped) during the window; each one resyncs. */
  private connectionCloses = 0;
  private incompleteChanges = 0;
  private sequence = 0;
  rooms: string[] = [];
  setupMs = 0;

  constructor(private readonly config: LoadConfig) {
    this.random = seededRandom(config.seed);
  }

  async setUp(): Promise<void> {
    const started = performance.now();
    const { target, label, clientsPerRoom } = this.config;
    this.rooms = await mapLimit(Array.from({ length: this.config.rooms }), 8, (_, i) => createRoom(target, `${label}-${i}`));
    const seatsOf = await mapLimit(this.rooms, 4, (room, r) =>
      mapLimit(Array.from({ length: clientsPerRoom }), 8, (_, i) => takeSeat(target, room, `P${i} r${r} ${label}`)),
    );
    // The first client of each room goes first: on the reference server it writes the board's persona.
    const firsts = seatsOf.map((seats) => seats[0]!);
    const rest = seatsOf.flatMap((seats) => seats.slice(1));
    const spread = this.config.instances?.length ?? 1;
    const isAffine = this.config.balance === 'affinity';
    const instanceOf = new Map(
      seatsOf.flatMap((seats, r) => seats.map((seat, i) => [seat, isAffine ? hashOf(this.rooms[r]!) % spread : i % spread] as const)),
    );
    for (const group of [firsts, rest]) {
      for (let i = 0; i < group.length; i += CONNECT_BATCH) {
        const batch = group.slice(i, i + CONNECT_BATCH).map((seat) => this.open(seat, group === firsts, instanceOf.get(seat) ?? 0));
        await Promise.all(batch);
      }
    }
    for (const room of this.rooms) this.notesByRoom[room] = 0;
    this.setupMs = performance.now() - started;
  }

  private async open(seat: Seat, isFirst: boolean, instance: number): Promise<void> {
    const doc = new Y.Doc();
    const target = this.config.instances?.[instance] ?? this.config.target;
    const provider = connect(target, seat, doc);
    await whenSynced(provider, SYNC_TIMEOUT_MS);
    const personaId = await firstPersonaId(target, doc, isFirst, SYNC_TIMEOUT_MS);
    const client: Client = { seat, doc, provider, roomSize: this.config.clientsPerRoom, personaId, notes: new Map(), instance };
    provider.on('connection-close', () => this.connectionCloses++);
    notesMap(doc).observeDeep((events, transaction) => {
      if (!transaction.local) this.observe(events, performance.now(), instance);
    });
    this.clients.push(client);
  }

  private observe(events: Y.YEvent<Y.AbstractType<unknown>>[], now: number, instance: number): void {
    for (const event of events) {
      const keys = (event as Y.YMapEvent<unknown>).keysChanged;
      if (event.path.length === 0) {
        for (const key of keys) this.arrive(`${key}|add`, now, instance);
        continue;
      }
      const note = event.target as Y.Map<unknown>;
      for (const key of keys)
        if (key === 'quadrant' || key === 'text') this.arrive(`${String(note.get('id'))}|${key}|${String(note.get(key))}`, now, instance);
    }
  }

  private arrive(key: string, now: number, instance: number): void {
    const change = this.pending.get(key);
    if (!change) return;
    const latency = now - change.sentAt;
    this.deliveries.push(latency);
    change.worst = Math.max(change.worst, latency);
    if (instance === change.from) change.worstWithin = Math.max(change.worstWithin, latency);
    else change.worstAcross = Math.max(change.worstAcross, latency);
    if (--change.remaining > 0) return;
    this.fanouts.push(change.worst);
    if (change.worstWithin >= 0) this.fanoutsWithin.push(change.worstWithin);
    if (change.worstAcross >= 0) this.fanoutsAcross.push(change.worstAcross);
    this.pending.delete(key);
  }

  private track(key: string, sentAt: number, sender: Client): void {
    if (this.pending.delete(key)) this.incompleteChanges++;
    this.pending.set(key, { sentAt, remaining: sender.roomSize - 1, worst: 0, from: sender.instance, worstWithin: -1, worstAcross: -1 });
    this.expectedDeliveries += sender.roomSize - 1;
  }

  /** One random op as a person would make it: add a note, or move or edit one of their own. */
  private act(client: Client): void {
    const { doc, seat, notes } = client;
    const draw = this.random();
    const own = [...notes.keys()];
    const seq = ++this.sequence;
    const sentAt = performance.now();
    const text = `${seat.name}: idea ${seq} at ${Date.now()}`;
    if (own.length === 0 || draw < 1 / 3) {
      const quadrant = QUADRANT_IDS[Math.floor(this.random() * QUADRANT_IDS.length)]!;
      const added = addNote(doc, { personaId: client.personaId, quadrant, text, authorId: seat.participantId, authorName: seat.name });
      if (!added.ok) return;
      notes.set(added.value.id, quadrant);
      this.notesByRoom[seat.room] = (this.notesByRoom[seat.room] ?? 0) + 1;
      this.ops.add++;
      this.track(`${added.value.id}|add`, sentAt, client);
      return;
    }
    const id = own[Math.floor(this.random() * own.length)]!;
    if (draw < 2 / 3) {
      const others = QUADRANT_IDS.filter((q) => q !== notes.get(id));
      const quadrant = others[Math.floor(this.random() * others.length)]!;
      if (!moveNote(doc, id, quadrant).ok) return;
      notes.set(id, quadrant);
      this.ops.move++;
      this.track(`${id}|quadrant|${quadrant}`, sentAt, client);
      return;
    }
    if (!editNoteText(doc, id, text).ok) return;
    this.ops.edit++;
    this.track(`${id}|text|${text}`, sentAt, client);
  }

  /** Every client acts once per interval, each at its own phase, for `durationMs`; then drains. */
  async run(durationMs: number): Promise<LoadReport> {
    this.resetCounts();
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const interval = this.config.opIntervalMs;
    for (const client of this.clients) {
      const phase = this.random() * interval;
      const start = setTimeout(() => {
        this.act(client);
        this.timers.push(setInterval(() => this.act(client), interval));
      }, phase);
      this.timers.push(start);
    }
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    for (const timer of this.timers) clearTimeout(timer);
    await waitUntil('the last changes', () => this.pending.size === 0, DRAIN_TIMEOUT_MS).catch(() => undefined);
    const cpu = process.cpuUsage(cpu0);
    loopDelay.disable();
    return {
      deliveries: this.deliveries,
      fanouts: this.fanouts,
      fanoutsWithin: this.fanoutsWithin,
      fanoutsAcross: this.fanoutsAcross,
      ops: this.ops,
      expectedDeliveries: this.expectedDeliveries,
      incompleteChanges: this.incompleteChanges + this.pending.size,
      connectionCloses: this.connectionCloses,
      notesByRoom: this.notesByRoom,
      traffic: { ...traffic },
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - started,
      eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      setupMs: this.setupMs,
    };
  }

  /** Each run reports only its own changes (a warm-up run before it is discarded). */
  private resetCounts(): void {
    resetTraffic();
    this.connectionCloses = 0;
    this.incompleteChanges = 0;
    this.expectedDeliveries = 0;
    this.pending.clear();
    this.timers.length = 0;
    for (const list of [this.deliveries, this.fanouts, this.fanoutsWithin, this.fanoutsAcross]) list.length = 0;
    this.ops.add = this.ops.move = this.ops.edit = 0;
  }

  close(): void {
    for (const client of this.clients) {
      client.provider.destroy();
      client.doc.destroy();
    }
  }
}

/**
 * FNV-1a of a room's code: a stable, evenly spread choice of instance per room, standing in for
 * HAProxy's consistent hash of /yjs/<CODE> (which instance does not matter, only that it is one).
 */
function hashOf(code: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i += 1) hash = Math.imul(hash ^ code.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
