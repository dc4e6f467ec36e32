/**
 * The closed lists of the domain, free of zod so that the first screen can import them without
 * pulling the schemas into its bundle.
 */

/** Every id: opaque, lowercase, URL- and key-safe. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{3,63}$/;
export const LANGUAGES = [
  'fr',
  'ar',
  'ber',
  'en',
  'es',
  'pt',
  'it',
  'de',
  'nl',
  'tr',
  'ro',
  'pl',
  'ru',
  'uk',
  'zh',
  'vi',
  'wo',
  'bm',
  'ln',
  'ta',
  'fa',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const SESSION_KINDS = ['cafe', 'gouter', 'aperitif'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const IDEA_KINDS = ['exchange', 'collective'] as const;
export type IdeaKind = (typeof IDEA_KINDS)[number];

/** 'offer' I offer, 'seek' I am looking for, 'both', 'no' not for me, 'join' I would take part. */
export const ANSWER_VALUES = ['offer', 'seek', 'both', 'no', 'join'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/**
 * A household's choice about one candidate link (another household, one idea): 'yes' I would like
 * to get in touch, 'not-now', 'met' we met, 'withdrawn' a yes taken back (stops what followed it).
 */
export const CHOICE_VALUES = ['yes', 'not-now', 'met', 'withdrawn'] as const;
export type ChoiceValue = (typeof CHOICE_VALUES)[number];

/** Who recorded a choice: the household on its own device, or a facilitator on its behalf. */
export const CHOICE_AUTHORS = ['household', 'facilitator'] as const;
export type ChoiceAuthor = (typeof CHOICE_AUTHORS)[number];

/**
 * A Café-Rencontre's state (issue 12): 'planned' until the facilitator marks it 'held' (it took
 * place) or 'cancelled'. Only a planned café takes check-ins and sign-ups.
 */
export const CAFE_STATES = ['planned', 'held', 'cancelled'] as const;
export type CafeState = (typeof CAFE_STATES)[number];

/**
 * How a presence at a café was recorded: ticked on a list, or 'scanned': the household's own, from
 * the poster's code, its QR filmed or the short code under it typed (cafe-poster-code.ts).
 */
export const ATTENDANCE_METHODS = ['ticked', 'scanned'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/** A facilitator's decision on a household's proposed local idea; no decision yet means pending. */
export const PROPOSAL_DECISIONS = ['accepted', 'declined'] as const;
export type ProposalDecisionValue = (typeof PROPOSAL_DECISIONS)[number];
