import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type Household,
  type Perimeter,
  type Session,
  DOC_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  answerKey,
  canReplace,
  canWrite,
  choiceKey,
  validRecord,
  withinBounds,
} from '../../../src/domain';

const facilitator: Actor = { kind: 'facilitator' };
const fatima: Actor = { kind: 'household', householdId: 'fatima01' };
const at = '2026-11-21T14:00:00.000Z';

const profile: Household = {
  id: 'fatima01',
  name: 'Fatima',
  place: '12 rue des Lilas',
  languages: ['fr', 'ar'],
  joinedAt: at,
  sessionId: null,
  witnesses: [],
  founding: true,
  consent: { dataUse: true, shareContact: false, at },
};

const perimeter: Perimeter = {
  id: 'perimeter1',
  name: 'Quartier des Lilas',
  places: ['12 rue des Lilas'],
  dwellings: 240,
  createdAt: at,
};

const session: Session = {
  id: 'session1',
  date: '2026-11-21',
  place: 'Salle commune',
  kind: 'cafe',
  present: ['fatima01'],
  openedAt: at,
  closedAt: null,
};

describe('canWrite', () => {
  it('lets a facilitator write every map of the shared document, and nothing else', () => {
    for (const map of ['meta', 'profiles', 'answers', 'sessions', 'ideas', 'retired', 'credentials']) {
      expect(canWrite(facilitator, map, 'anything')).toBe(true);
    }
    expect(canWrite(facilitator, 'contacts', 'fatima01')).toBe(false);
    expect(canWrite(facilitator, 'toString', 'x')).toBe(false);
  });

  it('lets a household write its own profile and answers only', () => {
    expect(canWrite(fatima, 'profiles', 'fatima01')).toBe(true);
    expect(canWrite(fatima, 'answers', answerKey('fatima01', 'idea-soupe'))).toBe(true);

    expect(canWrite(fatima, 'profiles', 'jean0001')).toBe(false);
    expect(canWrite(fatima, 'answers', answerKey('jean0001', 'idea-soupe'))).toBe(false);
    // A prefix that merely starts like the household's id is someone else's key.
    expect(canWrite(fatima, 'answers', 'fatima012/idea-soupe')).toBe(false);
    expect(canWrite(fatima, 'answers', 'fatima01/')).toBe(false);
    expect(canWrite(fatima, 'answers', 'fatima01')).toBe(false);
    for (const map of ['meta', 'sessions', 'ideas', 'retired', 'credentials']) {
      expect(canWrite(fatima, map, 'fatima01')).toBe(false);
    }
  });
});

describe('validRecord', () => {
  it('accepts records of the right shape under a consistent key', () => {
    expect(validRecord('profiles', 'fatima01', profile)).toBe(true);
    expect(validRecord('answers', answerKey('fatima01', 'idea-soupe'), { value: 'offer', at })).toBe(true);
    expect(validRecord('meta', 'perimeter', perimeter)).toBe(true);
    expect(validRecord('sessions', 'session1', session)).toBe(true);
    expect(validRecord('retired', 'idea-soupe', { retired: true, at })).toBe(true);
    const credential = { householdId: 'fatima01', secretHash: 'a'.repeat(64), issuedAt: at, revoked: false };
    expect(validRecord('credentials', 'cred0001', credential)).toBe(true);
  });

  it('refuses a key that does not match the record', () => {
    expect(validRecord('profiles', 'jean0001', profile)).toBe(false);
    expect(validRecord('sessions', 'session2', session)).toBe(false);
    expect(validRecord('meta', 'other', perimeter)).toBe(false);
    expect(validRecord('answers', 'fatima01', { value: 'offer', at })).toBe(false);
    expect(validRecord('answers', 'fatima01/NOT AN ID', { value: 'offer', at })).toBe(false);
  });

  it('refuses values of the wrong shape, padded text and extra fields', () => {
    expect(validRecord('answers', 'fatima01/idea-soupe', { value: 'maybe', at })).toBe(false);
    expect(validRecord('answers', 'fatima01/idea-soupe', 'offer')).toBe(false);
    expect(validRecord('answers', 'fatima01/idea-soupe', null)).toBe(false);
    expect(validRecord('answers', 'fatima01/idea-soupe', { value: 'offer', at, note: 'x' })).toBe(false);
    expect(validRecord('profiles', 'fatima01', { ...profile, name: '  Fatima ' })).toBe(false);
    expect(
      validRecord('profiles', 'fatima01', { ...profile, consent: { ...profile.consent, dataUse: false } }),
    ).toBe(false);
    const credential = { householdId: 'fatima01', secretHash: 'not-a-hash', issuedAt: at, revoked: false };
    expect(validRecord('credentials', 'cred0001', credential)).toBe(false);
  });

  it('refuses unknown maps', () => {
    expect(validRecord('contacts', 'fatima01', { phone: '0612345678' })).toBe(false);
  });
});

describe('the format stamp (meta, formatVersion)', () => {
  it('is the facilitators’ to write, never a household’s', () => {
    expect(canWrite(facilitator, 'meta', FORMAT_VERSION_KEY)).toBe(true);
    expect(canWrite(fatima, 'meta', FORMAT_VERSION_KEY)).toBe(false);
  });

  it('accepts only a version this code knows: an integer from 1 to DOC_FORMAT_VERSION', () => {
    for (let version = 1; version <= DOC_FORMAT_VERSION; version++) {
      expect(validRecord('meta', FORMAT_VERSION_KEY, version)).toBe(true);
    }
    for (const stamp of [0, -1, 1.5, DOC_FORMAT_VERSION + 1, '1', null, { version: 1 }, perimeter]) {
      expect(validRecord('meta', FORMAT_VERSION_KEY, stamp)).toBe(false);
    }
  });

  it('does not let a number pass as the perimeter record', () => {
    expect(validRecord('meta', 'perimeter', DOC_FORMAT_VERSION)).toBe(false);
  });
});

describe('withinBounds', () => {
  const knownIdeas = new Set(['pret-perceuse', 'local-potager']);
  const households = new Set(['fatima01', 'jean0001']);
  const ideas = {
    hasIdea: (id: string) => knownIdeas.has(id),
    hasHousehold: (id: string) => households.has(id),
  };

  it('keeps answers to the ideas that exist, so a household owns at most one per idea', () => {
    expect(withinBounds('answers', answerKey('fatima01', 'pret-perceuse'), ideas)).toBe(true);
    expect(withinBounds('answers', answerKey('fatima01', 'local-potager'), ideas)).toBe(true);
    expect(withinBounds('answers', answerKey('fatima01', 'nothing-000001'), ideas)).toBe(false);
    expect(withinBounds('answers', 'no-separator', ideas)).toBe(false);
  });

  it('keeps choices to households and ideas that exist, so a household owns at most one per pair and idea', () => {
    expect(withinBounds('choices', choiceKey('fatima01', 'jean0001', 'pret-perceuse'), ideas)).toBe(true);
    expect(withinBounds('choices', choiceKey('fatima01', 'nobody01', 'pret-perceuse'), ideas)).toBe(false);
    expect(withinBounds('choices', choiceKey('fatima01', 'jean0001', 'nothing-000001'), ideas)).toBe(false);
    expect(withinBounds('choices', answerKey('fatima01', 'pret-perceuse'), ideas)).toBe(false);
  });

  it('leaves the other maps to canWrite and their keys', () => {
    expect(withinBounds('profiles', 'fatima01', ideas)).toBe(true);
    expect(withinBounds('ideas', 'local-new', ideas)).toBe(true);
  });
});

describe('match choices', () => {
  const mine = choiceKey('fatima01', 'jean0001', 'pret-perceuse');
  const theirs = choiceKey('jean0001', 'fatima01', 'pret-perceuse');
  const yes = { value: 'yes', at, by: 'household' } as const;

  it('lets a household write only the choices it owns, and a facilitator any', () => {
    expect(canWrite(fatima, 'choices', mine)).toBe(true);
    expect(canWrite(fatima, 'choices', theirs)).toBe(false);
    expect(canWrite(fatima, 'choices', 'fatima01')).toBe(false);
    expect(canWrite(facilitator, 'choices', theirs)).toBe(true);
  });

  it('records who wrote the choice: a household never as a facilitator, nor the reverse', () => {
    const none = () => undefined;
    expect(canReplace(fatima, 'choices', none, yes)).toBe(true);
    expect(canReplace(fatima, 'choices', none, { ...yes, by: 'facilitator' })).toBe(false);
    expect(canReplace(facilitator, 'choices', none, { ...yes, by: 'facilitator' })).toBe(true);
    expect(canReplace(facilitator, 'choices', none, yes)).toBe(false);
    expect(canReplace(fatima, 'choices', none, 'yes')).toBe(false);
  });

  it('accepts exactly a choice record under a key naming two different households and an idea', () => {
    for (const value of ['yes', 'not-now', 'met', 'withdrawn'] as const) {
      expect(validRecord('choices', mine, { ...yes, value })).toBe(true);
    }
    expect(validRecord('choices', mine, { ...yes, value: 'maybe' })).toBe(false);
    expect(validRecord('choices', mine, { ...yes, extra: 1 })).toBe(false);
    expect(validRecord('choices', mine, { ...yes, at: 'yesterday' })).toBe(false);
    expect(validRecord('choices', choiceKey('fatima01', 'fatima01', 'pret-perceuse'), yes)).toBe(false);
    expect(validRecord('choices', 'fatima01/jean0001', yes)).toBe(false);
    expect(validRecord('choices', 'fatima01/jean0001/pret-perceuse/x', yes)).toBe(false);
    expect(validRecord('choices', 'Fatima01/jean0001/pret-perceuse', yes)).toBe(false);
  });
});
