import { LIMITS } from '../lib/limits';

const MIB = 1024 * 1024;

/**
 * What one server lets a workshop, a person or an address cost it. Each is a `createAppServer`
 * option (`limits`) and an environment variable read in `server/main.ts`; the README's table of
 * limits says what a person sees when one is reached.
 */
export interface ServerLimits {
  /** Private notes one participant may have waiting for the reveal. */
  draftsPerParticipant: number;
  /** Private notes a workshop may have waiting for the reveal, everyone's together. */
  draftsPerWorkshop: number;
  /** People in a workshop (the facilitator and removed participants not counted). */
  participantsPerWorkshop: number;
  /** New participants a workshop admits per minute. */
  joinsPerWorkshopPerMinute: number;
  /** Open Yjs connections, and open control (socket.io) connections, per participant; the oldest makes way. */
  connectionsPerParticipant: number;
  /** Downloads of a board (every export format, snapshot reads) per client address per minute. */
  exportsPerAddressPerMinute: number;
  /** Downloads of one workshop's board per minute, from every address together. */
  exportsPerWorkshopPerMinute: number;
  /** What one workshop may keep on disk: its document, snapshots and pictures together. */
  workshopStorageBytes: number;
  /** What the whole database may hold. */
  totalStorageBytes: number;
  /** Below this much free disk, nothing new is stored (workshops, imports, copies, snapshots, pictures). */
  minFreeDiskBytes: number;
  /** The largest WebSocket message the Yjs endpoint takes (fragments counted together). */
  wsMaxMessageBytes: number;
  /** Bytes of half-received WebSocket messages all Yjs connections may hold together. */
  wsInFlightBytes: number;
  /** Sync requests (sync step 1) one connection may make per minute after its first few, beyond those answered from the cache. */
  syncRequestsPerMinute: number;
  /** How long a board loaded for a command, an export or a snapshot stays in memory with nobody connected. */
  idleRoomMs: number;
  /** How many boards may stay loaded that way; the least recently used leaves first. */
  idleRoomsMax: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  draftsPerParticipant: 100,
  draftsPerWorkshop: 2_000,
  participantsPerWorkshop: 150,
  joinsPerWorkshopPerMinute: 120,
  connectionsPerParticipant: 8,
  exportsPerAddressPerMinute: 30,
  exportsPerWorkshopPerMinute: 30,
  workshopStorageBytes: 64 * MIB,
  totalStorageBytes: 20 * 1024 * MIB,
  minFreeDiskBytes: 1024 * MIB,
  // A legitimate message is at most an update as large as the whole board, plus its framing.
  wsMaxMessageBytes: LIMITS.docBytes + MIB,
  wsInFlightBytes: 64 * MIB,
  syncRequestsPerMinute: 6,
  idleRoomMs: 30_000,
  idleRoomsMax: 32,
};

/** Sync requests a connection may make at once before `syncRequestsPerMinute` applies (a connect sends one). */
export const SYNC_REQUEST_BURST = 3;

export function serverLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  return { ...DEFAULT_SERVER_LIMITS, ...overrides };
}
