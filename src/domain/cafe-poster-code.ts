/**
 * The Café-Rencontre poster's QR code (issue 12): a resident scans it with the household's phone to
 * say "Je suis là" (the phone records its own presence, `how: 'scanned'`), with no network.
 *
 * The text, version 1, in the QR alphanumeric character set only (ISO/IEC 18004 §7.4.4: 0-9 A-Z
 * space $ % * + - . / :), so that the poster's code stays small and easy to read from afar:
 * `TC1:<PERIMETER>:<CAFE>`, ids uppercased (ids are lowercase, constants.ts ID_PATTERN). A new
 * version number means a new layout: a reader refuses versions it does not know
 * ('poster-version') rather than guess.
 *
 * Beside the QR code (under it on a narrow page) the poster prints the same café as a short code
 * to type (`posterTypedCode`), for a phone with no camera, a refused camera or a person who
 * prefers typing: 6 characters of an alphabet with no 0/O nor 1/I, derived from the ids alone, so
 * a phone with no network checks it against the café it expects. The invitation slips never carry
 * it: they reach people before the café, and the code is meant to say "I am at the café".
 *
 * The codes prove nothing: anyone could type them. They do not need to, because a household may
 * record its own presence anyway; a code only saves it from looking for the café in a list, and
 * checking it keeps a presence from being noted by a slip of the finger or last month's poster.
 * Either way the presence is recorded `how: 'scanned'` (the household's own, from the poster's
 * code): a new value would be refused by the schema of phones not yet updated.
 */
import type { Cafe } from './schemas';
import { ID_PATTERN } from './constants';

/** The QR text's layout version; bump it for any change a version-1 reader would misread. */
export const POSTER_CODE_VERSION = 1;

const PREFIX = 'TC';

/**
 * Why a scanned text is not this café's poster: not a poster code at all, a newer layout, another
 * perimeter's poster, another café's (last month's poster, say), or a café that was cancelled or
 * already held, or that starts more than an hour later (cafe-status.ts householdCheckInWindow); or a typed code that is not the expected café's (a slip of the finger, another
 * café's poster).
 */
export type PosterCodeError =
  | 'poster-unknown'
  | 'poster-version'
  | 'poster-other-perimeter'
  | 'poster-other-cafe'
  | 'poster-cafe-cancelled'
  | 'poster-cafe-over'
  | 'poster-cafe-early'
  | 'poster-typed-wrong';

/** The poster's QR text for `cafeId` of `perimeterId` (both ids as constants.ts ID_PATTERN). */
export function posterCode(perimeterId: string, cafeId: string): string {
  return `${PREFIX}${POSTER_CODE_VERSION}:${perimeterId.toUpperCase()}:${cafeId.toUpperCase()}`;
}

/** The ids a poster text carries, or why it is not a poster code this app can read. */
export function parsePosterCode(
  text: string,
): { ok: true; perimeterId: string; cafeId: string } | { ok: false; error: PosterCodeError } {
  const match = /^TC(\d+):([^:]+):([^:]+)$/.exec(text.trim());
  if (!match) return { ok: false, error: 'poster-unknown' };
  if (Number(match[1]) !== POSTER_CODE_VERSION) return { ok: false, error: 'poster-version' };
  const perimeterId = match[2]!.toLowerCase();
  const cafeId = match[3]!.toLowerCase();
  if (!ID_PATTERN.test(perimeterId) || !ID_PATTERN.test(cafeId))
    return { ok: false, error: 'poster-unknown' };
  return { ok: true, perimeterId, cafeId };
}

/**
 * Reads a scanned or typed text as the poster of the café a phone expects (`expected`: the next
 * café, as cafe-queries.ts nextCafe gives it, or the café the phone's screen shows) in
 * `perimeterId`. `lookup` finds a café by id in the phone's document, so that a cancelled or held
 * café is named as such rather than as "another café". A text that is not a QR text but has the
 * typed code's shape (`normalizePosterTyped`) is read as typed: accepted only if it is exactly the
 * expected café's code ('poster-typed-wrong' otherwise). Gives the café's id, or the reason.
 */
export function readPosterCode(
  text: string,
  perimeterId: string,
  expected: Pick<Cafe, 'id'> | undefined,
  lookup: (cafeId: string) => Pick<Cafe, 'state'> | undefined,
): { ok: true; cafeId: string } | { ok: false; error: PosterCodeError } {
  const typed = normalizePosterTyped(text);
  if (typed !== undefined) return readTyped(typed, perimeterId, expected, lookup);
  const parsed = parsePosterCode(text);
  if (!parsed.ok) return parsed;
  if (parsed.perimeterId !== perimeterId) return { ok: false, error: 'poster-other-perimeter' };
  const cafe = lookup(parsed.cafeId);
  if (cafe?.state === 'cancelled') return { ok: false, error: 'poster-cafe-cancelled' };
  if (cafe?.state === 'held') return { ok: false, error: 'poster-cafe-over' };
  if (!cafe || parsed.cafeId !== expected?.id) return { ok: false, error: 'poster-other-cafe' };
  return { ok: true, cafeId: parsed.cafeId };
}

/** The typed code's length, in characters of POSTER_TYPED_ALPHABET: 30 bits. */
export const POSTER_TYPED_LENGTH = 6;

/**
 * The typed code's 32 characters: digits and capitals without 0, O, 1 and I, which people and
 * fonts confuse (the same reason as Crockford's base32, https://www.crockford.com/base32.html,
 * which keeps 0 and 1 and drops letters instead; here neither form of the pair is left to doubt).
 */
export const POSTER_TYPED_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The short code printed beside the poster's QR for `cafeId` of `perimeterId` (both ids as
 * constants.ts ID_PATTERN), as shown: two groups of three read aloud one after the other,
 * "KM7 X4P". Pure and deterministic: the phone recomputes it from the ids it holds, offline.
 * 30 bits of a hash of the QR text (FNV-1a then MurmurHash3's finalizer, so that two cafés whose
 * ids differ by one character get codes that look nothing alike). Two cafés may share a code
 * (about one chance in a billion a pair); a phone only compares a typed code with the one café it
 * expects, so that costs nothing more than a typo would.
 */
export function posterTypedCode(perimeterId: string, cafeId: string): string {
  let value = fmix32(fnv1a(posterCode(perimeterId, cafeId)));
  let code = '';
  for (let i = 0; i < POSTER_TYPED_LENGTH; i++) {
    code += POSTER_TYPED_ALPHABET[value & 31];
    value >>>= 5;
  }
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * A typed text as the typed code's characters: capitals, with spaces, dashes and dots left out
 * (people copy "KM7 X4P" as "km7-x4p"), or undefined when it does not have the typed code's shape
 * (POSTER_TYPED_LENGTH letters or digits), for instance a QR text or a word.
 */
export function normalizePosterTyped(text: string): string | undefined {
  const plain = text.replace(/[\s.-]/g, '').toUpperCase();
  return new RegExp(`^[A-Z0-9]{${POSTER_TYPED_LENGTH}}$`).test(plain) ? plain : undefined;
}

function readTyped(
  typed: string,
  perimeterId: string,
  expected: Pick<Cafe, 'id'> | undefined,
  lookup: (cafeId: string) => Pick<Cafe, 'state'> | undefined,
): { ok: true; cafeId: string } | { ok: false; error: PosterCodeError } {
  if (!expected || typed !== posterTypedCode(perimeterId, expected.id).replace(' ', ''))
    return { ok: false, error: 'poster-typed-wrong' };
  const state = lookup(expected.id)?.state;
  if (state === 'cancelled') return { ok: false, error: 'poster-cafe-cancelled' };
  if (state === 'held') return { ok: false, error: 'poster-cafe-over' };
  if (!state) return { ok: false, error: 'poster-typed-wrong' };
  return { ok: true, cafeId: expected.id };
}

/** FNV-1a, 32 bits, over UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * MurmurHash3's 32-bit finalizer (https://github.com/aappleby/smhasher, MurmurHash3.cpp fmix32):
 * a bijection that spreads every input bit over the whole output, so the code's low 30 bits
 * depend on every character of the ids.
 */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
