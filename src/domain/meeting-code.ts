/**
 * The meeting code (issue 11, must-have 6): two neighbours who meet on the street confirm it phone
 * to phone, with no network. One phone shows a QR code (or, for a phone without a camera, a short
 * code to read aloud); the other reads it and records its own household's 'met' choices. Each
 * device writes only its own household's records, so nothing needs a server: they sync later.
 *
 * The code is not a proof of anything: anyone in the perimeter could make one. It does not need to
 * be, because reading it only writes the reader's own choices, which its household may write
 * anyway. The nonce only tells a code this device already read (a screenshot shown twice) apart
 * from a new meeting.
 *
 * Two forms, one reader (`readMeetingCode`):
 *
 * - The QR text, version 1, in the QR alphanumeric character set only (ISO/IEC 18004 §7.4.4:
 *   0-9 A-Z space $ % * + - . / :, 5.5 bits a character against 8 in byte mode):
 *   `TS1:<PERIMETER>:<HOUSEHOLD>:<NONCE>:<IDEAS>[:<CARD>]`, ids uppercased (ids are lowercase,
 *   constants.ts ID_PATTERN), IDEAS the ideas in common as 4-character tokens (`ideaToken`)
 *   written one after the other, CARD the contact card the household chose to include, as base45
 *   (RFC 9285) of its UTF-8 text `phone LF email`. A new version number means a new layout:
 *   a reader refuses versions it does not know ('meeting-version') rather than guess.
 * - The typed code: 8 Crockford base32 characters (https://www.crockford.com/base32.html), read as
 *   two groups of four: the household's tag (`householdTag`, resolved among the households this
 *   device knows) then the nonce's tag. Case, spaces, dashes and the confusable letters
 *   (I and L for 1, O for 0, U for V) do not matter. It carries no ideas: the reader takes every
 *   idea it sees in common with that household.
 */
import * as z from 'zod/mini';
import type { Env } from './env';
import { contactSchema, idSchema } from './schemas';

/** The QR text's layout version; bump it for any change a version-1 reader would misread. */
export const MEETING_CODE_VERSION = 1;

/**
 * At most this many ideas and card bytes (UTF-8) in one code: with 16-character ids (Env.newId),
 * the QR text is then at most 304 characters, which QR version 10 holds at error correction level
 * M (311 alphanumeric characters; bench/qr.ts prints the sizes).
 */
export const MAX_MEETING_IDEAS = 28;
export const MAX_MEETING_CARD_BYTES = 90;

/** Why a code read changes nothing; the UI says each in words (src/i18n/fr-meeting.ts). */
export const MEETING_CODE_ERRORS = [
  'meeting-malformed',
  'meeting-version',
  'meeting-other-perimeter',
  'meeting-own-household',
  'meeting-unknown-household',
  'meeting-replayed',
  'meeting-nothing-in-common',
] as const;
export type MeetingCodeError = (typeof MEETING_CODE_ERRORS)[number];

/** What the household may hand over with the code: only what it chose to include. */
export interface MeetingCard {
  phone?: string;
  email?: string;
}

/** What the showing phone puts in its code. */
export interface MeetingCodeInput {
  perimeterId: string;
  householdId: string;
  /** The ideas the two households met about (at least one, at most MAX_MEETING_IDEAS). */
  ideaIds: readonly string[];
  /** Absent unless the household chose to include it. */
  card?: MeetingCard;
}

/** A code to show: the QR's text and the same meeting as a code to type. */
export interface MeetingCode {
  /** The QR text, in the QR alphanumeric character set. */
  qr: string;
  /** 8 characters as two groups of four, "ABCD EFGH". */
  typed: string;
}

/** What the reading device knows, from its own copy of the perimeter and its own store. */
export interface MeetingContext {
  perimeterId: string;
  /** The household this device speaks for. */
  ownHouseholdId: string;
  /** The perimeter's households this device knows (signed up, not erased). */
  households: readonly string[];
  /** The ideas this device sees in common between its household and `householdId`. */
  ideasInCommon(householdId: string): readonly string[];
  /** `Meeting.seenKey`s this device already recorded for this perimeter. */
  seen: ReadonlySet<string>;
}

/** A meeting read from a valid code: the reader records its own 'met' on `ideaIds`. */
export interface Meeting {
  householdId: string;
  /** Among the ideas in common as this device sees them; never empty. */
  ideaIds: string[];
  card?: MeetingCard;
  /** Record it once the 'met' choices are written: the same code read again is a replay. */
  seenKey: string;
}

export type MeetingRead = { ok: true; meeting: Meeting } | { ok: false; error: MeetingCodeError };

/**
 * A new code for a meeting, with a fresh nonce from `env` (80 random bits with the system env).
 * @throws Error if `input` breaks the domain's rules (no idea, too many, an id that is not one, a
 *   card that does not fit): callers pass what the document holds and check `meetingCardFits`, so
 *   that is a programming error.
 */
export function newMeetingCode(env: Env, input: MeetingCodeInput): MeetingCode {
  const nonce = env.newId();
  const ids = [input.perimeterId, input.householdId, nonce, ...input.ideaIds];
  if (!ids.every((id) => idSchema.safeParse(id).success)) throw new Error('meeting code: invalid id');
  if (input.ideaIds.length < 1 || input.ideaIds.length > MAX_MEETING_IDEAS)
    throw new Error(`meeting code: 1 to ${MAX_MEETING_IDEAS} ideas`);
  if (!meetingCardFits(input.card)) throw new Error('meeting code: card too long');
  const fields = [
    `TS${MEETING_CODE_VERSION}`,
    input.perimeterId.toUpperCase(),
    input.householdId.toUpperCase(),
    nonce.toUpperCase(),
    input.ideaIds.map(ideaToken).join(''),
  ];
  const card = cardText(input.card);
  if (card) fields.push(encodeBase45(new TextEncoder().encode(card)));
  const typed = householdTag(input.householdId) + nonceTag(nonce);
  return { qr: fields.join(':'), typed: `${typed.slice(0, 4)} ${typed.slice(4)}` };
}

/**
 * Reads a QR text or a typed code. Refusals, in this order: 'meeting-malformed' (neither form, or
 * a field that does not parse), 'meeting-version' (a QR text of another version),
 * 'meeting-other-perimeter', 'meeting-own-household' (this device's own code),
 * 'meeting-unknown-household' (not in `households`: this device has not synced it yet, or a typed
 * code mistyped), 'meeting-replayed' (its `seenKey` is in `seen`), 'meeting-nothing-in-common'
 * (none of its ideas is in common as this device sees them). Pure: records nothing.
 */
export function readMeetingCode(text: string, context: MeetingContext): MeetingRead {
  // Only leading blanks go from a QR text: its card's base45 may end with a space.
  const start = text.trimStart();
  const fields = /^TS\d+:/i.test(start) ? parseQr(start) : parseTyped(start, context);
  if (!fields.ok) return fields;
  const { perimeterId, householdId, tag, ideaTokens, card } = fields.value;
  if (perimeterId !== undefined && perimeterId !== context.perimeterId)
    return refuse('meeting-other-perimeter');
  if (householdId === context.ownHouseholdId) return refuse('meeting-own-household');
  if (!context.households.includes(householdId)) return refuse('meeting-unknown-household');
  const seenKey = `${householdId}/${tag}`;
  if (context.seen.has(seenKey)) return refuse('meeting-replayed');
  const inCommon = context.ideasInCommon(householdId);
  const ideaIds = ideaTokens ? inCommon.filter((id) => ideaTokens.has(ideaToken(id))) : [...inCommon];
  if (ideaIds.length === 0) return refuse('meeting-nothing-in-common');
  return { ok: true, meeting: { householdId, ideaIds, seenKey, ...(card ? { card } : {}) } };
}

/**
 * An idea's 4-character token in a QR text: FNV-1a (32 bits) of its id, in base 36. The reader
 * resolves tokens among the ideas it sees in common with the other household, a handful, so two
 * of those sharing a token (one chance in 1.68 million a pair) is not worth the bytes.
 */
export function ideaToken(ideaId: string): string {
  return (fnv1a(ideaId) % 36 ** 4).toString(36).toUpperCase().padStart(4, '0');
}

/** A household's 4-character tag in a typed code: 20 bits of FNV-1a of its id, Crockford base32. */
export function householdTag(householdId: string): string {
  return crockford(fnv1a(`household:${householdId}`), 4);
}

function nonceTag(nonce: string): string {
  return crockford(fnv1a(`nonce:${nonce}`), 4);
}

interface Fields {
  /** Absent for a typed code, which is read within the reader's own perimeter. */
  perimeterId?: string;
  householdId: string;
  /** The nonce's tag: what `seenKey` keeps, the same for a QR and the typed code of one meeting. */
  tag: string;
  /** Absent for a typed code: every idea in common. */
  ideaTokens?: ReadonlySet<string>;
  card?: MeetingCard;
}

type Parsed = { ok: true; value: Fields } | { ok: false; error: MeetingCodeError };

const refuse = (error: MeetingCodeError): { ok: false; error: MeetingCodeError } => ({ ok: false, error });

const qrSchema = z.object({
  perimeterId: idSchema,
  householdId: idSchema,
  nonce: idSchema,
  ideaTokens: z
    .array(z.string().check(z.regex(/^[0-9A-Z]{4}$/)))
    .check(z.minLength(1), z.maxLength(MAX_MEETING_IDEAS)),
  card: z.optional(z.object({ phone: contactSchema.shape.phone, email: contactSchema.shape.email })),
});

function parseQr(text: string): Parsed {
  const upper = text.toUpperCase();
  const [head, perimeter, household, nonce, ideas, ...rest] = upper.split(':');
  if (head !== `TS${MEETING_CODE_VERSION}`) {
    return refuse(/^TS\d+$/.test(head ?? '') ? 'meeting-version' : 'meeting-malformed');
  }
  // The card is base45, whose alphabet holds ':' too: it is everything after the fifth colon.
  const cardField = rest.length > 0 ? rest.join(':') : undefined;
  const card = cardField === undefined ? undefined : readCard(cardField);
  if (card === null) return refuse('meeting-malformed');
  const parsed = qrSchema.safeParse({
    perimeterId: perimeter?.toLowerCase(),
    householdId: household?.toLowerCase(),
    nonce: nonce?.toLowerCase(),
    ideaTokens: ideas !== undefined && ideas.length % 4 === 0 ? (ideas.match(/.{4}/g) ?? []) : undefined,
    card,
  });
  if (!parsed.success) return refuse('meeting-malformed');
  const value = parsed.data;
  return {
    ok: true,
    value: {
      perimeterId: value.perimeterId,
      householdId: value.householdId,
      tag: nonceTag(value.nonce),
      ideaTokens: new Set(value.ideaTokens),
      ...(value.card ? { card: value.card } : {}),
    },
  };
}

function parseTyped(text: string, context: MeetingContext): Parsed {
  const normal = normalizeTyped(text);
  if (normal === undefined) return refuse('meeting-malformed');
  const tag = normal.slice(0, 4);
  const matching = context.households.filter((id) => householdTag(id) === tag);
  // Two households of one perimeter sharing a tag (one chance in a million a pair) cannot be
  // told apart by the code: refuse rather than record a meeting with the wrong one.
  if (matching.length !== 1) return refuse('meeting-unknown-household');
  return { ok: true, value: { householdId: matching[0]!, tag: normal.slice(4) } };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Typed characters to Crockford's: what a person may type for what is shown. */
const CONFUSABLE: Record<string, string> = { I: '1', L: '1', O: '0', U: 'V' };

/** The 8 characters of a typed code, canonical, or undefined if it is not one. */
export function normalizeTyped(text: string): string | undefined {
  const chars = text
    .toUpperCase()
    .replace(/[\s.\-_]/g, '')
    .split('')
    .map((c) => CONFUSABLE[c] ?? c)
    .join('');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(chars) ? chars : undefined;
}

function crockford(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out = CROCKFORD[(value >>> (5 * i)) & 31] + out;
  return out;
}

/** FNV-1a, 32 bits, over UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Whether a card fits in a code (MAX_MEETING_CARD_BYTES): the UI offers only one that does. */
export function meetingCardFits(card: MeetingCard | undefined): boolean {
  return new TextEncoder().encode(cardText(card) ?? '').length <= MAX_MEETING_CARD_BYTES;
}

function cardText(card: MeetingCard | undefined): string | undefined {
  const phone = card?.phone?.trim() ?? '';
  const email = card?.email?.trim() ?? '';
  return phone || email ? `${phone}\n${email}` : undefined;
}

/** The card of a QR text, or null when its base45, UTF-8 or layout is broken. */
function readCard(field: string): MeetingCard | null {
  const bytes = decodeBase45(field);
  if (!bytes || bytes.length > MAX_MEETING_CARD_BYTES) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const parts = text.split('\n');
  if (parts.length !== 2) return null;
  const [phone, email] = parts as [string, string];
  return { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** RFC 9285 base45: each 2 bytes as 3 characters (least significant first), a last byte as 2. */
export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i]! * 256 + bytes[i + 1]!;
      for (let k = 0; k < 3; k++, n = Math.floor(n / 45)) out += BASE45[n % 45];
    } else {
      const n = bytes[i]!;
      out += BASE45[n % 45]! + BASE45[Math.floor(n / 45)]!;
    }
  }
  return out;
}

/** RFC 9285 base45 decoding; undefined for a length of 1 mod 3, a foreign character or overflow. */
export function decodeBase45(text: string): Uint8Array | undefined {
  if (text.length % 3 === 1) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    const digits = text
      .slice(i, i + 3)
      .split('')
      .map((c) => BASE45.indexOf(c));
    if (digits.some((d) => d < 0)) return undefined;
    const n = digits.reduce((sum, d, k) => sum + d * 45 ** k, 0);
    if (digits.length === 3) {
      if (n > 0xffff) return undefined;
      out.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) return undefined;
      out.push(n);
    }
  }
  return new Uint8Array(out);
}
