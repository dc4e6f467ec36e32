/**
 * A refused form is refused once, with every point to fix (domain/validate.ts, the commands that
 * use `refusals`): the schema's refusals and the command's own checks together, one per field, each
 * 'too-long' text with the schema's own limit. What the UI says of them is i18n's errorMessage.
 */
import { describe, expect, it } from 'vitest';
import {
  type FieldError,
  addLocalIdea,
  createPerimeter,
  openSession,
  planCafe,
  signUpHousehold,
} from '../../../src/domain';
import { refusals, validate } from '../../../src/domain/validate';
import { errorMessage } from '../../../src/i18n';
import { testEnv } from '../../fixtures/env';
import { MemoryPerimeter } from '../../fixtures/memory-perimeter';
import * as z from 'zod/mini';
import { foundedInMemory } from './founded';

const places = ['12 rue des Lilas', 'Place du marché'];

function founded() {
  const { view, env, founderIds } = foundedInMemory({
    places,
    dwellings: 40,
    founders: [{ name: 'Fatima', place: places[0]! }],
  });
  return { view, env, founderIds };
}

const errorsOf = (result: { ok: boolean; errors?: FieldError[] }) => (result.ok ? [] : result.errors);

describe('validate', () => {
  const schema = z.object({
    name: z
      .string()
      .check(z.trim(), z.minLength(1, { error: 'required' }), z.maxLength(5, { error: 'too-long' })),
    when: z.iso.date({ error: 'invalid-date' }),
    tags: z.array(z.string()).check(z.maxLength(1, { error: 'too-long' })),
  });

  it('returns every field refused, in order, with the limit of a text too long', () => {
    expect(errorsOf(validate(schema, { name: 'Bernadette', when: '2026-13-45', tags: ['a', 'b'] }))).toEqual([
      { field: 'name', code: 'too-long', max: 5 },
      { field: 'when', code: 'invalid-date' },
      // A list's limit counts items, not characters: it is not said as "caractères".
      { field: 'tags', code: 'too-long' },
    ]);
  });

  it('calls an empty or blank box "to fill in", whatever the schema says of a filled one', () => {
    expect(errorsOf(validate(schema, { name: '  ', when: '', tags: [] }))).toEqual([
      { field: 'name', code: 'required' },
      { field: 'when', code: 'required' },
    ]);
  });

  it('merges the command’s own checks after the schema’s, one per field', () => {
    const parsed = validate(schema, { name: '', when: '2026-01-01', tags: [] });
    expect(
      refusals(parsed, [
        { field: 'name', code: 'place-unknown' },
        false,
        { field: 'when', code: 'date-past' },
        undefined,
      ]),
    ).toEqual([
      { field: 'name', code: 'required' },
      { field: 'when', code: 'date-past' },
    ]);
  });
});

describe('commands refuse every field at once', () => {
  it('planCafe: a past date, an end before the start, a place too long, no theme, a welcome too long', () => {
    const { view, env } = founded();
    const result = planCafe(view, env, {
      date: '2026-11-01',
      start: '17:00',
      end: '15:00',
      place: 'x'.repeat(81),
      theme: null,
      localTheme: null,
      ideaIds: [],
      welcome: 'y'.repeat(201),
    });
    expect(errorsOf(result)).toEqual([
      { field: 'place', code: 'too-long', max: 80 },
      { field: 'welcome', code: 'too-long', max: 200 },
      { field: 'date', code: 'date-past' },
      { field: 'end', code: 'cafe-time-order' },
      { field: 'theme', code: 'cafe-theme-required' },
    ]);
    expect(view.records.get('cafes')).toBeUndefined();
  });

  it('planCafe: an empty local theme and an empty date are both "to fill in"', () => {
    const { view, env } = founded();
    const result = planCafe(view, env, {
      date: '',
      start: '15:00',
      end: '17:00',
      place: '',
      theme: null,
      localTheme: ' ',
      ideaIds: [],
      welcome: '',
    });
    expect(errorsOf(result)).toEqual([
      { field: 'date', code: 'required' },
      { field: 'place', code: 'required' },
      { field: 'localTheme', code: 'required' },
    ]);
  });

  it('createPerimeter: an empty name, a duplicate street and a founder at an unknown place', () => {
    const view = new MemoryPerimeter();
    const result = createPerimeter(view, testEnv(), 'p1', {
      name: '',
      places: ['Rue A', 'rue a', 'z'.repeat(81)],
      dwellings: 0,
      founders: [{ name: 'Léa', place: 'Rue B' }],
    });
    expect(errorsOf(result)).toEqual([
      { field: 'name', code: 'required' },
      { field: 'places.2', code: 'too-long', max: 80 },
      { field: 'dwellings', code: 'dwellings-range' },
      { field: 'places.1', code: 'places-duplicate' },
      { field: 'founders.0.place', code: 'place-unknown' },
    ]);
  });

  it('signUpHousehold: a name too long, no place, a bad phone, no consent, no witness', () => {
    const { view, env, founderIds } = founded();
    const sessionId = view.accept(
      openSession(view, env, { date: '2026-11-21', place: 'Café', kind: 'cafe', present: founderIds }),
    );
    const result = signUpHousehold(view, env, sessionId, {
      name: 'L'.repeat(41),
      place: '',
      languages: ['fr'],
      contact: { phone: '12', email: '', flat: '' },
      dataUse: false,
      shareContact: false,
      witnesses: [],
    });
    expect(errorsOf(result)).toEqual([
      { field: 'name', code: 'too-long', max: 40 },
      { field: 'place', code: 'required' },
      { field: 'contact.phone', code: 'invalid-phone' },
      { field: 'dataUse', code: 'consent-required' },
      { field: 'witnesses', code: 'witness-required' },
    ]);
  });

  it('addLocalIdea: no theme chosen and a title too long', () => {
    const { view, env } = founded();
    expect(
      errorsOf(addLocalIdea(view, env, { theme: '', kind: 'exchange', title: 't'.repeat(61), hint: '' })),
    ).toEqual([
      { field: 'theme', code: 'required' },
      { field: 'title', code: 'too-long', max: 60 },
    ]);
  });
});

describe('the messages say what is wrong and how to fix it', () => {
  it('says the limit of a text too long, and that a date is past', () => {
    expect(errorMessage({ code: 'too-long', max: 80 })).toBe('C’est trop long : 80 caractères au plus.');
    expect(errorMessage('too-long')).not.toMatch(/\{max\}/);
    expect(errorMessage({ code: 'date-past' })).toBe(
      'Cette date est déjà passée. Choisissez une date à venir.',
    );
    expect(errorMessage('invalid-date')).not.toMatch(/pas valable/);
  });
});
