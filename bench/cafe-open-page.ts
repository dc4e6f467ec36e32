/**
 * The page side of bench/cafe-open.ts: bundled for the browser by Vite, it loads a perimeter's
 * document into memory as the app holds it (PerimeterDoc, every household's answers by idea, the
 * links' LinksReader) and times what the café screen reads (workspace/cafe-services.ts
 * readCafeBoard: who is present, how each came, the theme's links among them, proposals,
 * micro-projects and the groups big enough to start one).
 */
import type { Catalogue } from '../src/domain';
import type { PerimeterDoc } from '../src/sync/perimeter-doc';
import { readCafeBoard } from '../src/workspace/cafe-services';
import { LinksReader } from '../src/workspace/links-reader';
import { loadPerimeter } from './page-perimeter';

export interface CafeOpenPage {
  /** Loads the document (a whole Yjs update, base64). */
  load(update: string, catalogue: Catalogue): void;
  /** Milliseconds of one read of the café's board, with what it found. */
  open(cafeId: string): { ms: number; present: number; links: number };
}

let doc: PerimeterDoc | undefined;
let reader: LinksReader | undefined;

const page: CafeOpenPage = {
  load(update, catalogue) {
    const loaded = loadPerimeter(update, catalogue);
    doc = loaded.doc;
    // As the workspace's AnswerIndex holds them: built when the document loads, not timed.
    loaded.answers.all();
    reader = new LinksReader(doc, () => loaded.answers.all());
  },
  open(cafeId) {
    const start = performance.now();
    const board = readCafeBoard(doc!, reader!.world(), cafeId);
    const ms = performance.now() - start;
    return { ms, present: board?.present.length ?? 0, links: board?.links.length ?? 0 };
  },
};

(globalThis as { benchCafeOpen?: CafeOpenPage }).benchCafeOpen = page;
