import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe: facilitator keys and participant tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are high-entropy, so one SHA-256 is enough to store them safely. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}

/** The secret of an `Authorization: Bearer …` header, if well formed. */
export function bearerSecret(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header ?? '');
  return match?.[1] ?? null;
}
