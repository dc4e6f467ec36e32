/**
 * Clock and randomness are injected so that commands are pure and tests deterministic.
 */
export interface Env {
  /** Current time as an ISO 8601 string. */
  now(): string;
  /** A new opaque identifier: random, unguessable, never derived from personal data. */
  newId(): string;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 16 characters from a 32-letter alphabet: 80 bits of randomness. */
export function idFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[(bytes[i] ?? 0) % 32];
  return out;
}

export const systemEnv: Env = {
  now: () => new Date().toISOString(),
  newId: () => idFromBytes(globalThis.crypto.getRandomValues(new Uint8Array(16))),
};
