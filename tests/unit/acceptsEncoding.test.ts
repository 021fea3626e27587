import { describe, expect, it } from 'vitest';
import { acceptsEncoding } from '../../server/http/brotliStatic';

describe('acceptsEncoding (which clients get the brotli files)', () => {
  it.each([
    ['gzip, deflate, br, zstd', true], // Chromium, over http://127.0.0.1 as over HTTPS
    ['br', true],
    ['BR;Q=0.5', true],
    ['gzip;q=1.0, br;q=0.1', true],
    ['*', true],
    ['gzip, *;q=0.2', true],
  ])('takes br from %j', (header, expected) => expect(acceptsEncoding(header, 'br')).toBe(expected));

  it.each([
    [undefined, false],
    ['', false],
    ['gzip, deflate', false],
    ['identity', false],
    ['br;q=0', false],
    ['br;q=0.000, gzip', false],
    ['*, br;q=0', false], // refused by name, whatever the wildcard says
    ['br;q=nonsense', false],
    ['brotli', false],
    ['*;q=0', false],
  ])('refuses br for %j', (header, expected) => expect(acceptsEncoding(header, 'br')).toBe(expected));

  it('reads a header sent in several lines', () => {
    expect(acceptsEncoding(['gzip', 'br'], 'br')).toBe(true);
  });
});
