/**
 * The commands that change a perimeter. Each one validates its input against the current state
 * and returns the records to write, or the reasons it refuses. Pure: the caller applies the
 * changes to the shared document in one transaction.
 */
import * as z from 'zod/mini';
import type { Env } from './env';
import { type FieldError, type Result, fail, ok } from './errors';
import { DOC_FORMAT_VERSION, FORMAT_VERSION_KEY } from './format';
import { directionsOf, activeHousehold } from './links';
import { type Change, PERIMETER_KEY, answerKey, choiceKey } from './records';
import {
  type AnswerValue,
  type Choice,
  type Contact,
  type Household,
  type HouseholdCredential,
  type Idea,
  type Perimeter,
  type Session,
  IDEA_KINDS,
  LANGUAGES,
  MAX_LANGUAGES,
  MAX_PLACES,
  MAX_PRESENT,
  MAX_WITNESSES,
  SESSION_KINDS,
  ANSWER_VALUES,
  CHOICE_AUTHORS,
  CHOICE_VALUES,
  MAX_GROUP_THRESHOLD,
  MIN_GROUP_THRESHOLD,
  contactSchema,
  idSchema,
  isoDate,
  placeName,
} from './schemas';
import { refusals, validate } from './validate';

/** What commands need to read of the current state of a perimeter. */
export interface PerimeterView {
  perimeter(): Perimeter | undefined;
  household(id: string): Household | undefined;
  session(id: string): Session | undefined;
  /** An idea of the shipped catalogue or a local one, retired or not. */
  idea(id: string): Idea | undefined;
  isRetired(ideaId: string): boolean;
  hasTheme(themeId: string): boolean;
  credential(id: string): HouseholdCredential | undefined;
  /** A household's answer to an idea, if it gave one. */
  answerOf(householdId: string, ideaId: string): AnswerValue | undefined;
}

export interface Outcome<T> {
  changes: Change[];
  value: T;
}

const e = (code: FieldError['code']) => ({ error: code });

const name40 = z.string().check(z.trim(), z.minLength(1, e('required')), z.maxLength(40, e('too-long')));
const text80 = z.string().check(z.trim(), z.minLength(1, e('required')), z.maxLength(80, e('too-long')));

const perimeterInput = z.object({
  name: text80,
  places: z
    .array(placeName)
    .check(z.minLength(1, e('places-required')), z.maxLength(MAX_PLACES, e('too-long'))),
  dwellings: z
    .int(e('dwellings-range'))
    .check(z.gte(1, e('dwellings-range')), z.lte(5000, e('dwellings-range'))),
  founders: z
    .array(z.object({ name: name40, place: placeName }))
    .check(z.minLength(1, e('founders-required'))),
});
export type PerimeterInput = z.input<typeof perimeterInput>;

/**
 * First run: the perimeter and its founding residents, who count as already registered, in a
 * document stamped with the format this app writes.
 */
export function createPerimeter(
  view: PerimeterView,
  env: Env,
  perimeterId: string,
  input: PerimeterInput,
): Result<Outcome<{ perimeterId: string; founderIds: string[] }>> {
  if (view.perimeter()) return fail('', 'perimeter-exists');
  const parsed = validate(perimeterInput, input);
  // Checked on what was typed, even when another field was refused: every point to fix at once.
  const typed = Array.isArray(input.places)
    ? input.places.map((p) => (typeof p === 'string' ? p.trim() : ''))
    : [];
  const errors = refusals(parsed, [
    ...typed.map(
      (p, i): FieldError | false =>
        p !== '' &&
        typed.findIndex((q) => sameText(p, q)) !== i && { field: `places.${i}`, code: 'places-duplicate' },
    ),
    ...(Array.isArray(input.founders) ? input.founders : []).map(
      (f, i): FieldError | false =>
        typeof f?.place === 'string' &&
        f.place.trim() !== '' &&
        !typed.includes(f.place.trim()) && { field: `founders.${i}.place`, code: 'place-unknown' },
    ),
  ]);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const { name, dwellings, founders, places } = parsed.value;

  const at = env.now();
  const perimeter: Perimeter = { id: perimeterId, name, places, dwellings, createdAt: at };
  const households: Household[] = founders.map((f) => ({
    id: env.newId(),
    name: f.name,
    place: f.place,
    languages: ['fr'],
    joinedAt: at,
    sessionId: null,
    witnesses: [],
    founding: true,
    consent: { dataUse: true, shareContact: false, at },
  }));
  return ok({
    changes: [
      { map: 'meta', key: PERIMETER_KEY, value: perimeter },
      { map: 'meta', key: FORMAT_VERSION_KEY, value: DOC_FORMAT_VERSION },
      ...households.map((h): Change => ({ map: 'profiles', key: h.id, value: h })),
    ],
    value: { perimeterId: perimeter.id, founderIds: households.map((h) => h.id) },
  });
}

const sessionInput = z.object({
  date: isoDate,
  place: text80,
  kind: z.enum(SESSION_KINDS, e('required')),
  present: z.array(idSchema).check(z.maxLength(MAX_PRESENT, e('too-long'))),
});
export type SessionInput = z.input<typeof sessionInput>;

export function openSession(view: PerimeterView, env: Env, input: SessionInput): Result<Outcome<string>> {
  if (!view.perimeter()) return fail('', 'perimeter-missing');
  const parsed = validate(sessionInput, input);
  if (!parsed.ok) return parsed;
  const missing = parsed.value.present.findIndex((id) => !view.household(id));
  if (missing >= 0) return fail('present', 'household-missing');
  const session: Session = {
    id: env.newId(),
    ...parsed.value,
    present: unique(parsed.value.present),
    openedAt: env.now(),
    closedAt: null,
  };
  return ok({ changes: [{ map: 'sessions', key: session.id, value: session }], value: session.id });
}

/** Ticks who is present: registered neighbours may arrive during the session. */
export function setPresence(
  view: PerimeterView,
  sessionId: string,
  present: string[],
): Result<Outcome<null>> {
  const session = openSessionOf(view, sessionId);
  if (!session.ok) return session;
  if (present.some((id) => !view.household(id))) return fail('present', 'household-missing');
  if (unique(present).length > MAX_PRESENT) return fail('present', 'too-long');
  const next: Session = { ...session.value, present: unique(present) };
  return ok({ changes: [{ map: 'sessions', key: sessionId, value: next }], value: null });
}

export function closeSession(view: PerimeterView, env: Env, sessionId: string): Result<Outcome<null>> {
  const session = openSessionOf(view, sessionId);
  if (!session.ok) return session;
  const next: Session = { ...session.value, closedAt: env.now() };
  return ok({ changes: [{ map: 'sessions', key: sessionId, value: next }], value: null });
}

const signUpInput = z.object({
  name: name40,
  place: placeName,
  languages: z.array(z.enum(LANGUAGES, e('invalid'))).check(z.maxLength(MAX_LANGUAGES, e('too-long'))),
  contact: contactSchema,
  dataUse: z.boolean().check(z.refine((given) => given, e('consent-required'))),
  shareContact: z.boolean(),
  witnesses: z
    .array(idSchema)
    .check(z.minLength(1, e('witness-required')), z.maxLength(MAX_WITNESSES, e('too-long'))),
});
export type SignUpInput = z.input<typeof signUpInput>;

/** Registered neighbours present at an open session: the only ones who may witness a sign-up. */
export function witnessesAvailable(view: PerimeterView, session: Session): Household[] {
  return session.present.flatMap((id) => view.household(id) ?? []);
}

/**
 * Signs up a household at an open session. No witness present, no sign-up: the method rests on
 * meeting neighbours who are already registered, so the app refuses otherwise. Contact details
 * come back apart from the changes: they never enter the shared document.
 */
export function signUpHousehold(
  view: PerimeterView,
  env: Env,
  sessionId: string,
  input: SignUpInput,
): Result<Outcome<{ householdId: string; contact: Contact | undefined }>> {
  const perimeter = view.perimeter();
  if (!perimeter) return fail('', 'perimeter-missing');
  const session = openSessionOf(view, sessionId);
  if (!session.ok) return session;
  if (witnessesAvailable(view, session.value).length === 0) return fail('', 'no-witness-present');
  const parsed = validate(signUpInput, input);
  const { place, witnesses } = input;
  const errors = refusals(parsed, [
    typeof place === 'string' &&
      !perimeter.places.includes(place.trim()) && { field: 'place', code: 'place-unknown' },
    Array.isArray(witnesses) &&
      witnesses.some((id) => !session.value.present.includes(id) || !view.household(id)) && {
        field: 'witnesses',
        code: 'witness-not-present',
      },
  ]);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const v = parsed.value;
  const at = env.now();
  const household: Household = {
    id: env.newId(),
    name: v.name,
    place: v.place,
    languages: unique(v.languages),
    joinedAt: at,
    sessionId,
    witnesses: unique(v.witnesses),
    founding: false,
    consent: { dataUse: true, shareContact: v.shareContact, at },
  };
  const contact = compactContact(v.contact);
  // The household is at the table: it counts as present at once, so it can welcome the next one
  // without anyone having to tick it (unless the list is full: then it is ticked by hand).
  const present = session.value.present;
  const changes: Change[] = [{ map: 'profiles', key: household.id, value: household }];
  if (present.length < MAX_PRESENT) {
    const next: Session = { ...session.value, present: [...present, household.id] };
    changes.push({ map: 'sessions', key: sessionId, value: next });
  }
  return ok({ changes, value: { householdId: household.id, contact } });
}

/** Which answers make sense for an idea: a collective idea is joined, not offered. */
export function answersFor(idea: Pick<Idea, 'kind'>): readonly AnswerValue[] {
  return idea.kind === 'collective' ? ['join', 'no'] : ['offer', 'seek', 'both', 'no'];
}

const answerInput = z.object({
  householdId: idSchema,
  ideaId: idSchema,
  value: z.enum(ANSWER_VALUES, e('invalid')),
});
export type AnswerInput = z.input<typeof answerInput>;

/** Records or changes an answer; the last change wins. */
export function answer(view: PerimeterView, env: Env, input: AnswerInput): Result<Outcome<null>> {
  const parsed = validate(answerInput, input);
  if (!parsed.ok) return parsed;
  const { householdId, ideaId, value } = parsed.value;
  if (!view.household(householdId)) return fail('householdId', 'household-missing');
  const idea = view.idea(ideaId);
  if (!idea) return fail('ideaId', 'idea-missing');
  if (view.isRetired(ideaId)) return fail('ideaId', 'idea-retired');
  if (!answersFor(idea).includes(value)) return fail('value', 'answer-not-allowed');
  return ok({
    changes: [{ map: 'answers', key: answerKey(householdId, ideaId), value: { value, at: env.now() } }],
    value: null,
  });
}

const chooseLinkInput = z.object({
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  householdId: idSchema,
  otherId: idSchema,
  ideaId: idSchema,
  value: z.enum(CHOICE_VALUES, e('invalid')),
});
/**
 * A household's choice about a link: `by` is who records it ('household' on its own device,
 * 'facilitator' on the tablet on its behalf; the sync server refuses a `by` that is not the
 * writer's), `householdId` the owner of the choice, `otherId` the neighbour, `value` as CHOICE_VALUES.
 */
export type ChooseLinkInput = z.input<typeof chooseLinkInput>;

/**
 * Records a household's choice about a link with another household on one idea (last change
 * wins). Refuses, with the field concerned: an unknown or erased household ('household-missing'
 * on `householdId` or `otherId`), a household with itself ('link-self'), an unknown or retired idea
 * ('idea-missing', 'idea-retired'), two households whose answers do not meet on the idea
 * (links.ts `directionsOf`: 'link-not-a-match'). A collective idea's group size is not checked:
 * a choice made while the group showed stays valid if it shrinks.
 */
export function chooseLink(view: PerimeterView, env: Env, input: ChooseLinkInput): Result<Outcome<null>> {
  const parsed = validate(chooseLinkInput, input);
  if (!parsed.ok) return parsed;
  const { by, householdId, otherId, ideaId, value } = parsed.value;
  if (!activeHousehold(view.household(householdId))) return fail('householdId', 'household-missing');
  if (otherId === householdId) return fail('otherId', 'link-self');
  if (!activeHousehold(view.household(otherId))) return fail('otherId', 'household-missing');
  const idea = view.idea(ideaId);
  if (!idea) return fail('ideaId', 'idea-missing');
  if (view.isRetired(ideaId)) return fail('ideaId', 'idea-retired');
  if (!directionsOf(idea.kind, view.answerOf(householdId, ideaId), view.answerOf(otherId, ideaId))) {
    return fail('ideaId', 'link-not-a-match');
  }
  const choice: Choice = { value, at: env.now(), by };
  return ok({
    changes: [{ map: 'choices', key: choiceKey(householdId, otherId, ideaId), value: choice }],
    value: null,
  });
}

const chooseGroupInput = z.object({
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  householdId: idSchema,
  ideaId: idSchema,
  value: z.enum(CHOICE_VALUES, e('invalid')),
  memberIds: z.array(idSchema).check(z.minLength(1, e('required')), z.maxLength(MAX_PRESENT, e('too-long'))),
});
/**
 * A household's choice about a collective idea's group: `memberIds` are the group's members as
 * the screen shows them (links.ts `perimeterLinks` or the household's 'also-joins' links); the
 * household itself among them is skipped.
 */
export type ChooseGroupInput = z.input<typeof chooseGroupInput>;

/**
 * Says yes (or not now, met, withdrawn) to joining a collective idea's group: the same choice
 * about each other member, in one transaction, so the two-sided rule of contact details applies
 * member by member. Refused as a whole when any one of the choices would be (`chooseLink`'s codes,
 * on the field `memberIds.<index>` for a member).
 */
export function chooseGroup(view: PerimeterView, env: Env, input: ChooseGroupInput): Result<Outcome<null>> {
  const parsed = validate(chooseGroupInput, input);
  if (!parsed.ok) return parsed;
  const { memberIds, ...rest } = parsed.value;
  const changes: Change[] = [];
  for (const [index, otherId] of memberIds.entries()) {
    if (otherId === rest.householdId) continue;
    const one = chooseLink(view, env, { ...rest, otherId });
    if (!one.ok) {
      const member = `memberIds.${index}`;
      const errors = one.errors.map((error) =>
        error.field === 'otherId' || error.code === 'link-not-a-match' ? { ...error, field: member } : error,
      );
      return { ok: false, errors };
    }
    changes.push(...one.value.changes);
  }
  return ok({ changes, value: null });
}

/**
 * Sets how many households must say they would take part in a collective idea before its group
 * shows (an integer from MIN_GROUP_THRESHOLD to MAX_GROUP_THRESHOLD, else 'group-threshold-range').
 */
export function setGroupThreshold(view: PerimeterView, threshold: number): Result<Outcome<null>> {
  const perimeter = view.perimeter();
  if (!perimeter) return fail('', 'perimeter-missing');
  if (!Number.isInteger(threshold) || threshold < MIN_GROUP_THRESHOLD || threshold > MAX_GROUP_THRESHOLD) {
    return fail('groupThreshold', 'group-threshold-range');
  }
  const next: Perimeter = { ...perimeter, groupThreshold: threshold };
  return ok({ changes: [{ map: 'meta', key: PERIMETER_KEY, value: next }], value: null });
}

const localIdeaInput = z.object({
  theme: idSchema,
  kind: z.enum(IDEA_KINDS, e('required')),
  title: z.string().check(z.trim(), z.minLength(1, e('required')), z.maxLength(60, e('too-long'))),
  hint: z.string().check(z.trim(), z.maxLength(120, e('too-long'))),
});
export type LocalIdeaInput = z.input<typeof localIdeaInput>;

/** A perimeter's own idea, added next to the shipped catalogue without editing it. */
export function addLocalIdea(view: PerimeterView, env: Env, input: LocalIdeaInput): Result<Outcome<string>> {
  if (!view.perimeter()) return fail('', 'perimeter-missing');
  const parsed = validate(localIdeaInput, input);
  const { theme } = input;
  const errors = refusals(parsed, [
    typeof theme === 'string' &&
      theme !== '' &&
      !view.hasTheme(theme) && { field: 'theme', code: 'theme-missing' },
  ]);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const id = `local-${env.newId()}`;
  return ok({
    changes: [{ map: 'ideas', key: id, value: { id, ...parsed.value, createdAt: env.now() } }],
    value: id,
  });
}

/** Retires an idea from the scan (or brings it back); answers already given are kept. */
export function retireIdea(
  view: PerimeterView,
  env: Env,
  ideaId: string,
  retired: boolean,
): Result<Outcome<null>> {
  if (!view.idea(ideaId)) return fail('', 'idea-missing');
  return ok({ changes: [{ map: 'retired', key: ideaId, value: { retired, at: env.now() } }], value: null });
}

/**
 * Gives a household access from its own phone: the tablet made up the secret and keeps only its
 * hash here, so the server can check the household's token once this change reached it.
 */
export function issueCredential(
  view: PerimeterView,
  env: Env,
  householdId: string,
  credentialId: string,
  secretHash: string,
): Result<Outcome<null>> {
  if (!view.household(householdId)) return fail('', 'household-missing');
  const credential = { householdId, secretHash, issuedAt: env.now(), revoked: false };
  return ok({ changes: [{ map: 'credentials', key: credentialId, value: credential }], value: null });
}

/** Withdraws a household's access; the server refuses that credential from its next message on. */
export function revokeCredential(view: PerimeterView, credentialId: string): Result<Outcome<null>> {
  const credential = view.credential(credentialId);
  if (!credential) return fail('', 'credential-missing');
  return ok({
    changes: [{ map: 'credentials', key: credentialId, value: { ...credential, revoked: true } }],
    value: null,
  });
}

function openSessionOf(view: PerimeterView, sessionId: string): Result<Session> {
  const session = view.session(sessionId);
  if (!session) return fail('', 'session-missing');
  if (session.closedAt !== null) return fail('', 'session-closed');
  return ok(session);
}

function compactContact(contact: Contact): Contact | undefined {
  const entries = Object.entries(contact).filter(([, v]) => typeof v === 'string' && v !== '');
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Contact);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;
}
