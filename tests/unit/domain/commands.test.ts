import { describe, expect, it } from 'vitest';
import {
  type SignUpInput,
  answer,
  answerKey,
  closeSession,
  DOC_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  createPerimeter,
  openSession,
  retireIdea,
  setPresence,
  signUpHousehold,
  addLocalIdea,
} from '../../../src/domain';
import { testEnv } from '../../fixtures/env';
import { MemoryPerimeter, catalogue } from '../../fixtures/memory-perimeter';
import { foundedInMemory } from './founded';

const places = ['12 rue des Lilas', '14 rue des Lilas', 'Résidence Les Tilleuls, bât. A'];

function founded() {
  const { view, env, founderIds } = foundedInMemory({
    places,
    dwellings: 240,
    founders: [
      { name: 'Fatima', place: places[0]! },
      { name: 'Jean', place: places[2]! },
    ],
  });
  return { view, env, founderIds };
}

function withSession(present: 'all' | 'none' = 'all') {
  const world = founded();
  const sessionId = world.view.accept(
    openSession(world.view, world.env, {
      date: '2026-11-21',
      place: 'Café du coin',
      kind: 'cafe',
      present: present === 'all' ? world.founderIds : [],
    }),
  );
  return { ...world, sessionId };
}

const newcomer = (witnesses: string[]): SignUpInput => ({
  name: 'Léa',
  place: places[1]!,
  languages: ['fr', 'pt'],
  contact: { phone: '06 12 34 56 78', email: 'lea@example.org', flat: '3e gauche' },
  dataUse: true,
  shareContact: true,
  witnesses,
});

describe('createPerimeter', () => {
  it('creates the perimeter and its founding residents, who count as registered', () => {
    const { view, founderIds } = founded();
    expect(view.perimeter()).toMatchObject({
      id: 'perimeter1',
      name: 'Quartier des Lilas',
      places,
      dwellings: 240,
    });
    expect(founderIds).toHaveLength(2);
    expect(view.household(founderIds[0]!)).toMatchObject({ name: 'Fatima', founding: true, sessionId: null });
  });

  it('stamps the document with the format this app writes', () => {
    const { view } = founded();
    expect(view.records.get('meta')?.get(FORMAT_VERSION_KEY)).toBe(DOC_FORMAT_VERSION);
  });

  it('says which field is wrong, in codes the UI translates', () => {
    const view = new MemoryPerimeter();
    const result = createPerimeter(view, testEnv(), 'p1', {
      name: '  ',
      places: ['Rue A', 'rue a'],
      dwellings: 0,
      founders: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'dwellings', code: 'dwellings-range' },
        { field: 'founders', code: 'founders-required' },
      ]),
    );
  });

  it('refuses the same street twice and a founder outside the perimeter', () => {
    const view = new MemoryPerimeter();
    const base = { name: 'Lilas', dwellings: 10, founders: [{ name: 'Jo', place: 'Rue A' }] };
    expect(createPerimeter(view, testEnv(), 'p1', { ...base, places: ['Rue A', 'rue a'] })).toEqual({
      ok: false,
      errors: [{ field: 'places.1', code: 'places-duplicate' }],
    });
    expect(createPerimeter(view, testEnv(), 'p1', { ...base, places: ['Rue B'] })).toEqual({
      ok: false,
      errors: [{ field: 'founders.0.place', code: 'place-unknown' }],
    });
  });

  it('cannot create a second perimeter in the same document', () => {
    const { view, env } = founded();
    const again = createPerimeter(view, env, 'p2', {
      name: 'Autre',
      places: ['Rue A'],
      dwellings: 1,
      founders: [{ name: 'A', place: 'Rue A' }],
    });
    expect(again).toEqual({ ok: false, errors: [{ field: '', code: 'perimeter-exists' }] });
  });
});

describe('sign-up: no witness present, no sign-up', () => {
  it('signs up a household witnessed by a registered neighbour present', () => {
    const { view, env, sessionId, founderIds } = withSession();
    const result = signUpHousehold(view, env, sessionId, newcomer([founderIds[0]!]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { householdId, contact } = result.value.value;
    view.apply(result.value.changes);
    expect(view.household(householdId)).toMatchObject({
      name: 'Léa',
      sessionId,
      witnesses: [founderIds[0]],
      founding: false,
      consent: { dataUse: true, shareContact: true },
    });
    expect(contact).toEqual({ phone: '06 12 34 56 78', email: 'lea@example.org', flat: '3e gauche' });
  });

  it('keeps contact details out of what goes into the shared document', () => {
    const { view, env, sessionId, founderIds } = withSession();
    const result = signUpHousehold(view, env, sessionId, newcomer([founderIds[0]!]));
    if (!result.ok) throw new Error('refused');
    const shared = JSON.stringify(result.value.changes);
    expect(shared).not.toContain('06 12 34 56 78');
    expect(shared).not.toContain('lea@example.org');
    expect(shared).not.toContain('3e gauche');
  });

  it('refuses outside an open session', () => {
    const { view, env, founderIds } = founded();
    expect(signUpHousehold(view, env, 'nosession', newcomer(founderIds))).toEqual({
      ok: false,
      errors: [{ field: '', code: 'session-missing' }],
    });
    const s = withSession();
    s.view.accept(closeSession(s.view, s.env, s.sessionId));
    expect(signUpHousehold(s.view, s.env, s.sessionId, newcomer(s.founderIds))).toEqual({
      ok: false,
      errors: [{ field: '', code: 'session-closed' }],
    });
  });

  it('counts the household just signed up as present: it can welcome the next one at once', () => {
    const { view, env, sessionId, founderIds } = withSession();
    const first = view.accept(signUpHousehold(view, env, sessionId, newcomer([founderIds[0]!])));
    expect(view.session(sessionId)?.present).toEqual([...founderIds, first.householdId]);
    // Nobody ticked it: it witnesses the next sign-up.
    const next = signUpHousehold(view, env, sessionId, { ...newcomer([first.householdId]), name: 'Noé' });
    expect(next.ok).toBe(true);
  });

  it('refuses when no registered neighbour is present, then accepts once one is ticked', () => {
    const { view, env, sessionId, founderIds } = withSession('none');
    expect(signUpHousehold(view, env, sessionId, newcomer([founderIds[0]!]))).toEqual({
      ok: false,
      errors: [{ field: '', code: 'no-witness-present' }],
    });
    view.accept(setPresence(view, sessionId, [founderIds[1]!]));
    expect(signUpHousehold(view, env, sessionId, newcomer([founderIds[0]!]))).toEqual({
      ok: false,
      errors: [{ field: 'witnesses', code: 'witness-not-present' }],
    });
    expect(signUpHousehold(view, env, sessionId, newcomer([founderIds[1]!])).ok).toBe(true);
  });

  it('requires a witness, consent, a known place and a valid phone', () => {
    const { view, env, sessionId } = withSession();
    const result = signUpHousehold(view, env, sessionId, {
      ...newcomer([]),
      contact: { phone: 'abc', email: 'not-an-email' },
      dataUse: false,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'witnesses', code: 'witness-required' },
        { field: 'dataUse', code: 'consent-required' },
        { field: 'contact.phone', code: 'invalid-phone' },
        { field: 'contact.email', code: 'invalid-email' },
      ]),
    );
    const elsewhere = signUpHousehold(view, env, sessionId, {
      ...newcomer(withSession().founderIds),
      place: 'Ailleurs',
    });
    expect(elsewhere).toEqual({ ok: false, errors: [{ field: 'place', code: 'place-unknown' }] });
  });

  it('accepts a sign-up without any contact detail', () => {
    const { view, env, sessionId, founderIds } = withSession();
    const result = signUpHousehold(view, env, sessionId, {
      ...newcomer(founderIds),
      contact: { phone: '', email: '' },
    });
    expect(result.ok && result.value.value.contact).toBeUndefined();
  });
});

describe('answers', () => {
  const exchange = catalogue.ideas.find((idea) => idea.kind === 'exchange')!;
  const collective = catalogue.ideas.find((idea) => idea.kind === 'collective')!;

  it('records an answer under a key owned by the household; the last change wins', () => {
    const { view, env, founderIds } = founded();
    const householdId = founderIds[0]!;
    view.accept(answer(view, env, { householdId, ideaId: exchange.id, value: 'offer' }));
    view.accept(answer(view, env, { householdId, ideaId: exchange.id, value: 'both' }));
    expect(view.records.get('answers')?.get(answerKey(householdId, exchange.id))).toMatchObject({
      value: 'both',
    });
  });

  it('offers "I would take part" for collective ideas only', () => {
    const { view, env, founderIds } = founded();
    const householdId = founderIds[0]!;
    expect(answer(view, env, { householdId, ideaId: collective.id, value: 'join' }).ok).toBe(true);
    expect(answer(view, env, { householdId, ideaId: collective.id, value: 'offer' })).toEqual({
      ok: false,
      errors: [{ field: 'value', code: 'answer-not-allowed' }],
    });
    expect(answer(view, env, { householdId, ideaId: exchange.id, value: 'join' }).ok).toBe(false);
  });

  it('refuses unknown households, unknown and retired ideas', () => {
    const { view, env, founderIds } = founded();
    const householdId = founderIds[0]!;
    expect(answer(view, env, { householdId: 'nobody1', ideaId: exchange.id, value: 'no' }).ok).toBe(false);
    expect(answer(view, env, { householdId, ideaId: 'pret-licorne', value: 'no' }).ok).toBe(false);
    view.accept(retireIdea(view, env, exchange.id, true));
    expect(answer(view, env, { householdId, ideaId: exchange.id, value: 'no' })).toEqual({
      ok: false,
      errors: [{ field: 'ideaId', code: 'idea-retired' }],
    });
  });
});

describe('local ideas', () => {
  it('adds an idea of the perimeter to a theme of the catalogue', () => {
    const { view, env, founderIds } = founded();
    const id = view.accept(
      addLocalIdea(view, env, { theme: 'jardin', kind: 'collective', title: 'Potager de la cour', hint: '' }),
    );
    expect(view.idea(id)).toMatchObject({ theme: 'jardin', title: 'Potager de la cour' });
    expect(answer(view, env, { householdId: founderIds[0]!, ideaId: id, value: 'join' }).ok).toBe(true);
    expect(addLocalIdea(view, env, { theme: 'licornes', kind: 'exchange', title: 'x', hint: '' }).ok).toBe(
      false,
    );
  });
});
