/**
 * Random ids for notes and personas. `crypto.randomUUID` exists only in secure contexts, and
 * phones on venue Wi-Fi often reach the app over plain http on a LAN address, so we build ids
 * from `getRandomValues`, which every context has.
 */
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
export const ID_LENGTH = 16;
export const ID_PATTERN = /^[0-9a-z]{16}$/;

/** Bytes at or above this are skipped, so every character is equally likely (252 = 7 × 36). */
const UNBIASED_BYTE_LIMIT = 252;

export function newId(): string {
  let id = '';
  const bytes = new Uint8Array(ID_LENGTH * 2);
  while (id.length < ID_LENGTH) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_BYTE_LIMIT && id.length < ID_LENGTH) id += ID_ALPHABET[byte % ID_ALPHABET.length];
    }
  }
  return id;
}
