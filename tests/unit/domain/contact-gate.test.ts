import { describe, expect, it } from 'vitest';
import { type Choice, type ChoiceValue, type Household, choiceKey } from '../../../src/domain';
import { choicesAround, contactGate } from '../../../src/domain/contact-gate';

const at = '2026-11-21T14:00:00.000Z';

function household(id: string, shareContact = true, erased = false): Household {
  return {
    id,
    name: id,
    place: '12 rue des Lilas',
    languages: ['fr'],
    joinedAt: at,
    sessionId: null,
    witnesses: [],
    founding: true,
    consent: { dataUse: true, shareContact, at },
    ...(erased ? { erasedAt: at } : {}),
  };
}

const choice = (value: ChoiceValue): Choice => ({ value, at, by: 'household' });

function choices(...entries: [string, string, string, ChoiceValue][]): [string, unknown][] {
  return entries.map(([owner, other, idea, value]) => [choiceKey(owner, other, idea), choice(value)]);
}

const amina = household('amina001');
const bruno = household('bruno001');

describe('the gate of contact details between two neighbours', () => {
  it('opens only on two yeses (or met) on one idea, with both consents', () => {
    const around = (entries: [string, unknown][]) => choicesAround(entries, 'amina001').choices;
    const linked = choices(['amina001', 'bruno001', 'i1', 'yes'], ['bruno001', 'amina001', 'i1', 'met']);
    expect(contactGate(around(linked), amina, bruno)).toBe('open');
    expect(contactGate(around(linked.slice(0, 1)), amina, bruno)).toBe('not-linked');
    const crossed = choices(['amina001', 'bruno001', 'i1', 'yes'], ['bruno001', 'amina001', 'i2', 'yes']);
    expect(contactGate(around(crossed), amina, bruno)).toBe('not-linked');
    expect(contactGate(around(linked), amina, household('bruno001', false))).toBe('no-consent');
    expect(contactGate(around(linked), household('amina001', false), bruno)).toBe('no-consent');
  });

  it('closes on a withdrawal by either side on any idea, an erased household or a missing one', () => {
    const around = (entries: [string, unknown][]) => choicesAround(entries, 'amina001').choices;
    const linked = choices(['amina001', 'bruno001', 'i1', 'yes'], ['bruno001', 'amina001', 'i1', 'yes']);
    const withdrawn = choices(['bruno001', 'amina001', 'i2', 'withdrawn']);
    expect(contactGate(around([...linked, ...withdrawn]), amina, bruno)).toBe('not-linked');
    expect(contactGate(around(linked), amina, household('bruno001', true, true))).toBe('not-linked');
    expect(contactGate(around(linked), amina, undefined)).toBe('not-linked');
  });

  it('keeps only the valid choices that involve the household, and the neighbours it named', () => {
    const entries: [string, unknown][] = [
      ...choices(['amina001', 'bruno001', 'i1', 'yes'], ['chloe001', 'amina001', 'i1', 'yes']),
      ...choices(['bruno001', 'chloe001', 'i1', 'yes']),
      [choiceKey('bruno001', 'amina001', 'i1'), { value: 'maybe', at, by: 'household' }],
      ['not/a key', choice('yes')],
    ];
    const { choices: kept, named } = choicesAround(entries, 'amina001');
    expect([...kept.keys()].sort()).toEqual([
      choiceKey('amina001', 'bruno001', 'i1'),
      choiceKey('chloe001', 'amina001', 'i1'),
    ]);
    expect([...named]).toEqual(['bruno001']);
  });
});
