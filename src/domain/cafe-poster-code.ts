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
 * The code proves nothing: anyone could type it. It does not need to, because a household may
 * record its own presence anyway; the code only saves it from looking for the café in a list.
 */
import type { Cafe } from './schemas';
import { ID_PATTERN } from './constants';

/** The QR text's layout version; bump it for any change a version-1 reader would misread. */
export const POSTER_CODE_VERSION = 1;

const PREFIX = 'TC';

/**
 * Why a scanned text is not this café's poster: not a poster code at all, a newer layout, another
 * perimeter's poster, another café's (last month's poster, say), or a café that was cancelled or
 * already held.
 */
export type PosterCodeError =
  | 'poster-unknown'
  | 'poster-version'
  | 'poster-other-perimeter'
  | 'poster-other-cafe'
  | 'poster-cafe-cancelled'
  | 'poster-cafe-over';

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
 * Reads a scanned text as the poster of the café a phone expects (`expected`: the next café, as
 * cafe-queries.ts nextCafe gives it, or the café the phone's screen shows) in `perimeterId`.
 * `lookup` finds a café by id in the phone's document, so that a cancelled or held café is named
 * as such rather than as "another café". Gives the café's id to check in at, or the reason.
 */
export function readPosterCode(
  text: string,
  perimeterId: string,
  expected: Pick<Cafe, 'id'> | undefined,
  lookup: (cafeId: string) => Pick<Cafe, 'state'> | undefined,
): { ok: true; cafeId: string } | { ok: false; error: PosterCodeError } {
  const parsed = parsePosterCode(text);
  if (!parsed.ok) return parsed;
  if (parsed.perimeterId !== perimeterId) return { ok: false, error: 'poster-other-perimeter' };
  const cafe = lookup(parsed.cafeId);
  if (cafe?.state === 'cancelled') return { ok: false, error: 'poster-cafe-cancelled' };
  if (cafe?.state === 'held') return { ok: false, error: 'poster-cafe-over' };
  if (!cafe || parsed.cafeId !== expected?.id) return { ok: false, error: 'poster-other-cafe' };
  return { ok: true, cafeId: parsed.cafeId };
}
