import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, formatRoomCode, generateRoomCode, parseRoomCode } from '../../lib/roomCode';

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{8}$/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ROOM_CODE_ALPHABET', () => {
  it('is the 32 Crockford characters, without the look-alikes I, L, O and the U', () => {
    expect(ROOM_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(32);
    for (const letter of 'ILOU') expect(ROOM_CODE_ALPHABET).not.toContain(letter);
    expect(ROOM_CODE_LENGTH).toBe(8);
  });
});

describe('generateRoomCode', () => {
  it('returns 8 canonical Crockford characters that parse back to themselves', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateRoomCode();
      expect(code).toMatch(CANONICAL);
      expect(parseRoomCode(code)).toBe(code);
    }
  });

  it('maps each random byte to one alphabet character by its low five bits', () => {
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array) => {
      if (array instanceof Uint8Array) array.set([0, 1, 31, 32, 255, 18, 200, 63]);
      return array;
    });
    // 255 & 31 = 31 → 'Z'; 200 & 31 = 8 → '8'; 63 & 31 = 31 → 'Z'; 18 → 'J' (I is skipped).
    expect(generateRoomCode()).toBe('01Z0ZJ8Z');
  });

  it('looks random: no repeats in 2000 codes and every character about equally often', () => {
    const codes = Array.from({ length: 2000 }, generateRoomCode);
    // 40 bits per code: a repeat among 2000 happens about once in 500,000 runs.
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const char of codes.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 16,000 characters → 500 expected each; ±150 is more than 6 standard deviations.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(350);
      expect(count).toBeLessThan(650);
    }
    const firstChars = new Set(codes.map((code) => code[0]));
    expect(firstChars.size).toBe(32);
  });
});

describe('parseRoomCode', () => {
  it.each([
    ['ABCD2345', 'ABCD2345'],
    ['abcd2345', 'ABCD2345'],
    ['AbCd-2345', 'ABCD2345'],
    ['ABCD-2345', 'ABCD2345'],
    ['  abcd 2345  ', 'ABCD2345'],
    ['ab-cd 23-45', 'ABCD2345'],
    ['abcd\t2345\n', 'ABCD2345'],
    ['--ABCD--2345--', 'ABCD2345'],
    ['A B C D 2 3 4 5', 'ABCD2345'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseRoomCode(input)).toBe(expected);
  });

  it('reads the look-alikes I and L as 1 and O as 0, in either case', () => {
    expect(parseRoomCode('ILil-OoO0')).toBe('11110000');
    expect(parseRoomCode('hel1-o2zz')).toBe('HE1102ZZ');
    expect(parseRoomCode('OOOO-IIII')).toBe('00001111');
  });

  it('accepts every character of the alphabet', () => {
    for (let i = 0; i < ROOM_CODE_ALPHABET.length; i += ROOM_CODE_LENGTH) {
      const code = ROOM_CODE_ALPHABET.slice(i, i + ROOM_CODE_LENGTH);
      expect(parseRoomCode(code)).toBe(code);
      expect(parseRoomCode(code.toLowerCase())).toBe(code);
    }
  });

  it.each([
    ['empty', ''],
    ['only a dash', '-'],
    ['7 characters', 'ABCD234'],
    ['9 characters', 'ABCD23456'],
    ['7 characters with a dash', 'ABC-2345'],
    ['a U', 'ABCD-234U'],
    ['a lower-case u', 'abcd-u234'],
    ['an underscore', 'ABCD_2345'],
    ['a dot', 'ABCD.2345'],
    ['a slash', 'ABCD/2345'],
    ['a non-Latin letter', 'ABCD-234Ж'],
    ['an emoji', 'ABCD-234🙂'],
  ])('refuses %s', (_label, input) => {
    expect(parseRoomCode(input)).toBeNull();
  });

  it.each([[null], [undefined], [12345678], [{}], [['ABCD2345']], [new String('ABCD2345')], [true]])(
    'refuses the non-string %j',
    (input) => {
      expect(parseRoomCode(input)).toBeNull();
    },
  );

  it('refuses input over 32 characters before cleaning it, even if it would clean to a code', () => {
    const padded = (total: number) => 'ABCD-2345'.padStart(total, ' ');
    expect(parseRoomCode(padded(32))).toBe('ABCD2345');
    expect(parseRoomCode(padded(33))).toBeNull();
    expect(parseRoomCode('A'.repeat(100_000))).toBeNull();
  });
});

describe('formatRoomCode', () => {
  it('splits a code into two groups of four', () => {
    expect(formatRoomCode('ABCD2345')).toBe('ABCD-2345');
  });

  it('round-trips with parseRoomCode', () => {
    for (let i = 0; i < 100; i++) {
      const code = generateRoomCode();
      const shown = formatRoomCode(code);
      expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(parseRoomCode(shown)).toBe(code);
      expect(parseRoomCode(shown.toLowerCase())).toBe(code);
    }
  });
});
