/**
 * Credentials as they travel: `v1.<kind>.<perimeterId>.<credentialId>.<secret>`, kind `f` for a
 * facilitator, `h` for a household. The perimeter and credential ids say where to look the
 * credential up; the secret proves it. Only the SHA-256 of a secret is ever stored, on the server
 * (facilitators, invitation codes) or in the shared document (households).
 *
 * Format version: `v1`. A different layout needs `v2`, and the server keeps reading `v1` tokens as
 * long as devices may hold them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { idFromBytes, idSchema } from '../domain';

export type TokenKind = 'facilitator' | 'household';

export interface Token {
  kind: TokenKind;
  perimeterId: string;
  credentialId: string;
  secret: string;
}

const VERSION = 'v1';
const KIND_LETTERS: Record<TokenKind, string> = { facilitator: 'f', household: 'h' };

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const SECRET_LENGTH = 26;
const secretPattern = /^[a-z2-7]{26,128}$/;

/** 26 base32 characters: 130 bits from the system's secure random source. */
export function newSecret(): string {
  // 256 is a multiple of 32, so keeping the low 5 bits of each byte stays uniform.
  return Array.from(randomBytes(SECRET_LENGTH), (byte) => BASE32[byte & 31]).join('');
}

/** A random identifier in the domain's id format. */
export function newId(): string {
  return idFromBytes(randomBytes(16));
}

export function formatToken(token: Token): string {
  return [VERSION, KIND_LETTERS[token.kind], token.perimeterId, token.credentialId, token.secret].join('.');
}

export function parseToken(text: string): Token | undefined {
  const parts = text.split('.');
  if (parts.length !== 5) return undefined;
  const [version, letter, perimeterId = '', credentialId = '', secret = ''] = parts;
  if (version !== VERSION) return undefined;
  const kind = letter === 'f' ? 'facilitator' : letter === 'h' ? 'household' : undefined;
  if (!kind || !isId(perimeterId) || !isId(credentialId) || !secretPattern.test(secret)) return undefined;
  return { kind, perimeterId, credentialId, secret };
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

function isId(text: string): boolean {
  return idSchema.safeParse(text).success;
}
