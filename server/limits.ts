import { z } from 'zod';
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
  wsMaxMessageBytes: LIMITS.wsMaxPayloadBytes,
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

/** Each limit's environment variable (read by `server/main.ts`) and the unit it is written in. */
export const LIMIT_ENV: Record<keyof ServerLimits, { name: string; unit: 'count' | 'MB' | 'seconds' }> = {
  draftsPerParticipant: { name: 'MAX_DRAFTS_PER_PARTICIPANT', unit: 'count' },
  draftsPerWorkshop: { name: 'MAX_DRAFTS_PER_WORKSHOP', unit: 'count' },
  participantsPerWorkshop: { name: 'MAX_PARTICIPANTS_PER_WORKSHOP', unit: 'count' },
  joinsPerWorkshopPerMinute: { name: 'JOINS_PER_WORKSHOP_PER_MINUTE', unit: 'count' },
  connectionsPerParticipant: { name: 'MAX_CONNECTIONS_PER_PARTICIPANT', unit: 'count' },
  exportsPerAddressPerMinute: { name: 'EXPORTS_PER_ADDRESS_PER_MINUTE', unit: 'count' },
  exportsPerWorkshopPerMinute: { name: 'EXPORTS_PER_WORKSHOP_PER_MINUTE', unit: 'count' },
  workshopStorageBytes: { name: 'WORKSHOP_STORAGE_MB', unit: 'MB' },
  totalStorageBytes: { name: 'TOTAL_STORAGE_MB', unit: 'MB' },
  minFreeDiskBytes: { name: 'MIN_FREE_DISK_MB', unit: 'MB' },
  wsMaxMessageBytes: { name: 'WS_MAX_MESSAGE_MB', unit: 'MB' },
  wsInFlightBytes: { name: 'WS_IN_FLIGHT_MB', unit: 'MB' },
  syncRequestsPerMinute: { name: 'SYNC_REQUESTS_PER_MINUTE', unit: 'count' },
  idleRoomMs: { name: 'IDLE_ROOM_SECONDS', unit: 'seconds' },
  idleRoomsMax: { name: 'MAX_IDLE_ROOMS', unit: 'count' },
};

const UNIT_FACTOR = { count: 1, MB: MIB, seconds: 1000 } as const;

/**
 * The limits set in an environment (`server/main.ts` passes `process.env`): each a positive
 * number in its unit (fractions allowed for MB and seconds); a bad value names its variable.
 */
export function limitsFromEnv(env: Record<string, string | undefined>): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  for (const [key, { name, unit }] of Object.entries(LIMIT_ENV) as [keyof ServerLimits, (typeof LIMIT_ENV)[keyof ServerLimits]][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const schema = unit === 'count' ? z.coerce.number().int().min(0) : z.coerce.number().min(0);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${name} must be a number of ${unit === 'count' ? 'items' : unit} (got "${raw}")`);
    limits[key] = Math.round(parsed.data * UNIT_FACTOR[unit]);
  }
  return limits;
}
