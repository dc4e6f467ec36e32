/**
 * The Café-Rencontre's commands and queries (domain/cafe-commands.ts, cafe-queries.ts) on a
 * perimeter held in plain maps: café states, attendance rules, the café as a sign-up session,
 * proposals and their decisions, micro-project membership; every record written is checked
 * against the rules the sync server applies (rights.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  type Env,
  householdCheckInWindow,
  type Actor,
  type CafeInput,
  type CafeRecords,
  type Change,
  type RecordMap,
  type SignUpInput,
  MAX_PROJECTS_PER_HOUSEHOLD,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  answer,
  attendanceKey,
  cafeSession,
  cafeThemeIdeas,
  canReplace,
  canWrite,
  checkIn,
  createProject,
  decideProposal,
  joinProject,
  leaveProject,
  membershipKey,
  nextCafe,
  planCafe,
  presentAt,
  projectsOf,
  proposalsWithState,
  proposeIdea,
  retireIdea,
  signUpAtCafe,
  updateCafe,
  updateProject,
  validRecord,
} from '../../../src/domain';
import { testEnv } from '../../fixtures/env';
import type { MemoryPerimeter } from '../../fixtures/memory-perimeter';
import { foundedInMemory } from './founded';

/** The café maps of a MemoryPerimeter, read live (a map appears on its first write). */
function recordsOf(view: MemoryPerimeter): CafeRecords {
  const map = <T>(name: string): RecordMap<T> => ({
    get: (key) => view.records.get(name)?.get(key) as T | undefined,
    entries: () =>
      (view.records.get(name) ?? new Map<string, T>()).entries() as IterableIterator<[string, T]>,
  });
  return {
    cafes: map('cafes'),
    attendance: map('attendance'),
    proposals: map('proposals'),
    proposalDecisions: map('proposalDecisions'),
    projects: map('projects'),
    memberships: map('memberships'),
  };
}

const plan: CafeInput = {
  date: '2026-12-05',
  start: '14:00',
  end: '16:30',
  place: '12 rue des Lilas',
  theme: 'jardin',
  localTheme: null,
  ideaIds: [],
  welcome: 'Venez nombreux, avec vos graines !',
};

function perimeter() {
  const { view, env, founderIds } = foundedInMemory({
    places: ['12 rue des Lilas', 'Place du marché'],
    dwellings: 40,
    founders: ['Fatima', 'Jean', 'Léa'].map((name) => ({ name, place: '12 rue des Lilas' })),
  });
  const records = recordsOf(view);
  const [fatima, jean, lea] = founderIds as [string, string, string];
  const cafeId = view.accept(planCafe(view, env, plan));
  return { view, env, records, fatima, jean, lea, cafeId };
}

/** A clock stopped at `iso` (a UTC instant), for rules that read the time of a café. */
const at = (iso: string): Env => ({ ...testEnv(), now: () => iso });
/** During the planned café (14:00–16:30 in Paris on 5 December, UTC+1): 14:30 there. */
const during = at('2026-12-05T13:30:00.000Z');

const facilitator: Actor = { kind: 'facilitator' };
const householdActor = (householdId: string): Actor => ({ kind: 'household', householdId });

/** What the sync server would say of each change written by `actor`: all allowed and valid. */
function serverAccepts(actor: Actor, changes: Change[]): boolean {
  return changes.every(
    ({ map, key, value }) =>
      canWrite(actor, map, key) &&
      canReplace(actor, map, () => undefined, value) &&
      validRecord(map, key, value),
  );
}

const codes = (result: { ok: boolean; errors?: { field: string; code: string }[] }) =>
  result.ok ? [] : result.errors!.map((error) => `${error.field}:${error.code}`);

describe('café states', () => {
  it('plans a café as a facilitator-only record the server accepts', () => {
    const { view, env } = perimeter();
    const result = planCafe(view, env, plan);
    expect(result.ok).toBe(true);
    const changes = result.ok ? result.value.changes : [];
    expect(changes).toEqual([
      {
        map: 'cafes',
        key: result.ok ? result.value.value : '',
        value: expect.objectContaining({ ...plan, state: 'planned' }),
      },
    ]);
    expect(serverAccepts(facilitator, changes)).toBe(true);
    expect(changes.every(({ map, key }) => canWrite(householdActor('fatima01'), map, key))).toBe(false);
  });

  it('refuses a past date, an end before the start, no theme or two, an unknown theme or idea', () => {
    const { view, env } = perimeter();
    expect(codes(planCafe(view, env, { ...plan, date: '2026-11-01' }))).toEqual(['date:date-past']);
    expect(codes(planCafe(view, env, { ...plan, end: '13:00' }))).toEqual(['end:cafe-time-order']);
    expect(codes(planCafe(view, env, { ...plan, start: '9h' }))).toEqual(['start:invalid-time']);
    expect(codes(planCafe(view, env, { ...plan, theme: null }))).toEqual(['theme:cafe-theme-required']);
    expect(codes(planCafe(view, env, { ...plan, localTheme: 'Fête' }))).toEqual([
      'theme:cafe-theme-required',
    ]);
    expect(codes(planCafe(view, env, { ...plan, theme: 'nothing-here' }))).toEqual(['theme:theme-missing']);
    expect(codes(planCafe(view, env, { ...plan, welcome: 'x'.repeat(201) }))).toEqual(['welcome:too-long']);
    expect(codes(planCafe(view, env, { ...plan, ideaIds: ['jardin-tonte'] }))).toEqual(['ideaIds:invalid']);
    const local = {
      ...plan,
      theme: null,
      localTheme: 'Fête de rue',
      ideaIds: ['jardin-fleurir-rue', 'nope-0001'],
    };
    expect(codes(planCafe(view, env, local))).toEqual(['ideaIds.1:idea-missing']);
    view.accept(retireIdea(view, env, 'jardin-fleurir-rue', true));
    expect(codes(planCafe(view, env, { ...local, ideaIds: ['jardin-fleurir-rue'] }))).toEqual([
      'ideaIds.0:idea-retired',
    ]);
  });

  it('accepts a free-text place and a local theme with its ideas', () => {
    const { view, env, records } = perimeter();
    const id = view.accept(
      planCafe(view, env, {
        ...plan,
        place: 'Devant la boulangerie',
        theme: null,
        localTheme: 'Fête de rue',
        ideaIds: ['jardin-fleurir-rue', 'jardin-fleurir-rue'],
      }),
    );
    expect(records.cafes.get(id)).toMatchObject({
      place: 'Devant la boulangerie',
      ideaIds: ['jardin-fleurir-rue'],
    });
  });

  it('goes from planned to held or cancelled, and then stays as it is', () => {
    const { view, env, records, cafeId } = perimeter();
    view.accept(updateCafe(view, records, env, cafeId, { date: '2026-12-12', start: '15:00', end: '17:00' }));
    expect(records.cafes.get(cafeId)).toMatchObject({ date: '2026-12-12', start: '15:00', state: 'planned' });
    view.accept(updateCafe(view, records, env, cafeId, { state: 'held' }));
    expect(records.cafes.get(cafeId)?.state).toBe('held');
    expect(codes(updateCafe(view, records, env, cafeId, { state: 'planned' }))).toEqual([':cafe-state']);
    expect(codes(updateCafe(view, records, env, cafeId, { welcome: 'Merci !' }))).toEqual([':cafe-state']);

    const other = view.accept(planCafe(view, env, plan));
    const cancelled = updateCafe(view, records, env, other, { state: 'cancelled' });
    expect(cancelled.ok && serverAccepts(facilitator, cancelled.value.changes)).toBe(true);
    view.accept(cancelled);
    expect(codes(updateCafe(view, records, env, other, { state: 'held' }))).toEqual([':cafe-state']);
    expect(codes(updateCafe(view, records, env, 'nothing1', { state: 'held' }))).toEqual([':cafe-missing']);
  });

  it('is marked held even when an idea of its local theme was retired since', () => {
    const { view, env, records } = perimeter();
    const local = { ...plan, theme: null, localTheme: 'Fête de rue', ideaIds: ['jardin-fleurir-rue'] };
    const id = view.accept(planCafe(view, env, local));
    view.accept(retireIdea(view, env, 'jardin-fleurir-rue', true));
    view.accept(updateCafe(view, records, env, id, { state: 'held' }));
    expect(records.cafes.get(id)).toMatchObject({ state: 'held', ideaIds: ['jardin-fleurir-rue'] });
  });

  it('keeps a café’s past date when it is marked held the day after', () => {
    const { view, records, cafeId } = perimeter();
    const dayAfter = testEnv('2026-12-06T09:00:00.000Z');
    expect(updateCafe(view, records, dayAfter, cafeId, { state: 'held' }).ok).toBe(true);
    expect(codes(updateCafe(view, records, dayAfter, cafeId, { date: '2026-12-04' }))).toEqual([
      'date:date-past',
    ]);
  });

  it('tells a past date by the perimeter’s calendar (Europe/Paris), not by UTC’s', () => {
    const { view } = perimeter();
    // 00:30 in Paris on 6 December is still 5 December in UTC: the 5th is past there.
    const justAfterMidnight = testEnv('2026-12-05T23:30:00.000Z');
    expect(codes(planCafe(view, justAfterMidnight, { ...plan, date: '2026-12-05' }))).toEqual([
      'date:date-past',
    ]);
    expect(planCafe(view, justAfterMidnight, { ...plan, date: '2026-12-06' }).ok).toBe(true);
    // 23:30 in Paris on 5 December: the 5th is today, still open to plan (a café not over yet).
    expect(
      planCafe(view, testEnv('2026-12-05T22:30:00.000Z'), { ...plan, start: '23:00', end: '23:59' }).ok,
    ).toBe(true);
  });

  it('refuses a café already over by the clock in Paris, and still marks a past café held', () => {
    const { view, records, cafeId } = perimeter();
    // 07:00 in Paris on 5 December (06:00 UTC): a café from 05:00 to 06:00 that day is over.
    const seven = at('2026-12-05T06:00:00.000Z');
    const over = { ...plan, start: '05:00', end: '06:00' };
    expect(codes(planCafe(view, seven, over))).toEqual(['end:cafe-over']);
    // The end minute is over; a minute more and it is to come.
    expect(codes(planCafe(view, seven, { ...over, end: '07:00' }))).toEqual(['end:cafe-over']);
    expect(planCafe(view, seven, { ...over, end: '07:01' }).ok).toBe(true);
    // Started but not over: it may be planned after the fact, as people arrive.
    expect(planCafe(view, seven, { ...over, end: '08:00' }).ok).toBe(true);
    // At 23:30 UTC on the 4th it is 00:30 on the 5th in Paris: 05:00–06:00 is still to come.
    expect(planCafe(view, at('2026-12-04T23:30:00.000Z'), over).ok).toBe(true);
    // The café of 14:00–16:30, once over, is marked held and rewritten as before.
    const evening = at('2026-12-05T20:00:00.000Z');
    expect(updateCafe(view, records, evening, cafeId, { welcome: 'Merci à tous !' }).ok).toBe(true);
    expect(updateCafe(view, records, evening, cafeId, { state: 'held' }).ok).toBe(true);
  });

  it('the short re-scan goes through the theme’s ideas that are not retired, in scan order', () => {
    const { view, env } = perimeter();
    const ideas = [
      { id: 'jardin-tonte', theme: 'jardin' },
      { id: 'pret-perceuse', theme: 'pret' },
      { id: 'jardin-balcon', theme: 'jardin' },
      { id: 'local-graines', theme: 'jardin' },
    ];
    view.accept(retireIdea(view, env, 'jardin-balcon', true));
    const retired = (id: string) => view.isRetired(id);
    expect(cafeThemeIdeas(plan, ideas, retired).map((i) => i.id)).toEqual(['jardin-tonte', 'local-graines']);
    const local = { theme: null, ideaIds: ['local-graines', 'pret-perceuse'] };
    expect(cafeThemeIdeas(local, ideas, retired).map((i) => i.id)).toEqual([
      'pret-perceuse',
      'local-graines',
    ]);
  });

  it('the next café is the earliest planned one not over yet, by the clock in Paris (UTC+1 in December)', () => {
    const { view, env, records, cafeId } = perimeter();
    const at = (iso: string) => Date.parse(iso);
    expect(nextCafe(records, at('2026-12-01T09:00Z'))?.id).toBe(cafeId);
    const earlier = view.accept(planCafe(view, env, { ...plan, date: '2026-12-03' }));
    expect(nextCafe(records, at('2026-12-01T09:00Z'))?.id).toBe(earlier);
    expect(nextCafe(records, at('2026-12-03T15:29Z'))?.id).toBe(earlier);
    expect(nextCafe(records, at('2026-12-03T15:30Z'))?.id).toBe(cafeId);
    view.accept(updateCafe(view, records, env, cafeId, { state: 'cancelled' }));
    expect(nextCafe(records, at('2026-12-03T23:00Z'))).toBeUndefined();
  });
});

describe('attendance', () => {
  it('a household records its own presence, a facilitator anyone’s: each as its own', () => {
    const { view, env, records, fatima, jean, cafeId } = perimeter();
    const self = checkIn(view, records, during, {
      cafeId,
      householdId: fatima,
      by: 'household',
      how: 'scanned',
    });
    expect(self.ok && serverAccepts(householdActor(fatima), self.value.changes)).toBe(true);
    expect(self.ok && serverAccepts(householdActor(jean), self.value.changes)).toBe(false);
    view.accept(self);
    const ticked = checkIn(view, records, env, {
      cafeId,
      householdId: jean,
      by: 'facilitator',
      how: 'ticked',
    });
    expect(ticked.ok && serverAccepts(facilitator, ticked.value.changes)).toBe(true);
    expect(ticked.ok && serverAccepts(householdActor(jean), ticked.value.changes)).toBe(false);
    view.accept(ticked);
    expect(presentAt(view, records, cafeId)).toEqual([fatima, jean].sort());
    expect(records.attendance.get(attendanceKey(cafeId, fatima))).toMatchObject({
      by: 'household',
      how: 'scanned',
    });
  });

  it('a tick taken back is no longer present; the last change wins', () => {
    const { view, env, records, fatima, cafeId } = perimeter();
    const input = { cafeId, householdId: fatima, by: 'facilitator', how: 'ticked' } as const;
    view.accept(checkIn(view, records, env, input));
    view.accept(checkIn(view, records, env, { ...input, present: false }));
    expect(presentAt(view, records, cafeId)).toEqual([]);
    view.accept(checkIn(view, records, during, { ...input, by: 'household', how: 'scanned' }));
    expect(presentAt(view, records, cafeId)).toEqual([fatima]);
  });

  it('no check-in to a cancelled or held café, an unknown café or household', () => {
    const { view, env, records, fatima, cafeId } = perimeter();
    const input = { cafeId, householdId: fatima, by: 'household', how: 'scanned' } as const;
    expect(codes(checkIn(view, records, during, { ...input, cafeId: 'nothing1' }))).toEqual([
      'cafeId:cafe-missing',
    ]);
    expect(codes(checkIn(view, records, during, { ...input, householdId: 'nobody01' }))).toEqual([
      'householdId:household-missing',
    ]);
    view.accept(updateCafe(view, records, env, cafeId, { state: 'cancelled' }));
    expect(codes(checkIn(view, records, during, input))).toEqual(['cafeId:cafe-not-planned']);
    const held = view.accept(planCafe(view, env, plan));
    view.accept(updateCafe(view, records, env, held, { state: 'held' }));
    expect(codes(checkIn(view, records, during, { ...input, cafeId: held }))).toEqual([
      'cafeId:cafe-not-planned',
    ]);
  });

  it('takes a household’s own check-in from 60 minutes before the start until the end minute, in Paris', () => {
    const { view, records, fatima, cafeId } = perimeter();
    const input = { cafeId, householdId: fatima, by: 'household', how: 'scanned' } as const;
    // 14:00 in Paris is 13:00 UTC in December; the end, 16:30, is 15:30 UTC.
    expect(codes(checkIn(view, records, at('2026-11-28T13:00:00.000Z'), input))).toEqual([
      'cafeId:cafe-too-early',
    ]);
    expect(codes(checkIn(view, records, at('2026-12-05T11:59:00.000Z'), input))).toEqual([
      'cafeId:cafe-too-early',
    ]);
    expect(codes(checkIn(view, records, at('2026-12-05T11:59:59.999Z'), input))).toEqual([
      'cafeId:cafe-too-early',
    ]);
    expect(presentAt(view, records, cafeId)).toEqual([]);
    expect(checkIn(view, records, at('2026-12-05T12:00:00.000Z'), input).ok).toBe(true);
    expect(checkIn(view, records, at('2026-12-05T15:29:59.999Z'), input).ok).toBe(true);
    expect(codes(checkIn(view, records, at('2026-12-05T15:30:00.000Z'), input))).toEqual([
      'cafeId:cafe-not-planned',
    ]);
    // Taking one's presence back is not a check-in: allowed at any time.
    expect(checkIn(view, records, at('2026-11-28T13:00:00.000Z'), { ...input, present: false }).ok).toBe(
      true,
    );
    // The facilitator's tick is taken whatever the clock says: they see who is there.
    const early = at('2026-11-28T13:00:00.000Z');
    expect(checkIn(view, records, early, { ...input, by: 'facilitator', how: 'ticked' }).ok).toBe(true);
  });

  it('householdCheckInWindow: early, open, over, at the edges and on the day clocks go forward', () => {
    const cafe = { date: '2026-12-05', start: '14:00', end: '16:30' };
    expect(householdCheckInWindow(cafe, Date.parse('2026-12-05T11:59:00Z'))).toBe('early');
    expect(householdCheckInWindow(cafe, Date.parse('2026-12-05T12:00:00Z'))).toBe('open');
    expect(householdCheckInWindow(cafe, Date.parse('2026-12-05T15:29:00Z'))).toBe('open');
    expect(householdCheckInWindow(cafe, Date.parse('2026-12-05T15:30:00Z'))).toBe('over');
    // 29 March 2026, Paris goes to UTC+2 at 02:00: a café at 10:00 opens at 09:00 there, 07:00 UTC.
    const spring = { date: '2026-03-29', start: '10:00', end: '12:00' };
    expect(householdCheckInWindow(spring, Date.parse('2026-03-29T06:59:00Z'))).toBe('early');
    expect(householdCheckInWindow(spring, Date.parse('2026-03-29T07:00:00Z'))).toBe('open');
  });

  it('an erased household is never counted present', () => {
    const { view, env, records, fatima, cafeId } = perimeter();
    view.accept(
      checkIn(view, records, during, { cafeId, householdId: fatima, by: 'household', how: 'scanned' }),
    );
    view.apply([
      { map: 'profiles', key: fatima, value: { ...view.household(fatima)!, erasedAt: env.now() } },
    ]);
    expect(presentAt(view, records, cafeId)).toEqual([]);
  });
});

describe('a café as a sign-up session', () => {
  const newcomer: Omit<SignUpInput, 'witnesses'> = {
    name: 'Omar',
    place: '12 rue des Lilas',
    languages: ['fr', 'ar'],
    contact: { phone: '06 12 34 56 78' },
    dataUse: true,
    shareContact: false,
  };

  it('is open while planned, with its present households as the session’s', () => {
    const { view, env, records, fatima, cafeId } = perimeter();
    view.accept(
      checkIn(view, records, during, { cafeId, householdId: fatima, by: 'household', how: 'scanned' }),
    );
    expect(cafeSession(view, records, cafeId)).toMatchObject({
      id: cafeId,
      kind: 'cafe',
      present: [fatima],
      closedAt: null,
    });
    view.accept(updateCafe(view, records, env, cafeId, { state: 'held' }));
    expect(cafeSession(view, records, cafeId)?.closedAt).not.toBeNull();
    expect(cafeSession(view, records, 'nothing1')).toBeUndefined();
  });

  it('signs a household up witnessed by a neighbour who checked in by scanning, and counts it present', () => {
    const { view, env, records, fatima, jean, cafeId } = perimeter();
    expect(codes(signUpAtCafe(view, records, env, cafeId, { ...newcomer, witnesses: [fatima] }))).toEqual([
      ':no-witness-present',
    ]);
    view.accept(
      checkIn(view, records, during, { cafeId, householdId: fatima, by: 'household', how: 'scanned' }),
    );
    expect(codes(signUpAtCafe(view, records, env, cafeId, { ...newcomer, witnesses: [jean] }))).toEqual([
      'witnesses:witness-not-present',
    ]);
    const result = signUpAtCafe(view, records, env, cafeId, { ...newcomer, witnesses: [fatima] });
    expect(result.ok && serverAccepts(facilitator, result.value.changes)).toBe(true);
    expect(result.ok && result.value.changes.map((c) => c.map)).toEqual(['profiles', 'attendance']);
    const { householdId, contact } = view.accept(result);
    expect(contact).toEqual({ phone: '06 12 34 56 78' });
    expect(view.household(householdId)).toMatchObject({
      sessionId: cafeId,
      witnesses: [fatima],
      founding: false,
    });
    expect(presentAt(view, records, cafeId)).toEqual([fatima, householdId].sort());
  });

  it('refuses a sign-up at a held or cancelled café, or an unknown one', () => {
    const { view, env, records, fatima, cafeId } = perimeter();
    view.accept(
      checkIn(view, records, during, { cafeId, householdId: fatima, by: 'household', how: 'scanned' }),
    );
    view.accept(updateCafe(view, records, env, cafeId, { state: 'cancelled' }));
    expect(codes(signUpAtCafe(view, records, env, cafeId, { ...newcomer, witnesses: [fatima] }))).toEqual([
      ':session-closed',
    ]);
    expect(codes(signUpAtCafe(view, records, env, 'nothing1', { ...newcomer, witnesses: [fatima] }))).toEqual(
      [':cafe-missing'],
    );
  });
});

describe('proposed local ideas', () => {
  const idea = {
    title: 'Troc de graines',
    theme: 'jardin',
    kind: 'collective',
    hint: 'Au printemps',
  } as const;

  it('a household proposes under its own key; pending until a facilitator decides', () => {
    const { view, env, records, fatima } = perimeter();
    const proposed = proposeIdea(view, records, env, { householdId: fatima, ...idea });
    expect(proposed.ok && serverAccepts(householdActor(fatima), proposed.value.changes)).toBe(true);
    const key = view.accept(proposed);
    expect(proposalsWithState(records, fatima)).toMatchObject([
      { key, householdId: fatima, state: 'pending' },
    ]);
    expect(proposalsWithState(records, 'jean0001')).toEqual([]);
  });

  it('accepting makes it a local idea of the perimeter, which the household cannot forge', () => {
    const { view, env, records, fatima } = perimeter();
    const key = view.accept(proposeIdea(view, records, env, { householdId: fatima, ...idea }));
    const decided = decideProposal(view, records, env, key, 'accepted');
    expect(decided.ok && serverAccepts(facilitator, decided.value.changes)).toBe(true);
    expect(
      decided.ok && decided.value.changes.some(({ map, key: k }) => canWrite(householdActor(fatima), map, k)),
    ).toBe(false);
    const ideaId = view.accept(decided)!;
    expect(view.idea(ideaId)).toMatchObject({ ...idea, id: ideaId });
    expect(proposalsWithState(records)).toMatchObject([{ key, state: 'accepted', ideaId }]);
    // The new idea is answered like any other.
    expect(answer(view, env, { householdId: fatima, ideaId, value: 'join' }).ok).toBe(true);
    expect(codes(decideProposal(view, records, env, key, 'declined'))).toEqual([':proposal-decided']);
  });

  it('declining adds no idea; an unknown proposal or theme is refused', () => {
    const { view, env, records, fatima } = perimeter();
    const key = view.accept(proposeIdea(view, records, env, { householdId: fatima, ...idea }));
    expect(view.accept(decideProposal(view, records, env, key, 'declined'))).toBeNull();
    expect(view.records.get('ideas')).toBeUndefined();
    expect(proposalsWithState(records)[0]?.state).toBe('declined');
    expect(codes(decideProposal(view, records, env, `${fatima}/nothing1`, 'accepted'))).toEqual([
      ':proposal-missing',
    ]);
    expect(
      codes(proposeIdea(view, records, env, { householdId: fatima, ...idea, theme: 'nothing1' })),
    ).toEqual(['theme:theme-missing']);
    expect(codes(proposeIdea(view, records, env, { householdId: 'nobody01', ...idea }))).toEqual([
      'householdId:household-missing',
    ]);
  });

  it(`stops at ${MAX_PROPOSALS_PER_HOUSEHOLD} proposals per household`, () => {
    const { view, env, records, fatima, jean } = perimeter();
    for (let i = 0; i < MAX_PROPOSALS_PER_HOUSEHOLD; i++) {
      view.accept(proposeIdea(view, records, env, { householdId: fatima, ...idea, title: `Idée ${i}` }));
    }
    expect(codes(proposeIdea(view, records, env, { householdId: fatima, ...idea }))).toEqual([
      ':proposals-full',
    ]);
    expect(proposeIdea(view, records, env, { householdId: jean, ...idea }).ok).toBe(true);
  });
});

describe('micro-projects', () => {
  const start = {
    name: 'Bac potager',
    ideaId: 'jardin-jardin-partage',
    nextStep: 'Choisir le bac',
    nextStepDate: '2026-12-20',
  };

  it('a household starts one under its own key and is its first member', () => {
    const { view, env, records, fatima } = perimeter();
    const created = createProject(view, records, env, { by: 'household', ownerId: fatima, ...start });
    expect(created.ok && serverAccepts(householdActor(fatima), created.value.changes)).toBe(true);
    const key = view.accept(created);
    expect(projectsOf(records, fatima)).toMatchObject([{ key, project: start, members: [fatima] }]);
    expect(codes(createProject(view, records, env, { by: 'household', ownerId: null, ...start }))).toEqual([
      'ownerId:invalid',
    ]);
  });

  it('a facilitator starts one with no owner; members join and leave, each their own record', () => {
    const { view, env, records, fatima, jean, lea } = perimeter();
    const key = view.accept(
      createProject(view, records, env, { by: 'facilitator', ownerId: null, ...start }),
    );
    expect(projectsOf(records, fatima)).toEqual([]);
    const joined = joinProject(view, records, env, { projectKey: key, householdId: fatima, by: 'household' });
    expect(joined.ok && serverAccepts(householdActor(fatima), joined.value.changes)).toBe(true);
    expect(joined.ok && serverAccepts(householdActor(jean), joined.value.changes)).toBe(false);
    view.accept(joined);
    view.accept(joinProject(view, records, env, { projectKey: key, householdId: jean, by: 'facilitator' }));
    expect(projectsOf(records, jean)[0]?.members).toEqual([fatima, jean].sort());
    view.accept(leaveProject(view, records, env, { projectKey: key, householdId: fatima, by: 'household' }));
    expect(projectsOf(records, fatima)).toEqual([]);
    expect(records.memberships.get(membershipKey(key, fatima))).toMatchObject({ member: false });
    expect(projectsOf(records, jean)[0]?.members).toEqual([jean]);
    expect(
      codes(joinProject(view, records, env, { projectKey: 'nothing1', householdId: lea, by: 'household' })),
    ).toEqual(['projectKey:project-missing']);
    expect(
      codes(joinProject(view, records, env, { projectKey: key, householdId: 'nobody01', by: 'household' })),
    ).toEqual(['householdId:household-missing']);
  });

  it('updates its next step; refuses an unknown or retired idea and too many projects', () => {
    const { view, env, records, fatima } = perimeter();
    const key = view.accept(
      createProject(view, records, env, { by: 'household', ownerId: fatima, ...start }),
    );
    view.accept(
      updateProject(view, records, env, key, { nextStep: 'Acheter la terre', nextStepDate: '2027-01-10' }),
    );
    expect(records.projects.get(key)).toMatchObject({ name: 'Bac potager', nextStep: 'Acheter la terre' });
    expect(codes(updateProject(view, records, env, key, { ideaId: 'nothing1' }))).toEqual([
      'ideaId:idea-missing',
    ]);
    expect(codes(updateProject(view, records, env, 'nothing1', {}))).toEqual([':project-missing']);
    view.accept(retireIdea(view, env, 'jardin-jardin-partage', true));
    expect(codes(createProject(view, records, env, { by: 'facilitator', ownerId: null, ...start }))).toEqual([
      'ideaId:idea-retired',
    ]);
    for (let i = 1; i < MAX_PROJECTS_PER_HOUSEHOLD; i++) {
      view.accept(
        createProject(view, records, env, { by: 'household', ownerId: fatima, ...start, ideaId: null }),
      );
    }
    expect(
      codes(createProject(view, records, env, { by: 'household', ownerId: fatima, ...start, ideaId: null })),
    ).toEqual([':projects-full']);
  });

  it('lists projects by their next step’s date, those with none last', () => {
    const { view, env, records, fatima } = perimeter();
    const make = (name: string, nextStepDate: string | null) =>
      view.accept(
        createProject(view, records, env, { by: 'household', ownerId: fatima, ...start, name, nextStepDate }),
      );
    make('Sans date', null);
    make('Plus tard', '2027-02-01');
    make('Bientôt', '2026-12-10');
    expect(projectsOf(records, fatima).map((p) => p.project.name)).toEqual([
      'Bientôt',
      'Plus tard',
      'Sans date',
    ]);
  });
});
