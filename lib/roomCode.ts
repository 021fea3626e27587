/**
 * Room codes: 8 characters of Crockford base32 (no I, L, O, U), shown as `XXXX-XXXX`.
 * 40 random bits: with join attempts rate-limited, guessing a live room takes months.
 */
export const ROOM_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ROOM_CODE_LENGTH = 8;

const ROOM_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** A fresh random room code (canonical form: upper case, no dash). */
export function generateRoomCode(): string {
  const bytes = new Uint8Array(ROOM_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let code = '';
  for (const byte of bytes) code += ROOM_CODE_ALPHABET[byte & 31];
  return code;
}

/**
 * Parses what a person typed (any case, dash or spaces optional, Crockford look-alikes
 * I/L → 1 and O → 0) into the canonical code, or `null` if it cannot be a room code.
 */
export function parseRoomCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const canonical = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return ROOM_CODE_PATTERN.test(canonical) ? canonical : null;
}

/** `ABCD2345` → `ABCD-2345`, for people to read. */
export function formatRoomCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
