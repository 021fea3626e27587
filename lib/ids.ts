/**
 * Random ids for notes and personas. `crypto.randomUUID` exists only in secure contexts, and
 * phones on venue Wi-Fi often reach the app over plain http on a LAN address, so we build ids
 * from `getRandomValues`, which every context has.
 */
const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
export const ID_LENGTH = 16;
export const ID_PATTERN = /^[0-9a-z]{16}$/;

export function newId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}
