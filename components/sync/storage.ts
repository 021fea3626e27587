import type { SessionReply } from '../../lib/api';

/** What this device remembers per workshop, so a reload rejoins as the same participant. */
const participantKey = (code: string) => `pw:participant:${code}`;
const facilitatorKey = (code: string) => `pw:facilitator-key:${code}`;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode on some phones): fall back to joining again
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // best effort
  }
}

export function loadParticipantSession(code: string): SessionReply | null {
  const raw = read(participantKey(code));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SessionReply>;
    return typeof value.token === 'string' && typeof value.participantId === 'string' ? (value as SessionReply) : null;
  } catch {
    return null;
  }
}

export function saveParticipantSession(session: SessionReply): void {
  write(participantKey(session.code), JSON.stringify(session));
}

export function forgetParticipantSession(code: string): void {
  write(participantKey(code), null);
}

export function loadFacilitatorKey(code: string): string | null {
  return read(facilitatorKey(code));
}

export function saveFacilitatorKey(code: string, key: string): void {
  write(facilitatorKey(code), key);
}
