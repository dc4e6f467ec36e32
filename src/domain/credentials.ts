/**
 * Credentials as they travel: `v1.<kind>.<perimeterId>.<credentialId>.<secret>`, kind `f` for a
 * facilitator, `h` for a household. The ids say where to look the credential up; the secret proves
 * it. Only the SHA-256 of a secret is ever stored: on the server for facilitators, in the shared
 * document for households (a facilitator's tablet issues those offline).
 *
 * A household secret doubles as its short code, written down in groups of four, and the
 * credential id is derived from it, so the short code alone is enough to join.
 *
 * Format version: `v1`. A different layout needs `v2`, and `v1` tokens stay readable for as long
 * as devices may hold them.
 */
import { ID_PATTERN } from './constants';

export type TokenKind = 'facilitator' | 'household';

export interface Token {
  kind: TokenKind;
  perimeterId: string;
  credentialId: string;
  secret: string;
}

/** SHA-256 of a UTF-8 string, as lowercase hex: WebCrypto in browsers, node:crypto on the server. */
export type Sha256Hex = (text: string) => Promise<string>;

const VERSION = 'v1';
const KIND_LETTERS: Record<TokenKind, string> = { facilitator: 'f', household: 'h' };
const secretPattern = /^[a-z0-9]{16,128}$/;

/** 16 letters of the 32-letter id alphabet: 80 bits, short enough to write down. */
export const HOUSEHOLD_SECRET_LENGTH = 16;

export function formatToken(token: Token): string {
  return [VERSION, KIND_LETTERS[token.kind], token.perimeterId, token.credentialId, token.secret].join('.');
}

export function parseToken(text: string): Token | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 5) return undefined;
  const [version, letter, perimeterId = '', credentialId = '', secret = ''] = parts;
  if (version !== VERSION) return undefined;
  const kind = letter === 'f' ? 'facilitator' : letter === 'h' ? 'household' : undefined;
  if (!kind || !isId(perimeterId) || !isId(credentialId) || !secretPattern.test(secret)) return undefined;
  return { kind, perimeterId, credentialId, secret };
}

/** The credential id of a household secret: anyone holding the short code can find it again. */
export async function householdCredentialId(secret: string, sha256hex: Sha256Hex): Promise<string> {
  return `c${(await sha256hex(`tissage-credential:${secret}`)).slice(0, 15)}`;
}

/** "abcd-efgh-jkmn-pqrs": the secret as a person writes it down. */
export function shortCode(secret: string): string {
  return secret.match(/.{1,4}/g)?.join('-') ?? secret;
}

/** The secret behind a typed short code, forgiving spaces, dashes and capitals. */
export function secretFromShortCode(code: string): string | undefined {
  const secret = code.toLowerCase().replace(/[\s-]/g, '');
  return secret.length === HOUSEHOLD_SECRET_LENGTH && /^[a-km-np-z2-9]+$/.test(secret) ? secret : undefined;
}

function isId(text: string): boolean {
  return ID_PATTERN.test(text);
}
