/**
 * The shapes of everything Tissage stores, as zod schemas. Each refusal carries an ErrorCode as its
 * message so the UI can say it in the user's language.
 *
 * Wire/storage format version: records written into the shared document follow these shapes.
 * Adding an optional field is backwards compatible; renaming or removing one needs a new
 * SHARED_FORMAT_VERSION and a migration of the documents already on devices.
 */
import * as z from 'zod/mini';
import type { ErrorCode } from './errors';
import {
  ANSWER_VALUES,
  ATTENDANCE_METHODS,
  CAFE_STATES,
  CHOICE_AUTHORS,
  CHOICE_VALUES,
  ID_PATTERN,
  IDEA_KINDS,
  LANGUAGES,
  PROPOSAL_DECISIONS,
  SESSION_KINDS,
} from './constants';

export * from './constants';

export const SHARED_FORMAT_VERSION = 1;

const e = (code: ErrorCode) => ({ error: code });

/**
 * Longest lists in records, far above real use: every record travels to every device of the
 * perimeter, so none may grow without bound. Longer is refused with `too-long`.
 */
export const MAX_PLACES = 500;
export const MAX_LANGUAGES = 30;
export const MAX_WITNESSES = 50;
export const MAX_PRESENT = 1000;

/**
 * Most proposals (local ideas proposed) and micro-projects one household may start: far above real
 * use (a resident proposes a few ideas a year), and what keeps one household credential from
 * filling the document every device downloads (rights.ts withinBounds). More is refused with
 * `proposals-full` / `projects-full` by the commands, and as invalid by the sync server.
 */
export const MAX_PROPOSALS_PER_HOUSEHOLD = 20;
export const MAX_PROJECTS_PER_HOUSEHOLD = 10;

/** Bounds of a perimeter's group threshold: a group is at least two households, at most a café's room. */
export const MIN_GROUP_THRESHOLD = 2;
export const MAX_GROUP_THRESHOLD = 50;

export const idSchema = z.string().check(z.regex(ID_PATTERN, e('invalid')));

const text = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, e('required')), z.maxLength(max, e('too-long')));

const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max, e('too-long'))));

const isoDateTime = z.iso.datetime(e('invalid-date'));

export const isoDate = z.iso.date(e('invalid-date'));

export const placeName = text(80);

export const perimeterSchema = z.object({
  id: idSchema,
  name: text(80),
  places: z
    .array(placeName)
    .check(z.minLength(1, e('places-required')), z.maxLength(MAX_PLACES, e('too-long'))),
  dwellings: z
    .int(e('dwellings-range'))
    .check(z.gte(1, e('dwellings-range')), z.lte(5000, e('dwellings-range'))),
  createdAt: isoDateTime,
  /**
   * Households that must say they would take part in a collective idea before its group shows
   * (issue 11); absent means links.ts DEFAULT_GROUP_THRESHOLD (3). Optional: older records stay valid.
   */
  groupThreshold: z.optional(
    z
      .int(e('group-threshold-range'))
      .check(
        z.gte(MIN_GROUP_THRESHOLD, e('group-threshold-range')),
        z.lte(MAX_GROUP_THRESHOLD, e('group-threshold-range')),
      ),
  ),
});
export type Perimeter = z.infer<typeof perimeterSchema>;

export const consentSchema = z.object({
  /** The household agreed that the association keeps and uses its data for matching. */
  dataUse: z.literal(true, e('consent-required')),
  /** The household agrees that its contact details reach a matched neighbour who agreed too. */
  shareContact: z.boolean(),
  at: isoDateTime,
});
export type Consent = z.infer<typeof consentSchema>;

/** The public profile of a household: what every neighbour of the perimeter may see. */
export const householdSchema = z.object({
  id: idSchema,
  name: text(40),
  place: placeName,
  languages: z.array(z.enum(LANGUAGES, e('invalid'))).check(z.maxLength(MAX_LANGUAGES, e('too-long'))),
  joinedAt: isoDateTime,
  /** The sign-up session, or null for the founding residents who started the perimeter. */
  sessionId: z.nullable(idSchema),
  witnesses: z.array(idSchema).check(z.maxLength(MAX_WITNESSES, e('too-long'))),
  founding: z.boolean(),
  consent: consentSchema,
  /**
   * When the household was erased or left the perimeter (issue 13 writes it): an erased household
   * never appears in matches, links nor counts (links.ts `activeHousehold`). Optional: older
   * records stay valid.
   */
  erasedAt: z.optional(isoDateTime),
});
export type Household = z.infer<typeof householdSchema>;

/** Personal data: never written into the shared document. */
export const contactSchema = z.object({
  phone: z.optional(z.string().check(z.trim(), z.regex(/^(\+?[0-9][0-9 .()-]{5,22})?$/, e('invalid-phone')))),
  email: z.optional(z.union([z.literal(''), z.email(e('invalid-email'))])),
  flat: optionalText(30),
});
export type Contact = z.infer<typeof contactSchema>;

export const answerSchema = z.object({
  value: z.enum(ANSWER_VALUES, e('invalid')),
  at: isoDateTime,
});
export type Answer = z.infer<typeof answerSchema>;

/**
 * A household's choice about a link with another household on one idea (records.ts `choiceKey`).
 * `by` says who recorded it; the sync server checks it matches the writer (rights.ts canReplace).
 */
export const choiceSchema = z.object({
  value: z.enum(CHOICE_VALUES, e('invalid')),
  at: isoDateTime,
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
});
export type Choice = z.infer<typeof choiceSchema>;

export const sessionSchema = z.object({
  id: idSchema,
  date: isoDate,
  place: text(80),
  kind: z.enum(SESSION_KINDS, e('invalid')),
  /** Registered households present, who may witness a sign-up. */
  present: z.array(idSchema).check(z.maxLength(MAX_PRESENT, e('too-long'))),
  openedAt: isoDateTime,
  closedAt: z.nullable(isoDateTime),
});
export type Session = z.infer<typeof sessionSchema>;

export const themeSchema = z.object({
  id: idSchema,
  icon: z.string(),
  title: text(80),
  intro: text(200),
});
export type Theme = z.infer<typeof themeSchema>;

export const ideaSchema = z.object({
  id: idSchema,
  theme: idSchema,
  kind: z.enum(IDEA_KINDS, e('invalid')),
  title: text(60),
  hint: z.string().check(z.trim(), z.maxLength(120, e('too-long'))),
});
export type Idea = z.infer<typeof ideaSchema>;

/** An idea a perimeter added for itself; the shipped catalogue is never edited. */
export const localIdeaSchema = z.extend(ideaSchema, { createdAt: isoDateTime });
export type LocalIdea = z.infer<typeof localIdeaSchema>;

export const retirementSchema = z.object({ retired: z.boolean(), at: isoDateTime });
export type Retirement = z.infer<typeof retirementSchema>;

/**
 * A household's credential as the tablet that issued it writes it into the shared document. Only the
 * SHA-256 of the secret is shared (lowercase hex); the secret itself never leaves the household's
 * token. Revoking sets `revoked` rather than deleting, since records are never deleted.
 */
export const householdCredentialSchema = z.object({
  householdId: idSchema,
  secretHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, e('invalid'))),
  issuedAt: isoDateTime,
  revoked: z.boolean(),
});
export type HouseholdCredential = z.infer<typeof householdCredentialSchema>;

export const catalogueSchema = z.object({
  version: z.int(),
  themes: z.array(themeSchema),
  ideas: z.array(ideaSchema),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

/** Longest list of ideas a café on a local theme may name: a month's theme, not a catalogue. */
export const MAX_CAFE_IDEAS = 50;

/** A time of day, 24-hour `HH:MM` (local time of the perimeter, as on the poster). */
export const timeOfDay = z.string().check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, e('invalid-time')));

/**
 * A monthly Café-Rencontre (issue 12), keyed by its id; facilitators only. Its theme is either one
 * of the shipped catalogue's (`theme`, its ideas are the catalogue's and local ones of that theme)
 * or the perimeter's own (`localTheme` names it, `ideaIds` lists its ideas): exactly one of the
 * two. `place` is one of the perimeter's places or free text ("devant la boulangerie").
 * `start` < `end`, same day. The café counts as a sign-up session (cafes.ts `cafeSession`).
 */
export const cafeSchema = z
  .object({
    id: idSchema,
    date: isoDate,
    start: timeOfDay,
    end: timeOfDay,
    place: text(80),
    theme: z.nullable(idSchema),
    localTheme: z.nullable(text(80)),
    ideaIds: z.array(idSchema).check(z.maxLength(MAX_CAFE_IDEAS, e('too-long'))),
    welcome: z.string().check(z.trim(), z.maxLength(200, e('too-long'))),
    state: z.enum(CAFE_STATES, e('invalid')),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .check(
    z.refine((cafe) => (cafe.theme === null) !== (cafe.localTheme === null), e('cafe-theme-required')),
    z.refine((cafe) => cafe.start < cafe.end, e('cafe-time-order')),
  );
export type Cafe = z.infer<typeof cafeSchema>;

/**
 * A household's presence at a café (records.ts `attendanceKey`, `cafe/household`). `present: false`
 * unticks a presence ticked by mistake (records are never deleted). `by` says who recorded it and
 * must be the writer (rights.ts canReplace); `how`: ticked on a list or the poster's QR scanned.
 */
export const attendanceSchema = z.object({
  present: z.boolean(),
  how: z.enum(ATTENDANCE_METHODS, e('invalid')),
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  at: isoDateTime,
});
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * A local idea a household proposes (records.ts `proposalKey`, `household/proposal`). Pending until
 * a facilitator's decision exists under the same key in `proposalDecisions`.
 */
export const proposalSchema = z.object({
  title: text(60),
  theme: idSchema,
  kind: z.enum(IDEA_KINDS, e('invalid')),
  hint: z.string().check(z.trim(), z.maxLength(120, e('too-long'))),
  at: isoDateTime,
});
export type Proposal = z.infer<typeof proposalSchema>;

/**
 * A facilitator's decision on a proposal, under the proposal's own key, in a map only facilitators
 * write: a household can propose, never decide. An accepted proposal names the local idea it became
 * (`ideaId`, in the `ideas` map); a declined one names none.
 */
export const proposalDecisionSchema = z
  .object({
    value: z.enum(PROPOSAL_DECISIONS, e('invalid')),
    ideaId: z.nullable(idSchema),
    at: isoDateTime,
  })
  .check(z.refine((d) => (d.value === 'accepted') === (d.ideaId !== null), e('invalid')));
export type ProposalDecision = z.infer<typeof proposalDecisionSchema>;

/**
 * A collective micro-project (records.ts `projectKey`: `project` for a facilitator's,
 * `household/project` for one a household started): a name, the idea it grew from if any, the next
 * step and its date. Its participants are `memberships` records.
 */
export const projectSchema = z.object({
  name: text(60),
  ideaId: z.nullable(idSchema),
  nextStep: z.string().check(z.trim(), z.maxLength(120, e('too-long'))),
  nextStepDate: z.nullable(isoDate),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Project = z.infer<typeof projectSchema>;

/**
 * A household's membership of a project (records.ts `membershipKey`, `project/household`):
 * `member: false` once it left. `by` says who recorded it and must be the writer.
 */
export const membershipSchema = z.object({
  member: z.boolean(),
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  at: isoDateTime,
});
export type Membership = z.infer<typeof membershipSchema>;
