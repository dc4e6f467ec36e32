import { HOUSEHOLD_SECRET_LENGTH } from '../domain/credentials';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A household secret from the platform's secure random source: 32 letters, 5 bits each. */
export function newHouseholdSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(HOUSEHOLD_SECRET_LENGTH));
  // 256 is a multiple of 32: keeping the low 5 bits of each byte stays uniform.
  return Array.from(bytes, (byte) => ALPHABET[byte & 31]).join('');
}

export async function sha256hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
