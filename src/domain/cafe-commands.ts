/**
 * The Café-Rencontre's commands (issue 12): plan and update a café, record who came, propose a
 * local idea and decide on it, start, join and leave a micro-project, and sign a household up at a
 * café. Like commands.ts: each validates its input against the current state and returns the
 * records to write, or the reasons it refuses; the caller applies the changes in one transaction.
 *
 * Who may run what is rights.ts's rule, checked again by the sync server on every change: a
 * household records only its own presence, proposals, projects and memberships (`by: 'household'`);
 * a facilitator does everything, anyone's, recorded as a facilitator's (`by: 'facilitator'`).
 */
import * as z from 'zod/mini';
import type { CafeRecords } from './cafe-records';
import { cafeSession } from './cafe-queries';
import { type Outcome, type PerimeterView, type SignUpInput, signUpHousehold } from './commands';
import { cafeInstants, householdCheckInWindow, wallTime } from './cafe-status';
import type { Env } from './env';
import { type FieldError, type Result, fail, ok } from './errors';
import { activeHousehold } from './links';
import { type Change, attendanceKey, membershipKey, projectKey, proposalKey } from './records';
import {
  type Attendance,
  type Cafe,
  type Contact,
  type LocalIdea,
  type Membership,
  type Project,
  type ProposalDecision,
  ATTENDANCE_METHODS,
  CAFE_STATES,
  CHOICE_AUTHORS,
  IDEA_KINDS,
  MAX_CAFE_IDEAS,
  MAX_PROJECTS_PER_HOUSEHOLD,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  PROPOSAL_DECISIONS,
  idSchema,
  isoDate,
  timeOfDay,
} from './schemas';
import { refusals, validate } from './validate';

const e = (code: FieldError['code']) => ({ error: code });
const text = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, e('required')), z.maxLength(max, e('too-long')));
const optionalText = (max: number) => z.string().check(z.trim(), z.maxLength(max, e('too-long')));

const cafeInput = z.object({
  date: isoDate,
  start: timeOfDay,
  end: timeOfDay,
  place: text(80),
  theme: z.nullable(idSchema),
  localTheme: z.nullable(text(80)),
  ideaIds: z.array(idSchema).check(z.maxLength(MAX_CAFE_IDEAS, e('too-long'))),
  welcome: optionalText(200),
});
/**
 * A café as the facilitator plans it: `date` YYYY-MM-DD, `start`/`end` HH:MM (local time, start
 * before end), `place` one of the perimeter's places or free text (80 characters), either a
 * catalogue `theme` (id) or a `localTheme` (title, 80 characters) with its `ideaIds`, and a word of
 * welcome (200 characters, may be empty).
 */
export type CafeInput = z.input<typeof cafeInput>;

/**
 * Plans a café (state 'planned'). Refuses, every field at once: no perimeter ('perimeter-missing'),
 * a date before today ('date-past', on `date`; today is `env.now()`'s date in Europe/Paris), an end not after the start
 * ('cafe-time-order'), an end already past today in Europe/Paris ('cafe-over', on `end`), both or neither of `theme` and `localTheme` ('cafe-theme-required'), an
 * unknown theme ('theme-missing'), ideas listed with a catalogue theme ('invalid' on `ideaIds`), an
 * unknown or retired idea ('idea-missing' / 'idea-retired' on `ideaIds.<index>`).
 */
export function planCafe(view: PerimeterView, env: Env, input: CafeInput): Result<Outcome<string>> {
  if (!view.perimeter()) return fail('', 'perimeter-missing');
  const checked = checkCafe(view, env, input);
  if (!checked.ok) return checked;
  const at = env.now();
  const cafe: Cafe = { id: env.newId(), ...checked.value, state: 'planned', createdAt: at, updatedAt: at };
  return ok({ changes: [{ map: 'cafes', key: cafe.id, value: cafe }], value: cafe.id });
}

/**
 * What changes in a café: any field of CafeInput (to reschedule it, move it, change its theme or
 * welcome), and its state ('held' once it took place, 'cancelled').
 */
export type CafeUpdate = Partial<CafeInput> & { state?: Cafe['state'] };

/**
 * Updates a planned café. A held or cancelled café is final ('cafe-state'): its attendance and
 * sign-ups stay as they were. Refuses as planCafe for the fields (a date already past is kept if
 * unchanged), and an unknown café ('cafe-missing'). A change of state alone checks nothing else:
 * marking a café held does not check its date (the tablet's clock may be wrong).
 */
export function updateCafe(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  cafeId: string,
  update: CafeUpdate,
): Result<Outcome<null>> {
  const cafe = records.cafes.get(cafeId);
  if (!cafe) return fail('', 'cafe-missing');
  if (cafe.state !== 'planned') return fail('', 'cafe-state');
  const { state = cafe.state, ...fields } = update;
  if (!CAFE_STATES.includes(state)) return fail('state', 'invalid');
  // Only the state changes (held, cancelled): nothing else to check, even if an idea of its local
  // theme was retired since.
  if (Object.keys(fields).length === 0) {
    return ok({
      changes: [{ map: 'cafes', key: cafeId, value: { ...cafe, state, updatedAt: env.now() } }],
      value: null,
    });
  }
  const merged: CafeInput = {
    date: cafe.date,
    start: cafe.start,
    end: cafe.end,
    place: cafe.place,
    theme: cafe.theme,
    localTheme: cafe.localTheme,
    ideaIds: cafe.ideaIds,
    welcome: cafe.welcome,
    ...fields,
  };
  // A café rescheduled may keep a date that has just passed only if its date does not change.
  const checked = checkCafe(view, env, merged, merged.date === cafe.date);
  if (!checked.ok) return checked;
  const next: Cafe = { ...cafe, ...checked.value, state, updatedAt: env.now() };
  return ok({ changes: [{ map: 'cafes', key: cafeId, value: next }], value: null });
}

function checkCafe(
  view: PerimeterView,
  env: Env,
  input: CafeInput,
  pastAllowed = false,
): Result<z.output<typeof cafeInput>> {
  const parsed = validate(cafeInput, input);
  // Each check reads the raw input, so that it runs even when another field was refused: the
  // facilitator sees every point to fix at once, not one per try. A check whose field the schema
  // refused is dropped by `refusals`.
  const { date, start, end, theme, localTheme, ideaIds } = input;
  // The café's date is a date in the perimeter (Europe/Paris), not in UTC: just after midnight
  // there, UTC still says yesterday.
  const today = wallTime(Date.parse(env.now())).slice(0, 10);
  const timesValid = timeOfDay.safeParse(start).success && timeOfDay.safeParse(end).success;
  const ideas = Array.isArray(ideaIds) ? ideaIds : [];
  const errors = refusals(parsed, [
    !pastAllowed && isoDate.safeParse(date).success && date < today && { field: 'date', code: 'date-past' },
    timesValid && start >= end && { field: 'end', code: 'cafe-time-order' },
    // A café whose end is already past would be "à clôturer" as soon as planned (cafe-status.ts).
    !pastAllowed &&
      timesValid &&
      start < end &&
      isoDate.safeParse(date).success &&
      date >= today &&
      cafeInstants({ date, start, end }).end <= Date.parse(env.now()) && { field: 'end', code: 'cafe-over' },
    (theme === null) === (localTheme === null) && { field: 'theme', code: 'cafe-theme-required' },
    typeof theme === 'string' &&
      theme !== '' &&
      !view.hasTheme(theme) && { field: 'theme', code: 'theme-missing' },
    // A catalogue theme's ideas are the theme's own (cafe-queries.ts onCafeTheme): a list would mislead.
    theme !== null && ideas.length > 0 && { field: 'ideaIds', code: 'invalid' },
    ...ideas.map(
      (ideaId, index): FieldError | false =>
        typeof ideaId === 'string' &&
        (!view.idea(ideaId)
          ? { field: `ideaIds.${index}`, code: 'idea-missing' }
          : view.isRetired(ideaId) && { field: `ideaIds.${index}`, code: 'idea-retired' }),
    ),
  ]);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const v = parsed.value;
  return ok({ ...v, ideaIds: [...new Set(v.ideaIds)] });
}

const checkInInput = z.object({
  cafeId: idSchema,
  householdId: idSchema,
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  how: z.enum(ATTENDANCE_METHODS, e('invalid')),
  present: z.optional(z.boolean()),
});
/**
 * A presence at a café: `householdId` came (or, with `present: false`, did not after all: a tick
 * taken back), recorded `by` the household itself or a facilitator, `how` ticked or scanned.
 */
export type CheckInInput = z.input<typeof checkInInput>;

/**
 * Records a household's presence at a café (last change wins). Refuses: an unknown café
 * ('cafe-missing'), a held or cancelled one ('cafe-not-planned'), an unknown or erased household
 * ('household-missing'). A household saying it is there itself (`by: 'household'`, `present`) is
 * taken only in cafe-status.ts householdCheckInWindow, by `env.now()` (the phone's clock): before
 * it 'cafe-too-early' (the poster goes up days before the café), after the end 'cafe-not-planned'.
 * A facilitator's tick is taken at any time: they see who is there, and a tablet's clock may be
 * wrong.
 */
export function checkIn(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  input: CheckInInput,
): Result<Outcome<null>> {
  const parsed = validate(checkInInput, input);
  if (!parsed.ok) return parsed;
  const { cafeId, householdId, by, how, present = true } = parsed.value;
  const cafe = records.cafes.get(cafeId);
  if (!cafe) return fail('cafeId', 'cafe-missing');
  if (cafe.state !== 'planned') return fail('cafeId', 'cafe-not-planned');
  if (by === 'household' && present) {
    const window = householdCheckInWindow(cafe, Date.parse(env.now()));
    if (window === 'early') return fail('cafeId', 'cafe-too-early');
    if (window === 'over') return fail('cafeId', 'cafe-not-planned');
  }
  if (!activeHousehold(view.household(householdId))) {
    return fail('householdId', 'household-missing');
  }
  const attendance: Attendance = { present, how, by, at: env.now() };
  return ok({
    changes: [{ map: 'attendance', key: attendanceKey(cafeId, householdId), value: attendance }],
    value: null,
  });
}

/**
 * Signs a household up at a café, which counts as a sign-up session: the witnesses must be present
 * at the café (its attendance), and the café must be planned (a held or cancelled café is a closed
 * session: 'session-closed'). commands.ts signUpHousehold does the rest, through the café's
 * session (cafe-queries.ts `cafeSession`); the new household is recorded present at once, as a
 * facilitator's tick, so it can witness the next sign-up. Refuses as signUpHousehold, and
 * 'cafe-missing'. Contact details come back apart from the changes, as there.
 */
export function signUpAtCafe(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  cafeId: string,
  input: SignUpInput,
): Result<Outcome<{ householdId: string; contact: Contact | undefined }>> {
  const session = cafeSession(view, records, cafeId);
  if (!session) return fail('', 'cafe-missing');
  // Delegates method by method: a view may be a class instance, whose methods a spread would lose.
  const cafeView: PerimeterView = {
    perimeter: () => view.perimeter(),
    household: (id) => view.household(id),
    session: (id) => (id === cafeId ? session : view.session(id)),
    idea: (id) => view.idea(id),
    isRetired: (id) => view.isRetired(id),
    hasTheme: (id) => view.hasTheme(id),
    credential: (id) => view.credential(id),
    answerOf: (householdId, ideaId) => view.answerOf(householdId, ideaId),
  };
  const signedUp = signUpHousehold(cafeView, env, cafeId, input);
  if (!signedUp.ok) return signedUp;
  // signUpHousehold adds the new household to the session's list: at a café, presence lives in
  // attendance records instead, so no session record is written under the café's id.
  const changes: Change[] = signedUp.value.changes.filter((change) => change.map !== 'sessions');
  const attendance: Attendance = { present: true, how: 'ticked', by: 'facilitator', at: env.now() };
  changes.push({
    map: 'attendance',
    key: attendanceKey(cafeId, signedUp.value.value.householdId),
    value: attendance,
  });
  return ok({ changes, value: signedUp.value.value });
}

const proposeInput = z.object({
  householdId: idSchema,
  title: text(60),
  theme: idSchema,
  kind: z.enum(IDEA_KINDS, e('required')),
  hint: optionalText(120),
});
/** A local idea a household proposes: as commands.ts LocalIdeaInput, with its proposer. */
export type ProposeIdeaInput = z.input<typeof proposeInput>;

/**
 * Records a household's proposed idea, pending until a facilitator decides (`decideProposal`).
 * Written under the proposer's key whoever types it. Refuses: an unknown or erased household
 * ('household-missing'), an unknown theme ('theme-missing'), a household that already proposed
 * MAX_PROPOSALS_PER_HOUSEHOLD ideas ('proposals-full'). Returns the proposal's key.
 */
export function proposeIdea(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  input: ProposeIdeaInput,
): Result<Outcome<string>> {
  const parsed = validate(proposeInput, input);
  const { theme } = input;
  const errors = refusals(parsed, [
    typeof theme === 'string' &&
      theme !== '' &&
      !view.hasTheme(theme) && { field: 'theme', code: 'theme-missing' },
  ]);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const { householdId, ...proposal } = parsed.value;
  if (!activeHousehold(view.household(householdId))) return fail('householdId', 'household-missing');
  if (countOwned(records.proposals.entries(), householdId) >= MAX_PROPOSALS_PER_HOUSEHOLD) {
    return fail('', 'proposals-full');
  }
  const key = proposalKey(householdId, env.newId());
  return ok({ changes: [{ map: 'proposals', key, value: { ...proposal, at: env.now() } }], value: key });
}

/**
 * A facilitator's decision on a pending proposal (`key` as records.ts proposalKey). Accepting adds
 * the proposal as a local idea (`ideas` map, id `local-…`, as commands.ts addLocalIdea) and records
 * the decision naming it; declining records the decision only. Refuses: an unknown proposal
 * ('proposal-missing'), one already decided ('proposal-decided'), an accepted proposal whose theme
 * no longer exists ('theme-missing'). Returns the new idea's id, or null when declined.
 */
export function decideProposal(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  key: string,
  value: ProposalDecision['value'],
): Result<Outcome<string | null>> {
  if (!PROPOSAL_DECISIONS.includes(value)) return fail('value', 'invalid');
  const proposal = records.proposals.get(key);
  if (!proposal) return fail('', 'proposal-missing');
  if (records.proposalDecisions.get(key)) return fail('', 'proposal-decided');
  const at = env.now();
  if (value === 'declined') {
    const decision: ProposalDecision = { value, ideaId: null, at };
    return ok({ changes: [{ map: 'proposalDecisions', key, value: decision }], value: null });
  }
  if (!view.hasTheme(proposal.theme)) return fail('theme', 'theme-missing');
  const id = `local-${env.newId()}`;
  const { title, theme, kind, hint } = proposal;
  const idea: LocalIdea = { id, theme, kind, title, hint, createdAt: at };
  const decision: ProposalDecision = { value, ideaId: id, at };
  return ok({
    changes: [
      { map: 'ideas', key: id, value: idea },
      { map: 'proposalDecisions', key, value: decision },
    ],
    value: id,
  });
}

const projectFields = z.object({
  name: text(60),
  ideaId: z.nullable(idSchema),
  nextStep: optionalText(120),
  nextStepDate: z.nullable(isoDate),
});
const projectInput = z.extend(projectFields, {
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
  ownerId: z.nullable(idSchema),
});
/**
 * A micro-project as it starts: `by` who starts it; `ownerId` the household that starts it (it
 * owns the record and joins at once) or null for a facilitator's; a name (60 characters), the idea
 * it grew from or null, the next step (120 characters, may be empty) and its date or null.
 */
export type ProjectInput = z.input<typeof projectInput>;

/**
 * Starts a micro-project. Refuses: a household starting one as no one's or someone else's
 * (`by: 'household'` needs its own `ownerId`: 'invalid' on `ownerId`), an unknown or erased owner
 * ('household-missing'), an unknown or retired idea ('idea-missing' / 'idea-retired'), an owner
 * with MAX_PROJECTS_PER_HOUSEHOLD projects already ('projects-full'). Returns the project's key.
 */
export function createProject(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  input: ProjectInput,
): Result<Outcome<string>> {
  const parsed = validate(projectInput, input);
  if (!parsed.ok) return parsed;
  const { by, ownerId, ...fields } = parsed.value;
  if (by === 'household' && ownerId === null) return fail('ownerId', 'invalid');
  if (ownerId !== null) {
    if (!activeHousehold(view.household(ownerId))) return fail('ownerId', 'household-missing');
    if (countOwned(records.projects.entries(), ownerId) >= MAX_PROJECTS_PER_HOUSEHOLD) {
      return fail('', 'projects-full');
    }
  }
  const idea = checkIdea(view, fields.ideaId);
  if (!idea.ok) return idea;
  const at = env.now();
  const key = projectKey(ownerId, env.newId());
  const project: Project = { ...fields, createdAt: at, updatedAt: at };
  const changes: Change[] = [{ map: 'projects', key, value: project }];
  if (ownerId !== null) {
    const membership: Membership = { member: true, by, at };
    changes.push({ map: 'memberships', key: membershipKey(key, ownerId), value: membership });
  }
  return ok({ changes, value: key });
}

/** What changes in a project: its name, idea, next step and its date. */
export type ProjectUpdate = Partial<z.input<typeof projectFields>>;

/**
 * Updates a project (its owner's or a facilitator's to do: the sync server checks the writer).
 * Refuses: an unknown project ('project-missing'), and as createProject for the fields.
 */
export function updateProject(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  key: string,
  update: ProjectUpdate,
): Result<Outcome<null>> {
  const project = records.projects.get(key);
  if (!project) return fail('', 'project-missing');
  const { name, ideaId, nextStep, nextStepDate } = project;
  const parsed = validate(projectFields, { name, ideaId, nextStep, nextStepDate, ...update });
  if (!parsed.ok) return parsed;
  const fields = parsed.value;
  const idea = checkIdea(view, fields.ideaId);
  if (!idea.ok) return idea;
  const next: Project = { ...fields, createdAt: project.createdAt, updatedAt: env.now() };
  return ok({ changes: [{ map: 'projects', key, value: next }], value: null });
}

const membershipInput = z.object({
  projectKey: z.string(),
  householdId: idSchema,
  by: z.enum(CHOICE_AUTHORS, e('invalid')),
});
/** A household joining or leaving a project, recorded `by` itself or a facilitator. */
export type MembershipInput = z.input<typeof membershipInput>;

/**
 * A household joins a project (its own membership record, last change wins). Refuses: an unknown
 * project ('project-missing'), an unknown or erased household ('household-missing').
 */
export function joinProject(view: PerimeterView, records: CafeRecords, env: Env, input: MembershipInput) {
  return setMembership(view, records, env, input, true);
}

/** A household leaves a project; refuses as joinProject. Its record stays, `member: false`. */
export function leaveProject(view: PerimeterView, records: CafeRecords, env: Env, input: MembershipInput) {
  return setMembership(view, records, env, input, false);
}

function setMembership(
  view: PerimeterView,
  records: CafeRecords,
  env: Env,
  input: MembershipInput,
  member: boolean,
): Result<Outcome<null>> {
  const parsed = validate(membershipInput, input);
  if (!parsed.ok) return parsed;
  const { projectKey: key, householdId, by } = parsed.value;
  if (!records.projects.get(key)) return fail('projectKey', 'project-missing');
  if (!activeHousehold(view.household(householdId))) return fail('householdId', 'household-missing');
  const membership: Membership = { member, by, at: env.now() };
  return ok({
    changes: [{ map: 'memberships', key: membershipKey(key, householdId), value: membership }],
    value: null,
  });
}

function checkIdea(view: PerimeterView, ideaId: string | null): Result<null> {
  if (ideaId === null) return ok(null);
  if (!view.idea(ideaId)) return fail('ideaId', 'idea-missing');
  if (view.isRetired(ideaId)) return fail('ideaId', 'idea-retired');
  return ok(null);
}

/** Records whose key starts with `householdId/` (proposals, household projects). */
function countOwned(entries: Iterable<[string, unknown]>, householdId: string): number {
  const prefix = householdId + '/';
  let count = 0;
  for (const [key] of entries) if (key.startsWith(prefix) && key.indexOf('/', prefix.length) < 0) count++;
  return count;
}
