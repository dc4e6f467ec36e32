import { describe, expect, it } from 'vitest';
import {
  type Actor,
  type Household,
  type Perimeter,
  type Session,
  DOC_FORMAT_VERSION,
  FORMAT_VERSION_KEY,
  MAX_PROJECTS_PER_HOUSEHOLD,
  MAX_PROPOSALS_PER_HOUSEHOLD,
  type KnownRecords,
  answerKey,
  attendanceKey,
  canReplace,
  canWrite,
  choiceKey,
  membershipKey,
  projectKey,
  proposalKey,
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

/** What exists, as the server's rights check would tell it (ownedBy counts keys by owner). */
function known(what: {
  ideas?: Iterable<string>;
  households?: Iterable<string>;
  cafes?: Iterable<string>;
  proposals?: Iterable<string>;
  projects?: Iterable<string>;
}): KnownRecords {
  const set = (items: Iterable<string> | undefined) => new Set(items ?? []);
  const [ideas, households, cafes, proposals, projects] = [
    set(what.ideas),
    set(what.households),
    set(what.cafes),
    set(what.proposals),
    set(what.projects),
  ];
  return {
    hasIdea: (id) => ideas.has(id),
    hasHousehold: (id) => households.has(id),
    hasCafe: (id) => cafes.has(id),
    hasProposal: (key) => proposals.has(key),
    hasProject: (key) => projects.has(key),
    ownedBy: (map, householdId) =>
      [...(map === 'proposals' ? proposals : projects)].filter((key) => key.startsWith(householdId + '/'))
        .length,
  };
}

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
  const ideas = known({ ideas: knownIdeas, households });

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

  it("records who wrote the choice: a household never as a facilitator's; a facilitator's device carries a household's", () => {
    const none = () => undefined;
    expect(canReplace(fatima, 'choices', none, yes)).toBe(true);
    expect(canReplace(fatima, 'choices', none, { ...yes, by: 'facilitator' })).toBe(false);
    expect(canReplace(facilitator, 'choices', none, { ...yes, by: 'facilitator' })).toBe(true);
    // A phone's choice relayed by QR to the tablet, or in an imported export file.
    expect(canReplace(facilitator, 'choices', none, yes)).toBe(true);
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

describe("the Café-Rencontre's maps (issue 12)", () => {
  const cafe = {
    id: 'cafe0001',
    date: '2026-12-05',
    start: '14:00',
    end: '16:30',
    place: '12 rue des Lilas',
    theme: 'cuisine',
    localTheme: null,
    ideaIds: [],
    welcome: 'Venez avec vos voisins !',
    state: 'planned',
    createdAt: at,
    updatedAt: at,
  } as const;
  const here = { present: true, how: 'scanned', by: 'household', at } as const;
  const proposal = { title: 'Troc de graines', theme: 'jardin', kind: 'exchange', hint: '', at } as const;
  const project = {
    name: 'Bac potager',
    ideaId: null,
    nextStep: '',
    nextStepDate: null,
    createdAt: at,
    updatedAt: at,
  };
  const member = { member: true, by: 'household', at } as const;

  it('lets a household write its own presence, proposals, projects and memberships, nothing else', () => {
    expect(canWrite(fatima, 'attendance', attendanceKey('cafe0001', 'fatima01'))).toBe(true);
    expect(canWrite(fatima, 'attendance', attendanceKey('cafe0001', 'jean0001'))).toBe(false);
    expect(canWrite(fatima, 'attendance', 'fatima01/cafe0001/x')).toBe(false);
    expect(canWrite(fatima, 'proposals', proposalKey('fatima01', 'prop0001'))).toBe(true);
    expect(canWrite(fatima, 'proposals', proposalKey('jean0001', 'prop0001'))).toBe(false);
    expect(canWrite(fatima, 'projects', projectKey('fatima01', 'proj0001'))).toBe(true);
    expect(canWrite(fatima, 'projects', projectKey('jean0001', 'proj0001'))).toBe(false);
    expect(canWrite(fatima, 'projects', projectKey(null, 'proj0001'))).toBe(false);
    expect(canWrite(fatima, 'memberships', membershipKey('proj0001', 'fatima01'))).toBe(true);
    expect(
      canWrite(fatima, 'memberships', membershipKey(projectKey('jean0001', 'p0000001'), 'fatima01')),
    ).toBe(true);
    expect(canWrite(fatima, 'memberships', membershipKey('proj0001', 'jean0001'))).toBe(false);
    expect(canWrite(fatima, 'cafes', 'cafe0001')).toBe(false);
    // The decision on her own proposal is under her key, in a map only facilitators write.
    expect(canWrite(fatima, 'proposalDecisions', proposalKey('fatima01', 'prop0001'))).toBe(false);
    for (const map of ['cafes', 'attendance', 'proposals', 'proposalDecisions', 'projects', 'memberships']) {
      expect(canWrite(facilitator, map, 'anything')).toBe(true);
    }
  });

  it("records who wrote a presence or a membership: a household never as a facilitator's", () => {
    const none = () => undefined;
    expect(canReplace(fatima, 'attendance', none, here)).toBe(true);
    expect(canReplace(fatima, 'attendance', none, { ...here, by: 'facilitator' })).toBe(false);
    expect(canReplace(facilitator, 'attendance', none, { ...here, by: 'facilitator' })).toBe(true);
    expect(canReplace(facilitator, 'attendance', none, here)).toBe(true);
    expect(canReplace(fatima, 'memberships', none, member)).toBe(true);
    expect(canReplace(fatima, 'memberships', none, { ...member, by: 'facilitator' })).toBe(false);
  });

  it('accepts exactly the records of each map under a fitting key', () => {
    expect(validRecord('cafes', 'cafe0001', cafe)).toBe(true);
    expect(
      validRecord('cafes', 'cafe0001', {
        ...cafe,
        theme: null,
        localTheme: 'Fête de rue',
        ideaIds: ['local-fete'],
      }),
    ).toBe(true);
    expect(validRecord('cafes', 'cafe0002', cafe)).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, localTheme: 'Fête de rue' })).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, theme: null })).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, end: '13:00' })).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, start: '25:00' })).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, welcome: 'x'.repeat(201) })).toBe(false);
    expect(validRecord('cafes', 'cafe0001', { ...cafe, state: 'postponed' })).toBe(false);

    expect(validRecord('attendance', attendanceKey('cafe0001', 'fatima01'), here)).toBe(true);
    expect(validRecord('attendance', attendanceKey('cafe0001', 'fatima01'), { ...here, how: 'told' })).toBe(
      false,
    );
    expect(validRecord('attendance', 'cafe0001', here)).toBe(false);

    expect(validRecord('proposals', proposalKey('fatima01', 'prop0001'), proposal)).toBe(true);
    expect(validRecord('proposals', proposalKey('fatima01', 'prop0001'), { ...proposal, title: ' x ' })).toBe(
      false,
    );
    const accepted = { value: 'accepted', ideaId: 'local-troc', at } as const;
    expect(validRecord('proposalDecisions', proposalKey('fatima01', 'prop0001'), accepted)).toBe(true);
    expect(
      validRecord('proposalDecisions', proposalKey('fatima01', 'prop0001'), { ...accepted, ideaId: null }),
    ).toBe(false);
    expect(
      validRecord('proposalDecisions', proposalKey('fatima01', 'prop0001'), {
        value: 'declined',
        ideaId: null,
        at,
      }),
    ).toBe(true);

    expect(validRecord('projects', projectKey(null, 'proj0001'), project)).toBe(true);
    expect(validRecord('projects', projectKey('fatima01', 'proj0001'), project)).toBe(true);
    expect(validRecord('projects', 'a/b/c', project)).toBe(false);
    expect(
      validRecord('memberships', membershipKey(projectKey('fatima01', 'proj0001'), 'jean0001'), member),
    ).toBe(true);
    expect(validRecord('memberships', membershipKey('proj0001', 'jean0001'), member)).toBe(true);
    expect(validRecord('memberships', 'proj0001', member)).toBe(false);
    expect(validRecord('memberships', 'a0000001/b0000001/c0000001/d0000001', member)).toBe(false);
  });

  it('keeps presences, memberships and decisions to things that exist', () => {
    const world = known({
      households: ['fatima01'],
      cafes: ['cafe0001'],
      proposals: [proposalKey('fatima01', 'prop0001')],
      projects: ['proj0001'],
    });
    expect(withinBounds('attendance', attendanceKey('cafe0001', 'fatima01'), world)).toBe(true);
    expect(withinBounds('attendance', attendanceKey('cafe0002', 'fatima01'), world)).toBe(false);
    expect(withinBounds('attendance', attendanceKey('cafe0001', 'nobody01'), world)).toBe(false);
    expect(withinBounds('memberships', membershipKey('proj0001', 'fatima01'), world)).toBe(true);
    expect(withinBounds('memberships', membershipKey('proj0002', 'fatima01'), world)).toBe(false);
    expect(withinBounds('proposalDecisions', proposalKey('fatima01', 'prop0001'), world)).toBe(true);
    expect(withinBounds('proposalDecisions', proposalKey('fatima01', 'prop0002'), world)).toBe(false);
    expect(withinBounds('proposals', proposalKey('nobody01', 'prop0001'), world)).toBe(false);
    expect(withinBounds('projects', projectKey(null, 'proj0009'), world)).toBe(true);
  });

  it('bounds the proposals and projects one household may own', () => {
    const ids = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => `fatima01/${prefix}${1000 + i}`);
    const full = known({
      households: ['fatima01'],
      proposals: ids(MAX_PROPOSALS_PER_HOUSEHOLD, 'prop'),
      projects: ids(MAX_PROJECTS_PER_HOUSEHOLD, 'proj'),
    });
    expect(withinBounds('proposals', proposalKey('fatima01', 'prop1000'), full)).toBe(true);
    const over = known({
      households: ['fatima01'],
      proposals: ids(MAX_PROPOSALS_PER_HOUSEHOLD + 1, 'prop'),
      projects: ids(MAX_PROJECTS_PER_HOUSEHOLD + 1, 'proj'),
    });
    expect(withinBounds('proposals', proposalKey('fatima01', 'prop1000'), over)).toBe(false);
    expect(withinBounds('projects', projectKey('fatima01', 'proj1000'), full)).toBe(true);
    expect(withinBounds('projects', projectKey('fatima01', 'proj1000'), over)).toBe(false);
  });
});
