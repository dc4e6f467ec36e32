import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  type CandidateLink,
  type Choice,
  type ChoiceValue,
  type Household,
  type LinkState,
  type MatchWorld,
  type RankedNeighbour,
  candidateLinks,
  choiceKey,
  exchangePairs,
  linkState,
  mutuallyLinked,
  newRequestsSince,
  perimeterLinks,
  rankedNeighbours,
} from '../../../src/domain';
import { ANSWER_VALUES, CHOICE_VALUES, matchWorldOf } from './match-world';

/** A small catalogue: three exchange ideas over two themes, two collective ideas. */
const IDEAS = {
  drill: { theme: 'pret', kind: 'exchange' },
  ladder: { theme: 'pret', kind: 'exchange' },
  soup: { theme: 'cuisine', kind: 'exchange' },
  garden: { theme: 'jardin', kind: 'collective' },
  market: { theme: 'cuisine', kind: 'collective' },
} as const;
type IdeaId = keyof typeof IDEAS;
const IDEA_IDS = Object.keys(IDEAS) as IdeaId[];

interface Model {
  households: { id: string; place: string; languages: string[]; erased: boolean; lastAt?: string }[];
  answers: [string, string, AnswerValue][];
  retired: string[];
  choices: [string, Choice][];
  threshold: number;
}

function profile(h: Model['households'][number]): Household {
  return {
    id: h.id,
    name: h.id,
    place: h.place,
    languages: h.languages as Household['languages'],
    joinedAt: '2026-09-01T10:00:00.000Z',
    sessionId: null,
    witnesses: [],
    founding: true,
    consent: { dataUse: true, shareContact: true, at: '2026-09-01T10:00:00.000Z' },
    ...(h.erased ? { erasedAt: '2026-10-01T10:00:00.000Z' } : {}),
  };
}

/** The world a device would hold, from the model, with its maps filled in `order`'s order. */
function worldOf(model: Model, reverse = false): MatchWorld {
  const order = <T>(items: T[]) => (reverse ? [...items].reverse() : items);
  const last = new Map(model.households.map((h) => [h.id, h.lastAt]));
  return matchWorldOf({
    profiles: order(model.households).map(profile),
    answers: order(model.answers),
    ideas: IDEAS,
    retired: model.retired,
    choices: order(model.choices),
    groupThreshold: model.threshold,
    lastAnsweredAt: (id) => last.get(id),
  });
}

const time = (minute: number) => new Date(Date.UTC(2026, 9, 1, 10, minute)).toISOString();

/** Random perimeters of up to 7 households; answers keyed uniquely, choices too (last one wins). */
const models: fc.Arbitrary<Model> = fc
  .record({
    count: fc.integer({ min: 2, max: 7 }),
    threshold: fc.integer({ min: 2, max: 4 }),
    retired: fc.subarray(IDEA_IDS, { maxLength: 2 }),
  })
  .chain(({ count, threshold, retired }) => {
    const ids = Array.from({ length: count }, (_, i) => `h${i}`);
    return fc.record({
      households: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            place: fc.constantFrom('A', 'B'),
            languages: fc.subarray(['fr', 'ar', 'en']),
            erased: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
            lastAt: fc.option(fc.integer({ min: 0, max: 50 }).map(time), { nil: undefined }),
          }),
        ),
      ),
      answers: fc.uniqueArray(
        fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...IDEA_IDS), fc.constantFrom(...ANSWER_VALUES)),
        { selector: ([h, i]) => `${h}/${i}`, maxLength: 30 },
      ),
      retired: fc.constant(retired as string[]),
      choices: fc.uniqueArray(
        fc
          .tuple(
            fc.constantFrom(...ids),
            fc.constantFrom(...ids),
            fc.constantFrom(...IDEA_IDS),
            fc.constantFrom(...CHOICE_VALUES),
            fc.integer({ min: 0, max: 50 }),
          )
          .filter(([owner, other]) => owner !== other)
          .map(([owner, other, idea, value, minute]): [string, Choice] => [
            choiceKey(owner, other, idea),
            { value, at: time(minute), by: 'household' },
          ]),
        { selector: ([key]) => key, maxLength: 20 },
      ),
      threshold: fc.constant(threshold),
    });
  });

/** Whether either of `a` and `b` withdrew a choice about the other, on any idea (the definition). */
const withdrawnIn = (model: Model, a: string, b: string) =>
  model.choices.some(
    ([key, c]) => c.value === 'withdrawn' && (key.startsWith(`${a}/${b}/`) || key.startsWith(`${b}/${a}/`)),
  );

const isOffer = (v: AnswerValue | undefined) => v === 'offer' || v === 'both';
const isSeek = (v: AnswerValue | undefined) => v === 'seek' || v === 'both';

/** Brute force: every (household, other, idea, directions) candidate, straight from the definition. */
function modelLinks(model: Model, householdId: string): string[] {
  const active = new Set(model.households.filter((h) => !h.erased).map((h) => h.id));
  const answer = (h: string, i: string) => model.answers.find(([a, b]) => a === h && b === i)?.[2];
  const out: string[] = [];
  if (!active.has(householdId)) return out;
  for (const other of active) {
    if (other === householdId) continue;
    for (const ideaId of IDEA_IDS) {
      if (model.retired.includes(ideaId)) continue;
      const [mine, theirs] = [answer(householdId, ideaId), answer(other, ideaId)];
      if (IDEAS[ideaId].kind === 'collective') {
        const joiners = [...active].filter((h) => answer(h, ideaId) === 'join').length;
        if (mine === 'join' && theirs === 'join' && joiners >= model.threshold) {
          out.push(`${other}/${ideaId}/also-joins`);
        }
        continue;
      }
      const directions = [
        ...(isSeek(mine) && isOffer(theirs) ? ['offers-what-you-seek'] : []),
        ...(isOffer(mine) && isSeek(theirs) ? ['seeks-what-you-offer'] : []),
      ];
      if (directions.length > 0) out.push(`${other}/${ideaId}/${directions.join('+')}`);
    }
  }
  return out.sort();
}

const asKeys = (links: CandidateLink[]) =>
  links.map((l) => `${l.otherId}/${l.ideaId}/${l.directions.join('+')}`).sort();

const idsOf = (model: Model) => model.households.map((h) => h.id);

describe('candidate links', () => {
  it('are exactly the links the definition gives: no self, no erased household, no retired idea', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        for (const id of idsOf(model))
          expect(asKeys(candidateLinks(world, id))).toEqual(modelLinks(model, id));
      }),
    );
  });

  it('are symmetric: offering what A looks for is, for the other, looking for what it offers', () => {
    const mirror = {
      'offers-what-you-seek': 'seeks-what-you-offer',
      'seeks-what-you-offer': 'offers-what-you-seek',
      'also-joins': 'also-joins',
    } as const;
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        for (const a of idsOf(model)) {
          for (const link of candidateLinks(world, a)) {
            const back = candidateLinks(world, link.otherId).find(
              (l) => l.otherId === a && l.ideaId === link.ideaId,
            );
            expect(back?.directions.map((d) => mirror[d]).sort()).toEqual([...link.directions].sort());
          }
        }
      }),
    );
  });

  it('are ranked the same whatever the order of the input', () => {
    fc.assert(
      fc.property(models, (model) => {
        for (const id of idsOf(model)) {
          expect(rankedNeighbours(worldOf(model, true), id)).toEqual(rankedNeighbours(worldOf(model), id));
        }
      }),
    );
  });

  it('are ranked by place, then language, then fewer pending requests, then latest answers, then id', () => {
    const key = (n: RankedNeighbour) =>
      [
        n.samePlace ? 0 : 1,
        n.sharedLanguage ? 0 : 1,
        n.pendingRequests,
        n.lastAnsweredAt === undefined ? 1 : 0,
        // Latest first: negate by comparing reversed below.
        n.lastAnsweredAt ?? '',
        n.otherId,
      ] as const;
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        for (const id of idsOf(model)) {
          const ranked = rankedNeighbours(world, id);
          for (let i = 1; i < ranked.length; i++) {
            const [a, b] = [key(ranked[i - 1]!), key(ranked[i]!)];
            const order =
              a[0] - b[0] ||
              a[1] - b[1] ||
              a[2] - b[2] ||
              a[3] - b[3] ||
              b[4].localeCompare(a[4]) ||
              a[5].localeCompare(b[5]);
            expect(order).toBeLessThan(0);
          }
        }
      }),
    );
  });

  it('counts pending requests as unanswered yes choices about the neighbour, no withdrawn pair', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        const active = new Set(model.households.filter((h) => !h.erased).map((h) => h.id));
        for (const id of idsOf(model)) {
          for (const n of rankedNeighbours(world, id)) {
            const expected = model.choices.filter(([key, choice]) => {
              const [owner, other, idea] = key.split('/') as [string, string, string];
              return (
                other === n.otherId &&
                choice.value === 'yes' &&
                active.has(owner) &&
                !model.retired.includes(idea) &&
                !model.choices.some(([k]) => k === choiceKey(other, owner, idea)) &&
                !withdrawnIn(model, owner, other)
              );
            }).length;
            expect(n.pendingRequests).toBe(expected);
          }
        }
      }),
    );
  });

  it('puts the same building first, then a shared language', () => {
    const model: Model = {
      households: [
        { id: 'me', place: 'A', languages: ['ar'], erased: false },
        { id: 'far', place: 'B', languages: ['ar'], erased: false, lastAt: time(9) },
        { id: 'near-fr', place: 'A', languages: ['fr'], erased: false, lastAt: time(9) },
        { id: 'near-ar', place: 'A', languages: ['ar', 'fr'], erased: false },
        { id: 'gone', place: 'A', languages: ['ar'], erased: true },
      ],
      answers: [
        ['me', 'drill', 'seek'],
        ['far', 'drill', 'offer'],
        ['near-fr', 'drill', 'both'],
        ['near-ar', 'drill', 'offer'],
        ['gone', 'drill', 'offer'],
      ],
      retired: [],
      choices: [],
      threshold: 3,
    };
    expect(rankedNeighbours(worldOf(model), 'me').map((n) => n.otherId)).toEqual([
      'near-ar',
      'near-fr',
      'far',
    ]);
  });

  it('puts a neighbour asked by many after one asked by none, and the latest answers first', () => {
    const model: Model = {
      households: [
        { id: 'me', place: 'A', languages: ['fr'], erased: false },
        { id: 'asked', place: 'A', languages: ['fr'], erased: false, lastAt: time(30) },
        { id: 'old', place: 'A', languages: ['fr'], erased: false, lastAt: time(1) },
        { id: 'new', place: 'A', languages: ['fr'], erased: false, lastAt: time(20) },
        { id: 'other', place: 'B', languages: ['fr'], erased: false },
      ],
      answers: [
        ['me', 'drill', 'seek'],
        ['asked', 'drill', 'offer'],
        ['old', 'drill', 'offer'],
        ['new', 'drill', 'offer'],
        ['other', 'drill', 'seek'],
      ],
      retired: [],
      choices: [[choiceKey('other', 'asked', 'drill'), { value: 'yes', at: time(2), by: 'household' }]],
      threshold: 3,
    };
    expect(rankedNeighbours(worldOf(model), 'me').map((n) => n.otherId)).toEqual(['new', 'old', 'asked']);
  });

  it('shows a collective idea once enough households would take part', () => {
    const model = (threshold: number): Model => ({
      households: ['a', 'b', 'c'].map((id) => ({ id, place: 'A', languages: ['fr'], erased: false })),
      answers: [
        ['a', 'garden', 'join'],
        ['b', 'garden', 'join'],
        ['c', 'garden', 'join'],
      ],
      retired: [],
      choices: [],
      threshold,
    });
    expect(asKeys(candidateLinks(worldOf(model(3)), 'a'))).toEqual([
      'b/garden/also-joins',
      'c/garden/also-joins',
    ]);
    expect(candidateLinks(worldOf(model(4)), 'a')).toEqual([]);
  });
});

const SAID_YES = new Set(['yes', 'met']);

describe('link states', () => {
  it('agree from both sides', () => {
    const values = fc.constantFrom<ChoiceValue | undefined>(undefined, ...CHOICE_VALUES);
    const allowed: Record<LinkState, LinkState[]> = {
      none: ['none', 'declined'],
      'waiting-for-them': ['waiting-for-you', 'declined'],
      'waiting-for-you': ['waiting-for-them'],
      declined: ['none', 'waiting-for-them', 'declined'],
      linked: ['linked'],
      met: ['met'],
      withdrawn: ['withdrawn'],
    };
    fc.assert(
      fc.property(values, values, fc.boolean(), (mine, theirs, withdrawn) => {
        expect(allowed[linkState(mine, theirs, withdrawn)]).toContain(linkState(theirs, mine, withdrawn));
      }),
    );
  });

  it('agree with the choices on every candidate link, and with mutuallyLinked', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        const choices = new Map(model.choices);
        for (const a of idsOf(model)) {
          for (const link of candidateLinks(world, a)) {
            const mine = choices.get(choiceKey(a, link.otherId, link.ideaId));
            const theirs = choices.get(choiceKey(link.otherId, a, link.ideaId));
            expect(link.mine).toEqual(mine);
            expect(link.theirs).toEqual(theirs);
            const back = candidateLinks(world, link.otherId).find(
              (l) => l.otherId === a && l.ideaId === link.ideaId,
            );
            expect(back?.state).toBe(linkState(theirs?.value, mine?.value, link.state === 'withdrawn'));
            if (link.state === 'linked' || link.state === 'met')
              expect(mutuallyLinked(choices, a, link.otherId)).toBe(true);
          }
        }
      }),
    );
  });

  it('say two households are linked when both said yes on one idea and neither withdrew', () => {
    fc.assert(
      fc.property(models, (model) => {
        const choices = new Map(model.choices);
        const ids = idsOf(model);
        for (const a of ids) {
          for (const b of ids) {
            const between = (x: string, y: string) =>
              model.choices.filter(([key]) => key.startsWith(`${x}/${y}/`));
            const all = [...between(a, b), ...between(b, a)];
            const expected =
              a !== b &&
              !all.some(([, c]) => c.value === 'withdrawn') &&
              between(a, b).some(
                ([key, c]) =>
                  SAID_YES.has(c.value) &&
                  SAID_YES.has(choices.get(choiceKey(b, a, key.split('/')[2]!))?.value ?? ''),
              );
            expect(mutuallyLinked(choices, a, b)).toBe(expected);
            expect(mutuallyLinked(choices, b, a)).toBe(expected);
          }
        }
      }),
    );
  });

  it('count new requests as the candidate links waiting for the household since a time', () => {
    fc.assert(
      fc.property(
        models,
        fc.option(fc.integer({ min: 0, max: 50 }).map(time), { nil: undefined }),
        (model, since) => {
          const world = worldOf({ ...model, threshold: 2 });
          for (const id of idsOf(model)) {
            const expected = candidateLinks(world, id).filter(
              (l) =>
                l.state === 'waiting-for-you' &&
                l.theirs?.value === 'yes' &&
                (since === undefined || l.theirs.at > since),
            ).length;
            expect(newRequestsSince(world, id, since)).toBe(expected);
          }
        },
      ),
    );
  });
});

describe('the facilitator’s view of a perimeter', () => {
  it('equals a brute-force model: every pair, the groups and the wants no one else offers', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        const view = perimeterLinks(world);
        const active = model.households.filter((h) => !h.erased).map((h) => h.id);
        const answer = (h: string, i: string) => model.answers.find(([a, b]) => a === h && b === i)?.[2];
        const live = IDEA_IDS.filter((i) => !model.retired.includes(i));
        const exchanges = live.filter((i) => IDEAS[i].kind === 'exchange');
        const pairs = exchanges.flatMap((i) =>
          active.flatMap((o) =>
            active
              .filter(
                (s) => s !== o && isOffer(answer(o, i)) && isSeek(answer(s, i)) && !withdrawnIn(model, o, s),
              )
              .map((s) => `${IDEAS[i].theme}/${i}/${o}>${s}`),
          ),
        );
        const groups = live
          .filter((i) => IDEAS[i].kind === 'collective')
          .map((i) => ({ i, members: active.filter((h) => answer(h, i) === 'join') }))
          .filter(({ members }) => members.length >= model.threshold)
          .map(({ i, members }) => `${IDEAS[i].theme}/${i}/${members.join(',')}`);
        const unmet = exchanges.flatMap((i) =>
          active
            .filter(
              (s) =>
                isSeek(answer(s, i)) &&
                !active.some((o) => o !== s && isOffer(answer(o, i)) && !withdrawnIn(model, o, s)),
            )
            .map((s) => `${IDEAS[i].theme}/${i}/${s}`),
        );
        expect(
          view
            .flatMap((t) =>
              t.exchanges.flatMap((e) =>
                exchangePairs(e).map((p) => `${t.themeId}/${e.ideaId}/${p.offererId}>${p.seekerId}`),
              ),
            )
            .sort(),
        ).toEqual(pairs.sort());
        expect(view.flatMap((t) => t.exchanges.map((e) => e.pairs)).reduce((x, y) => x + y, 0)).toBe(
          pairs.length,
        );
        expect(
          view.flatMap((t) => t.groups.map((g) => `${t.themeId}/${g.ideaId}/${g.members.join(',')}`)).sort(),
        ).toEqual(groups.sort());
        expect(
          view
            .flatMap((t) =>
              t.unmetWants.flatMap((w) => w.seekers.map((s) => `${t.themeId}/${w.ideaId}/${s}`)),
            )
            .sort(),
        ).toEqual(unmet.sort());
        // Symmetry with one household's view: a pair is a candidate link seen from both sides.
        for (const key of pairs) {
          const [, ideaId, pair] = key.split('/') as [string, string, string];
          const [o, s] = pair.split('>') as [string, string];
          const link = candidateLinks(world, s).find((l) => l.otherId === o && l.ideaId === ideaId);
          expect(link?.directions).toContain('offers-what-you-seek');
        }
      }),
    );
  });
  it('never counts a pair with a withdrawal: pairs listed, pairs counted, requests', () => {
    // Models rich in withdrawals: about half the choices withdraw.
    const withdrawing = models.chain((model) =>
      fc
        .array(fc.boolean(), { minLength: model.choices.length, maxLength: model.choices.length })
        .map((flip) => ({
          ...model,
          choices: model.choices.map(([key, c], i): [string, Choice] => [
            key,
            flip[i] ? { ...c, value: 'withdrawn' } : c,
          ]),
        })),
    );
    fc.assert(
      fc.property(withdrawing, (model) => {
        const world = worldOf(model);
        for (const theme of perimeterLinks(world)) {
          for (const exchange of theme.exchanges) {
            const pairs = exchangePairs(exchange);
            expect(pairs.length).toBe(exchange.pairs);
            for (const p of pairs) expect(withdrawnIn(model, p.offererId, p.seekerId)).toBe(false);
            for (const p of exchange.withdrawn)
              expect(withdrawnIn(model, p.offererId, p.seekerId)).toBe(true);
          }
        }
        for (const id of idsOf(model)) {
          // The home's badge counts requests from pairs with no withdrawal only.
          const waiting = candidateLinks(world, id).filter(
            (l) => l.state === 'waiting-for-you' && l.theirs?.value === 'yes',
          );
          for (const link of waiting) expect(withdrawnIn(model, id, link.otherId)).toBe(false);
          expect(newRequestsSince(world, id, undefined)).toBeLessThanOrEqual(waiting.length);
        }
      }),
    );
  });

  it('leaves out a withdrawn pair: two offer, one seeks and withdrew from one of them', () => {
    const model: Model = {
      households: ['o1', 'o2', 's'].map((id) => ({ id, place: 'A', languages: ['fr'], erased: false })),
      answers: [
        ['o1', 'drill', 'offer'],
        ['o2', 'drill', 'offer'],
        ['s', 'drill', 'seek'],
        ['s', 'soup', 'seek'],
        ['o1', 'soup', 'offer'],
      ],
      retired: [],
      choices: [[choiceKey('s', 'o1', 'drill'), { value: 'withdrawn', at: time(1), by: 'household' }]],
      threshold: 3,
    };
    const view = perimeterLinks(worldOf(model));
    const drill = view.flatMap((t) => t.exchanges).find((e) => e.ideaId === 'drill');
    expect(drill?.pairs).toBe(1);
    expect(exchangePairs(drill!)).toEqual([{ offererId: 'o2', seekerId: 's' }]);
    // The soup's only offerer is o1, whom s withdrew from: no pair left, a want no one answers.
    expect(view.flatMap((t) => t.exchanges).some((e) => e.ideaId === 'soup')).toBe(false);
    expect(view.flatMap((t) => t.unmetWants)).toEqual([{ ideaId: 'soup', seekers: ['s'] }]);
  });
});
