/**
 * Random perimeters for the dashboard's and the CSV export's property tests: a few households
 * (some erased, some at a place the perimeter does not list, some signed up at a café), their
 * answers, match choices, cafés, presences and micro-projects, spread over half a year, with names
 * chosen to break CSV files (accents, quotes, separators, line breaks, right-to-left text, cells
 * that a spreadsheet would read as a formula). `documentOf` lays them out as the shared
 * document's maps hold them.
 */
import fc from 'fast-check';
import {
  type Answer,
  type AnswerValue,
  type Attendance,
  type Cafe,
  type Choice,
  type ChoiceValue,
  type Household,
  type Membership,
  type Project,
  answerKey,
  attendanceKey,
  choiceKey,
  indexChoices,
  membershipKey,
  projectKey,
} from '../../../src/domain';
import type { DashboardInput } from '../../../src/domain/dashboard';

/** Ideas of a small catalogue; `ghost` is unknown (an idea of a newer catalogue), never counted. */
export const IDEAS = {
  drill: { theme: 'pret', kind: 'exchange', title: 'Prêter une perceuse' },
  ladder: { theme: 'pret', kind: 'exchange', title: 'Échelle; "grande"' },
  soup: { theme: 'cuisine', kind: 'exchange', title: '=SOMME(A1)' },
  garden: { theme: 'jardin', kind: 'collective', title: 'Jardin partagé' },
  market: { theme: 'cuisine', kind: 'collective', title: 'Marché' },
} as const;
export type IdeaId = keyof typeof IDEAS | 'ghost';
export const IDEA_IDS: IdeaId[] = ['drill', 'ladder', 'soup', 'garden', 'market', 'ghost'];
export const PLACES = ['Bâtiment A', 'Rue des Lilas'];
const VALUES: AnswerValue[] = ['offer', 'seek', 'both', 'no', 'join'];
const CHOICES: ChoiceValue[] = ['yes', 'not-now', 'met', 'withdrawn'];

/** Names that break careless CSV writers, and text a spreadsheet would run as a formula. */
export const HARD_NAMES = [
  'Zoé Bérénice',
  'Les "Martin"',
  'Dupont; Durand',
  'Nguyen, Thi',
  'Ligne un\nligne deux',
  'Retour\r\nchariot',
  'عائلة المنصوري',
  'משפחת כהן',
  '=1+2',
  '+33 6 12',
  '-Marie',
  '@Fatou',
  '\tTabulée',
  '\rRetour',
  '=HYPERLINK("http://x")\nsuite',
  ' espace ',
];
const nameArb = fc.oneof(
  fc.constantFrom(...HARD_NAMES),
  fc.string({
    unit: fc.constantFrom(
      'a',
      'é',
      'ç',
      '"',
      ';',
      ',',
      '\n',
      '\r',
      ' ',
      'م',
      'ש',
      '=',
      '+',
      '-',
      '@',
      '\t',
      "'",
    ),
    minLength: 1,
    maxLength: 12,
  }),
);

/** Day `n` of the model's half year, from 2026-01-01 ('YYYY-MM-DD'). */
export const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const stamp = (n: number, minute = 0) => new Date(Date.UTC(2026, 0, 1 + n, 10, minute)).toISOString();
const dayArb = fc.integer({ min: 0, max: 200 });

export interface ModelHousehold {
  id: string;
  name: string;
  place: string;
  erased: boolean;
  joinedDay: number;
  /** A café's id when it signed up there. */
  sessionId: string | null;
  shareContact: boolean;
}

export interface Model {
  dwellings: number;
  households: ModelHousehold[];
  answers: [string, IdeaId, AnswerValue, number][];
  retired: IdeaId[];
  choices: [string, Choice][];
  cafes: Cafe[];
  attendance: [string, string, Attendance][];
  projects: [string, Project][];
  memberships: [string, string, Membership][];
}

const CAFE_IDS = ['cafe0001', 'cafe0002', 'cafe0003'];
const PROJECT_KEYS = [projectKey(null, 'proj0001'), projectKey('house0', 'proj0002'), 'proj0003'];

export const models: fc.Arbitrary<Model> = fc.integer({ min: 2, max: 8 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `house${i}`);
  // 'nobody00' stands for a record about a household the document lacks.
  const anyone = [...ids, 'nobody00'];
  return fc.record({
    dwellings: fc.integer({ min: 1, max: 40 }),
    households: fc.tuple(
      ...ids.map((id) =>
        fc.record({
          id: fc.constant(id),
          name: nameArb,
          place: fc.constantFrom(...PLACES, 'Ailleurs'),
          erased: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
          joinedDay: dayArb,
          sessionId: fc.constantFrom(null, ...CAFE_IDS),
          shareContact: fc.boolean(),
        }),
      ),
    ),
    answers: fc.uniqueArray(
      fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...IDEA_IDS), fc.constantFrom(...VALUES), dayArb),
      { selector: ([h, i]) => `${h}/${i}`, maxLength: 40 },
    ),
    retired: fc.subarray(IDEA_IDS, { maxLength: 2 }),
    choices: fc.uniqueArray(
      fc
        .tuple(
          fc.constantFrom(...ids),
          fc.constantFrom(...ids),
          fc.constantFrom(...IDEA_IDS),
          fc.constantFrom(...CHOICES),
          dayArb,
          fc.integer({ min: 0, max: 59 }),
        )
        .filter(([a, b]) => a !== b)
        .map(([a, b, idea, value, d, minute]): [string, Choice] => [
          choiceKey(a, b, idea),
          { value, at: stamp(d, minute), by: 'household' },
        ]),
      { selector: ([key]) => key, maxLength: 30 },
    ),
    cafes: fc
      .tuple(
        ...CAFE_IDS.map((id) =>
          fc.record({
            id: fc.constant(id),
            date: dayArb.map(day),
            start: fc.constantFrom('10:00', '14:00'),
            end: fc.constant('18:00'),
            place: nameArb,
            theme: fc.constantFrom('pret', null),
            localTheme: fc.constant(null as string | null),
            ideaIds: fc.constant([] as string[]),
            welcome: fc.constant(''),
            state: fc.constantFrom(
              'planned' as const,
              'held' as const,
              'held' as const,
              'cancelled' as const,
            ),
            createdAt: fc.constant(stamp(0)),
            updatedAt: fc.constant(stamp(0)),
          }),
        ),
      )
      .map((cafes) =>
        cafes.map((cafe) => (cafe.theme === null ? { ...cafe, localTheme: 'Fête; de "rue"' } : cafe)),
      ),
    attendance: fc.uniqueArray(
      fc.tuple(
        fc.constantFrom(...CAFE_IDS, 'cafe9999'),
        fc.constantFrom(...anyone),
        fc.record({
          present: fc.boolean(),
          how: fc.constantFrom('ticked' as const, 'scanned' as const),
          by: fc.constantFrom('household' as const, 'facilitator' as const),
          at: dayArb.map((d) => stamp(d)),
        }),
      ),
      { selector: ([c, h]) => `${c}/${h}`, maxLength: 20 },
    ),
    projects: fc.subarray(PROJECT_KEYS).chain((keys) =>
      fc.tuple(
        ...keys.map((key) =>
          fc.tuple(
            fc.constant(key),
            fc.record({
              name: nameArb,
              ideaId: fc.constantFrom(null, 'garden'),
              nextStep: fc.constant(''),
              nextStepDate: fc.constantFrom(null, '2026-08-01'),
              createdAt: dayArb.map((d) => stamp(d)),
              updatedAt: fc.constant(stamp(0)),
            }),
          ),
        ),
      ),
    ),
    memberships: fc.uniqueArray(
      fc.tuple(
        fc.constantFrom(...PROJECT_KEYS),
        fc.constantFrom(...anyone),
        fc.record({
          member: fc.boolean(),
          by: fc.constant('household' as const),
          at: fc.constant(stamp(0)),
        }),
      ),
      { selector: ([p, h]) => `${p}/${h}`, maxLength: 20 },
    ),
  });
});

export function profileOf(h: ModelHousehold): Household {
  return {
    id: h.id,
    name: h.name,
    place: h.place,
    languages: ['fr', 'ar'],
    joinedAt: stamp(h.joinedDay),
    sessionId: h.sessionId,
    witnesses: [],
    founding: h.sessionId === null,
    consent: { dataUse: true, shareContact: h.shareContact, at: stamp(h.joinedDay) },
    ...(h.erased ? { erasedAt: stamp(201) } : {}),
  };
}

/** The shared document's maps, as plain Maps keyed as records.ts says. */
export function documentOf(model: Model) {
  return {
    profiles: new Map(model.households.map((h) => [h.id, profileOf(h)])),
    answers: new Map<string, Answer>(
      model.answers.map(([h, i, value, d]) => [answerKey(h, i), { value, at: stamp(d) }]),
    ),
    choices: new Map(model.choices),
    cafes: new Map(model.cafes.map((cafe) => [cafe.id, cafe])),
    attendance: new Map(model.attendance.map(([c, h, a]) => [attendanceKey(c, h), a])),
    proposals: new Map(),
    proposalDecisions: new Map(),
    projects: new Map(model.projects),
    memberships: new Map(model.memberships.map(([p, h, m]) => [membershipKey(p, h), m])),
  };
}

export const ideaOf = (id: string) => (id in IDEAS ? IDEAS[id as keyof typeof IDEAS] : undefined);

/** The dashboard's input, as a device would build it from its document in memory. */
export function dashboardInputOf(model: Model): DashboardInput {
  const doc = documentOf(model);
  const answers = new Map<string, Map<string, AnswerValue>>();
  for (const [householdId, ideaId, value] of model.answers) {
    answers.set(householdId, (answers.get(householdId) ?? new Map()).set(ideaId, value));
  }
  return {
    perimeter: { dwellings: model.dwellings, places: PLACES },
    households: doc.profiles.values(),
    world: {
      answers,
      household: (id) => doc.profiles.get(id),
      idea: ideaOf,
      isRetired: (id) => model.retired.includes(id as IdeaId),
      choices: indexChoices(model.choices),
    },
    records: doc,
  };
}

/** Random periods: open, half open or closed (sometimes empty: `from` after `to`). */
export const periods = fc.record({
  from: fc.option(dayArb.map(day), { nil: undefined }),
  to: fc.option(dayArb.map(day), { nil: undefined }),
});
