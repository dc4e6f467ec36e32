/**
 * The page side of bench/matching.ts: bundled for the browser by Vite, it loads a perimeter's
 * document into memory as the app holds it (PerimeterDoc, every household's answers by idea, the
 * links screens' LinksReader) and times the reads the links screens make.
 */
import type { Catalogue } from '../src/domain';
import { LinksReader } from '../src/workspace/links-reader';
import { loadPerimeter } from './page-perimeter';

export interface MatchingPage {
  /** Loads the document (a whole Yjs update, base64); returns its households with answers. */
  load(update: string, catalogue: Catalogue): string[];
  /** Milliseconds of one household's ranked neighbours, and how many links it got. */
  one(householdId: string): { ms: number; links: number };
  /** Milliseconds of the facilitator's whole-perimeter view, and its pairs. */
  all(): { ms: number; pairs: number };
}

let reader: LinksReader | undefined;

const page: MatchingPage = {
  load(update, catalogue) {
    const { doc, answers } = loadPerimeter(update, catalogue);
    // As the workspace's AnswerIndex holds them: built once, not part of what is timed.
    const households = [...answers.all().keys()];
    reader = new LinksReader(doc, () => answers.all());
    return households;
  },
  one(householdId) {
    const start = performance.now();
    const neighbours = reader!.neighbours(householdId);
    const ms = performance.now() - start;
    return { ms, links: neighbours.reduce((n, neighbour) => n + neighbour.links.length, 0) };
  },
  all() {
    const start = performance.now();
    const themes = reader!.perimeter();
    const ms = performance.now() - start;
    return { ms, pairs: themes.reduce((n, t) => n + t.exchanges.reduce((m, e) => m + e.pairs, 0), 0) };
  },
};

(globalThis as { benchMatching?: MatchingPage }).benchMatching = page;
