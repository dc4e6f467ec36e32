/**
 * The links commands (domain/commands.ts chooseLink, chooseGroup, setGroupThreshold) on a perimeter
 * held in plain maps, and the records they write against the rules the sync server applies.
 */
import { describe, expect, it } from 'vitest';
import {
  type ChooseLinkInput,
  type Household,
  answer,
  canReplace,
  canWrite,
  chooseGroup,
  chooseLink,
  choiceKey,
  retireIdea,
  setGroupThreshold,
  validRecord,
} from '../../../src/domain';
import { MemoryPerimeter } from '../../fixtures/memory-perimeter';
import { foundedInMemory } from './founded';

function perimeter() {
  const { view, env, founderIds } = foundedInMemory({
    places: ['12 rue des Lilas', '14 rue des Lilas'],
    dwellings: 40,
    founders: ['Fatima', 'Jean', 'Léa', 'Omar'].map((name) => ({ name, place: '12 rue des Lilas' })),
  });
  const [fatima, jean, lea, omar] = founderIds as [string, string, string, string];
  const say = (householdId: string, ideaId: string, value: 'offer' | 'seek' | 'both' | 'join' | 'no') =>
    view.accept(answer(view, env, { householdId, ideaId, value }));
  say(fatima, 'pret-perceuse', 'seek');
  say(jean, 'pret-perceuse', 'offer');
  say(lea, 'pret-perceuse', 'seek');
  for (const id of [fatima, jean, lea]) say(id, 'pret-placard-partage', 'join');
  say(omar, 'pret-placard-partage', 'no');
  return { view, env, fatima, jean, lea, omar };
}

describe('chooseLink', () => {
  it('records the household’s choice under its own key, as its author says', () => {
    const { view, env, fatima, jean } = perimeter();
    const result = chooseLink(view, env, {
      by: 'facilitator',
      householdId: fatima,
      otherId: jean,
      ideaId: 'pret-perceuse',
      value: 'yes',
    });
    expect(result.ok && result.value.changes).toEqual([
      {
        map: 'choices',
        key: choiceKey(fatima, jean, 'pret-perceuse'),
        value: { value: 'yes', at: expect.any(String), by: 'facilitator' },
      },
    ]);
    // What the server then checks: a facilitator may write it; the household itself may not, as
    // a facilitator's; the record has the shape of a choice.
    const change = result.ok ? result.value.changes[0]! : undefined;
    expect(validRecord('choices', change!.key, change!.value)).toBe(true);
    expect(canWrite({ kind: 'facilitator' }, 'choices', change!.key)).toBe(true);
    expect(
      canReplace({ kind: 'household', householdId: fatima }, 'choices', () => undefined, change!.value),
    ).toBe(false);
  });

  it('refuses unknown or erased households, the household itself, retired or unknown ideas, and non-matches', () => {
    const { view, env, fatima, jean, lea, omar } = perimeter();
    const input = {
      by: 'household',
      householdId: fatima,
      otherId: jean,
      ideaId: 'pret-perceuse',
      value: 'yes',
    } as const;
    const refusal = (changes: Partial<ChooseLinkInput>) => {
      const result = chooseLink(view, env, { ...input, ...changes });
      return result.ok ? undefined : result.errors;
    };
    expect(refusal({})).toBeUndefined();
    expect(refusal({ householdId: 'nobody01' })).toEqual([
      { field: 'householdId', code: 'household-missing' },
    ]);
    expect(refusal({ otherId: 'nobody01' })).toEqual([{ field: 'otherId', code: 'household-missing' }]);
    expect(refusal({ otherId: fatima })).toEqual([{ field: 'otherId', code: 'link-self' }]);
    expect(refusal({ ideaId: 'no-such-idea' })).toEqual([{ field: 'ideaId', code: 'idea-missing' }]);
    // Two households looking for the same thing do not meet; nor one that answered 'no'.
    expect(refusal({ otherId: lea })).toEqual([{ field: 'ideaId', code: 'link-not-a-match' }]);
    expect(refusal({ otherId: omar, ideaId: 'pret-placard-partage' })).toEqual([
      { field: 'ideaId', code: 'link-not-a-match' },
    ]);
    expect(refusal({ value: 'maybe' as never })).toEqual([{ field: 'value', code: 'invalid' }]);
    expect(refusal({ otherId: 'Not An Id' })).toEqual([{ field: 'otherId', code: 'invalid' }]);

    const erased: Household = { ...view.household(jean)!, erasedAt: '2026-11-22T10:00:00.000Z' };
    expect(validRecord('profiles', jean, erased)).toBe(true);
    view.apply([{ map: 'profiles', key: jean, value: erased }]);
    expect(refusal({})).toEqual([{ field: 'otherId', code: 'household-missing' }]);

    view.accept(retireIdea(view, env, 'pret-perceuse', true));
    expect(refusal({ otherId: lea })).toEqual([{ field: 'ideaId', code: 'idea-retired' }]);
  });
});

describe('chooseGroup', () => {
  it('says the same about every other member of a collective idea’s group, in one go', () => {
    const { view, env, fatima, jean, lea } = perimeter();
    const result = chooseGroup(view, env, {
      by: 'household',
      householdId: fatima,
      ideaId: 'pret-placard-partage',
      value: 'yes',
      memberIds: [fatima, jean, lea],
    });
    expect(result.ok && result.value.changes.map((change) => change.key)).toEqual([
      choiceKey(fatima, jean, 'pret-placard-partage'),
      choiceKey(fatima, lea, 'pret-placard-partage'),
    ]);
  });

  it('refuses the whole group when one member would not meet the household on the idea', () => {
    const { view, env, fatima, jean, omar } = perimeter();
    const result = chooseGroup(view, env, {
      by: 'household',
      householdId: fatima,
      ideaId: 'pret-placard-partage',
      value: 'yes',
      memberIds: [jean, omar],
    });
    expect(result).toEqual({ ok: false, errors: [{ field: 'memberIds.1', code: 'link-not-a-match' }] });
  });
});

describe('setGroupThreshold', () => {
  it('keeps a whole number from 2 to 50 on the perimeter, whose record stays valid', () => {
    const { view } = perimeter();
    for (const wrong of [1, 51, 2.5, Number.NaN]) {
      expect(setGroupThreshold(view, wrong)).toEqual({
        ok: false,
        errors: [{ field: 'groupThreshold', code: 'group-threshold-range' }],
      });
    }
    view.accept(setGroupThreshold(view, 5));
    expect(view.perimeter()?.groupThreshold).toBe(5);
    expect(validRecord('meta', 'perimeter', view.perimeter())).toBe(true);
    expect(validRecord('meta', 'perimeter', { ...view.perimeter(), groupThreshold: 1 })).toBe(false);
    expect(setGroupThreshold(new MemoryPerimeter(), 3)).toEqual({
      ok: false,
      errors: [{ field: '', code: 'perimeter-missing' }],
    });
  });
});
