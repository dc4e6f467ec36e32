/**
 * The server's side of credentials: secrets from Node's secure random source and SHA-256 hashes
 * compared in constant time. The token format itself is the domain's (domain/credentials.ts),
 * shared with the devices that issue and read tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { idFromBytes } from '../domain';

export { type Token, type TokenKind, formatToken, parseToken } from '../domain/credentials';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const SECRET_LENGTH = 26;

/** 26 base32 characters: 130 bits from the system's secure random source. */
export function newSecret(): string {
  // 256 is a multiple of 32, so keeping the low 5 bits of each byte stays uniform.
  return Array.from(randomBytes(SECRET_LENGTH), (byte) => BASE32[byte & 31]).join('');
}

/** A random identifier in the domain's id format. */
export function newId(): string {
  return idFromBytes(randomBytes(16));
}

export function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two SHA-256 hex digests in constant time, so timing reveals nothing about a stored hash. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
}
