/**
 * Matching on the 500-household worst case (every household answers every idea), in headless
 * Chromium with the CPU throttled 4× (DevTools `Emulation.setCPUThrottlingRate`), as on a modest
 * phone: one household's ranked neighbours with their link states, and the facilitator's
 * whole-perimeter view, timed in the page on the document held in memory (bench/matching-page.ts,
 * bundled by Vite). Issue 11's goals: one household under 50 ms, the whole perimeter under 1 s.
 *
 * Some choices are added first, so that ranking and link states have something to read: every
 * household says yes to 10 candidate links, and half of the requests are answered "not now".
 * Runnable alone: `npx tsx bench/matching.ts`.
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { CHOICES_MAP, type Choice, choiceKey, linkDirections, parseChoiceKey } from '../src/domain';
import { AnswerIndex } from '../src/sync/answer-index';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import type { MatchingPage } from './matching-page';
import { median, ms } from './stats';
import { catalogue, random, syntheticPerimeter } from './synthetic';
import { printNotes, printTable } from './table';
import { onThrottledPage } from './throttled-page';

export const ONE_GOAL_MS = 50;
export const ALL_GOAL_MS = 1000;
const THROTTLE = 4;

export interface MatchingFigures {
  households: number;
  choices: number;
  /** Links of the households timed (median). */
  links: number;
  /** Pairs in the whole-perimeter view. */
  pairs: number;
  /** Median of one household's ranked neighbours, over `oneRuns` households, after one warm-up. */
  oneMs: number;
  oneRuns: number;
  /** Median of the whole-perimeter view over `allRuns` runs, after one warm-up. */
  allMs: number;
  allRuns: number;
}

/**
 * The worst case with choices: each household says yes to 10 candidate links (neighbours and ideas
 * picked by a fixed pseudo-random walk), and every other request it got is answered "not now".
 */
function worstWithChoices(): { update: Uint8Array; households: number; choices: number } {
  const { doc } = syntheticPerimeter('worst');
  const view = new PerimeterDoc(doc, catalogue);
  const answers = new AnswerIndex(view).all();
  const world = {
    answers,
    household: (id: string) => view.household(id),
    idea: (id: string) => view.idea(id),
    isRetired: () => false,
  };
  const rand = random(11);
  const at = '2026-09-02T10:00:00.000Z';
  const choices = doc.getMap<Choice>(CHOICES_MAP);
  const households = [...answers.keys()].sort();
  doc.transact(() => {
    for (const id of households) {
      for (let said = 0, tries = 0; said < 10 && tries < 1000; tries++) {
        const other = households[Math.floor(rand() * households.length)]!;
        const idea = catalogue.ideas[Math.floor(rand() * catalogue.ideas.length)]!.id;
        if (!linkDirections(world, id, other, idea) || choices.has(choiceKey(id, other, idea))) continue;
        choices.set(choiceKey(id, other, idea), { value: 'yes', at, by: 'household' });
        said++;
      }
    }
  });
  let requests = 0;
  doc.transact(() => {
    for (const key of [...choices.keys()]) {
      const ids = parseChoiceKey(key)!;
      const back = choiceKey(ids.otherId, ids.ownerId, ids.ideaId);
      if (requests++ % 2 === 0 && !choices.has(back))
        choices.set(back, { value: 'not-now', at, by: 'household' });
    }
  });
  return {
    update: Y.encodeStateAsUpdate(doc),
    households: doc.getMap('profiles').size,
    choices: choices.size,
  };
}

export async function matchingFigures(oneRuns = 25, allRuns = 5): Promise<MatchingFigures> {
  const world = worstWithChoices();
  return onThrottledPage<MatchingPage, MatchingFigures>(
    {
      entry: new URL('./matching-page.ts', import.meta.url),
      global: 'benchMatching',
      title: 'matching',
      update: world.update,
      catalogue,
      throttle: THROTTLE,
    },
    async (call, ids) => {
      // Spread over the perimeter: households of every place and every rank of answers.
      const timed = Array.from(
        { length: oneRuns + 1 },
        (_, i) => ids[Math.floor((i * ids.length) / (oneRuns + 1))]!,
      );
      const ones = [];
      for (const id of timed) ones.push(await call('one', id));
      const alls = [];
      for (let i = 0; i <= allRuns; i++) alls.push(await call('all'));
      return {
        households: world.households,
        choices: world.choices,
        links: median(ones.slice(1).map((o) => o.links)),
        pairs: alls[0]!.pairs,
        oneMs: median(ones.slice(1).map((o) => o.ms)),
        oneRuns,
        allMs: median(alls.slice(1).map((a) => a.ms)),
        allRuns,
      };
    },
  );
}

export function printMatching(m: MatchingFigures): void {
  printTable(
    `Matching, worst case (${m.households} households, every idea answered, ${m.choices} choices), Chromium, CPU ${THROTTLE}× slower`,
    ['figure', 'median', 'goal'],
    [
      [`one household's ranked links (${m.oneRuns} households)`, ms(m.oneMs), `< ${ONE_GOAL_MS} ms`],
      [`whole-perimeter view (${m.allRuns} runs)`, ms(m.allMs), `< ${ALL_GOAL_MS} ms`],
    ],
  );
  printNotes([
    `${m.links} candidate links per household (median); ${m.pairs} pairs in the perimeter view.`,
    'Timed in the page on the document in memory (LinksReader); the first call of each, which',
    'indexes the choices and the latest answer times, is a warm-up and not counted.',
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printMatching(await matchingFigures());
}
