import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, LIMIT_ENV, limitsFromEnv, serverLimits } from '../../server/limits';

describe('server limits from the environment', () => {
  it('reads each variable in its unit and leaves the others at their defaults', () => {
    const limits = serverLimits(
      limitsFromEnv({
        MAX_DRAFTS_PER_PARTICIPANT: '40',
        WORKSHOP_STORAGE_MB: '128',
        WS_MAX_MESSAGE_MB: '8.5',
        IDLE_ROOM_SECONDS: '5',
        PORT: '3000',
      }),
    );
    expect(limits.draftsPerParticipant).toBe(40);
    expect(limits.workshopStorageBytes).toBe(128 * 1024 * 1024);
    expect(limits.wsMaxMessageBytes).toBe(8.5 * 1024 * 1024);
    expect(limits.idleRoomMs).toBe(5000);
    expect(limits.draftsPerWorkshop).toBe(DEFAULT_SERVER_LIMITS.draftsPerWorkshop);
  });

  it('names the variable of a bad value instead of starting with a wrong limit', () => {
    expect(() => limitsFromEnv({ MAX_PARTICIPANTS_PER_WORKSHOP: 'lots' })).toThrow(/MAX_PARTICIPANTS_PER_WORKSHOP/);
    expect(() => limitsFromEnv({ MAX_DRAFTS_PER_WORKSHOP: '2.5' })).toThrow(/MAX_DRAFTS_PER_WORKSHOP/);
    expect(() => limitsFromEnv({ MIN_FREE_DISK_MB: '-1' })).toThrow(/MIN_FREE_DISK_MB/);
  });

  it('has a variable for every limit, each named once', () => {
    expect(Object.keys(LIMIT_ENV).sort()).toEqual(Object.keys(DEFAULT_SERVER_LIMITS).sort());
    const names = Object.values(LIMIT_ENV).map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
