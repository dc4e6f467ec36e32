/**
 * The record rules the server enforces that need no running server: size caps on the lists in
 * records (refused by the rights check and by the commands alike) and what a household may replace.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_LANGUAGES,
  MAX_PLACES,
  MAX_PRESENT,
  MAX_WITNESSES,
  PERIMETER_KEY,
  canReplace,
  createPerimeter,
  openSession,
  setPresence,
  validRecord,
} from '../../src/domain';
import { testEnv } from '../fixtures/env';
import { MemoryPerimeter } from '../fixtures/memory-perimeter';
import { at, perimeterRecord, profile } from './helpers';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `household-${i}`);

describe('lists in records are capped', () => {
  it('in the records the server accepts', () => {
    const household = profile('fatima01', 'Fatima');
    const session = {
      id: 'session1',
      date: '2026-11-21',
      place: 'Salle commune',
      kind: 'cafe',
      present: [] as string[],
      openedAt: at,
      closedAt: null,
    };
    const perimeter = perimeterRecord('perimeter1');
    const cases: [string, string, object, object][] = [
      ['profiles', 'fatima01', household, { languages: Array(MAX_LANGUAGES + 1).fill('fr') }],
      ['profiles', 'fatima01', household, { witnesses: ids(MAX_WITNESSES + 1) }],
      ['sessions', 'session1', session, { present: ids(MAX_PRESENT + 1) }],
      ['meta', PERIMETER_KEY, perimeter, { places: ids(MAX_PLACES + 1) }],
    ];
    for (const [map, key, record, tooLong] of cases) {
      expect(validRecord(map, key, record)).toBe(true);
      expect(validRecord(map, key, { ...record, ...tooLong })).toBe(false);
    }
  });

  it('in the commands, with the too-long error', () => {
    const view = new MemoryPerimeter();
    const env = testEnv();
    const founders = [{ name: 'Fatima', place: 'household-0' }];
    const tooMany = createPerimeter(view, env, 'perimeter1', {
      name: 'Quartier des Lilas',
      places: ids(MAX_PLACES + 1),
      dwellings: 120,
      founders,
    });
    expect(tooMany).toEqual({ ok: false, errors: [{ field: 'places', code: 'too-long' }] });
    const { founderIds } = view.accept(
      createPerimeter(view, env, 'perimeter1', {
        name: 'Quartier',
        places: ids(3),
        dwellings: 120,
        founders,
      }),
    );

    const crowd = ids(MAX_PRESENT + 1);
    const input = { date: '2026-11-21', place: 'Salle', kind: 'cafe' as const, present: crowd };
    expect(openSession(view, env, input)).toMatchObject({ ok: false, errors: [{ code: 'too-long' }] });
    const sessionId = view.accept(openSession(view, env, { ...input, present: founderIds }));
    // Every one of them registered: only the cap refuses.
    for (const id of crowd) view.apply([{ map: 'profiles', key: id, value: profile(id, id) }]);
    expect(setPresence(view, sessionId, crowd)).toEqual({
      ok: false,
      errors: [{ field: 'present', code: 'too-long' }],
    });
  });
});

describe('what a household may replace', () => {
  const household = { kind: 'household', householdId: 'fatima01' } as const;
  const current = profile('fatima01', 'Fatima');

  it('not a profile that does not exist yet: facilitators create households at sign-up', () => {
    expect(canReplace(household, 'profiles', () => undefined, current)).toBe(false);
    expect(canReplace({ kind: 'facilitator' }, 'profiles', () => undefined, current)).toBe(true);
  });

  it('the display fields of its profile only; anything in other maps canWrite allows', () => {
    const renamed = { ...current, name: 'Fatima B.', place: 'Bât. B', languages: ['ar'] };
    expect(canReplace(household, 'profiles', () => current, renamed)).toBe(true);
    expect(canReplace(household, 'profiles', () => current, { ...current, witnesses: ['jean0001'] })).toBe(
      false,
    );
    expect(canReplace(household, 'answers', () => undefined, { value: 'offer', at })).toBe(true);
  });
});
