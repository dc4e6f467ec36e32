/**
 * The theme's links among those present at a café (domain/cafe-queries.ts cafeLinks and
 * householdCafeLinks) against a brute-force model straight from the definition, on random
 * perimeters: random households (some erased), answers, retirements, choices, group thresholds,
 * who came, and a café on a catalogue theme or a local one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnswerValue,
  type Cafe,
  type Choice,
  type Household,
  type MatchWorld,
  cafeLinks,
  candidateLinks,
  choiceKey,
  householdCafeLinks,
} from '../../../src/domain';
import { ANSWER_VALUES, CHOICE_VALUES, matchWorldOf } from './match-world';

/** A small catalogue over three themes, exchange and collective ideas in each. */
const IDEAS = {
  drill: { theme: 'pret', kind: 'exchange' },
  ladder: { theme: 'pret', kind: 'exchange' },
  cupboard: { theme: 'pret', kind: 'collective' },
  soup: { theme: 'cuisine', kind: 'exchange' },
  market: { theme: 'cuisine', kind: 'collective' },
  garden: { theme: 'jardin', kind: 'collective' },
} as const;
type IdeaId = keyof typeof IDEAS;
const IDEA_IDS = Object.keys(IDEAS) as IdeaId[];
const at = '2026-10-01T10:00:00.000Z';

interface Model {
  households: { id: string; erased: boolean }[];
  answers: [string, IdeaId, AnswerValue][];
  retired: IdeaId[];
  choices: [string, Choice][];
  threshold: number;
  present: string[];
  cafe: Cafe;
}

const cafeOf = (theme: string | null, ideaIds: string[]): Cafe => ({
  id: 'cafe0001',
  date: '2026-12-05',
  start: '14:00',
  end: '16:00',
  place: 'Place du marché',
  theme,
  localTheme: theme === null ? 'Fête de rue' : null,
  ideaIds,
  welcome: '',
  state: 'planned',
  createdAt: at,
  updatedAt: at,
});

const models: fc.Arbitrary<Model> = fc.integer({ min: 2, max: 8 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `house${i}`);
  return fc.record({
    households: fc.tuple(
      ...ids.map((id) =>
        fc.record({ id: fc.constant(id), erased: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }),
      ),
    ),
    answers: fc.uniqueArray(
      // 'join' twice as likely: collective groups around the threshold must come up often.
      fc.tuple(
        fc.constantFrom(...ids),
        fc.constantFrom(...IDEA_IDS),
        fc.constantFrom(...ANSWER_VALUES, 'join' as const),
      ),
      { selector: ([h, i]) => `${h}/${i}`, minLength: count, maxLength: 48 },
    ),
    retired: fc.subarray(IDEA_IDS, { maxLength: 2 }),
    choices: fc.uniqueArray(
      fc
        .tuple(
          fc.constantFrom(...ids),
          fc.constantFrom(...ids),
          fc.constantFrom(...IDEA_IDS),
          fc.constantFrom(...CHOICE_VALUES),
        )
        .filter(([a, b]) => a !== b)
        .map(([a, b, idea, value]): [string, Choice] => [
          choiceKey(a, b, idea),
          { value, at, by: 'household' },
        ]),
      { selector: ([key]) => key, maxLength: 20 },
    ),
    threshold: fc.integer({ min: 2, max: 4 }),
    // Some present ids are unknown: a presence may outlive nothing, but the query must cope.
    present: fc.subarray([...ids, 'nobody00'], { minLength: 2 }),
    cafe: fc.oneof(
      fc.constantFrom('pret', 'cuisine', 'jardin').map((theme) => cafeOf(theme, [])),
      fc.subarray(IDEA_IDS, { minLength: 1 }).map((ideas) => cafeOf(null, ideas)),
    ),
  });
});

function profile(id: string, erased: boolean): Household {
  return {
    id,
    name: id,
    place: 'A',
    languages: ['fr'],
    joinedAt: at,
    sessionId: null,
    witnesses: [],
    founding: true,
    consent: { dataUse: true, shareContact: true, at },
    ...(erased ? { erasedAt: at } : {}),
  };
}

function worldOf(model: Model): MatchWorld {
  return matchWorldOf({
    profiles: model.households.map((h) => profile(h.id, h.erased)),
    answers: model.answers,
    ideas: IDEAS,
    retired: model.retired,
    choices: model.choices,
    groupThreshold: model.threshold,
  });
}

const isOffer = (v: AnswerValue | undefined) => v === 'offer' || v === 'both';
const isSeek = (v: AnswerValue | undefined) => v === 'seek' || v === 'both';

/**
 * Brute force: every pair a < b of present, active households, every idea of the café's theme that
 * is not retired, the directions from a's side straight from the definition.
 */
function modelCafeLinks(model: Model): string[] {
  const active = model.households.filter((h) => !h.erased).map((h) => h.id);
  const here = active.filter((id) => model.present.includes(id)).sort();
  const answer = (h: string, i: string) => model.answers.find(([a, b]) => a === h && b === i)?.[2];
  const onTheme = (ideaId: IdeaId) =>
    model.cafe.theme !== null
      ? IDEAS[ideaId].theme === model.cafe.theme
      : model.cafe.ideaIds.includes(ideaId);
  const out: string[] = [];
  for (const [i, a] of here.entries()) {
    for (const b of here.slice(i + 1)) {
      for (const ideaId of IDEA_IDS) {
        if (model.retired.includes(ideaId) || !onTheme(ideaId)) continue;
        const [mine, theirs] = [answer(a, ideaId), answer(b, ideaId)];
        if (IDEAS[ideaId].kind === 'collective') {
          const joiners = active.filter((h) => answer(h, ideaId) === 'join').length;
          if (mine === 'join' && theirs === 'join' && joiners >= model.threshold)
            out.push(`${a}/${b}/${ideaId}/also-joins`);
          continue;
        }
        const directions = [
          ...(isSeek(mine) && isOffer(theirs) ? ['offers-what-you-seek'] : []),
          ...(isOffer(mine) && isSeek(theirs) ? ['seeks-what-you-offer'] : []),
        ];
        if (directions.length > 0) out.push(`${a}/${b}/${ideaId}/${directions.join('+')}`);
      }
    }
  }
  return out.sort();
}

describe('the theme’s links among those present', () => {
  it('are exactly the brute-force model’s pairs, once each, sorted by idea then households', () => {
    fc.assert(
      fc.property(models, (model) => {
        const links = cafeLinks(worldOf(model), model.cafe, model.present);
        const keys = links.map((l) => `${l.householdId}/${l.otherId}/${l.ideaId}/${l.directions.join('+')}`);
        expect([...keys].sort()).toEqual(modelCafeLinks(model));
        const order = links.map((l) => [l.ideaId, l.householdId, l.otherId].join(' '));
        expect(order).toEqual([...order].sort());
      }),
    );
  });

  it('carry the state each pair’s links have in links.ts, from the first household’s side', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        for (const link of cafeLinks(world, model.cafe, model.present)) {
          const same = candidateLinks(world, link.householdId).find(
            (l) => l.otherId === link.otherId && l.ideaId === link.ideaId,
          );
          expect(same?.state).toBe(link.state);
        }
      }),
    );
  });

  it('on a phone: the household’s own theme links, neighbours present first, in links.ts’s order', () => {
    fc.assert(
      fc.property(models, (model) => {
        const world = worldOf(model);
        for (const { id } of model.households) {
          const mine = householdCafeLinks(world, model.cafe, id, model.present);
          const expected = modelCafeLinks({ ...model, present: model.households.map((h) => h.id) })
            .map((key) => key.split('/'))
            .filter(([a, b]) => a === id || b === id)
            .map(([a, b, idea]) => `${a === id ? b : a}/${idea}`)
            .sort();
          expect(mine.map((l) => `${l.otherId}/${l.ideaId}`).sort()).toEqual(expected);
          const firstAbsent = mine.findIndex((l) => !l.present);
          if (firstAbsent >= 0) expect(mine.slice(firstAbsent).every((l) => !l.present)).toBe(true);
          for (const l of mine) expect(l.present).toBe(model.present.includes(l.otherId));
          const rank = candidateLinks(world, id).map((l) => `${l.otherId}/${l.ideaId}`);
          const positions = (list: typeof mine) => list.map((l) => rank.indexOf(`${l.otherId}/${l.ideaId}`));
          const here = positions(mine.filter((l) => l.present));
          const away = positions(mine.filter((l) => !l.present));
          expect(here).toEqual([...here].sort((x, y) => x - y));
          expect(away).toEqual([...away].sort((x, y) => x - y));
        }
      }),
    );
  });
});
