/**
 * The page side of bench/cafe-open.ts: bundled for the browser by Vite, it loads a perimeter's
 * document into memory as the app holds it (PerimeterDoc, every household's answers by idea, the
 * links' LinksReader) and times what the café screen reads (workspace/cafe-services.ts
 * readCafeBoard: who is present, how each came, the theme's links among them, proposals,
 * micro-projects and the groups big enough to start one).
 */
import * as Y from 'yjs';
import { type AnswerValue, type Catalogue, parseAnswerKey } from '../src/domain';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import { readCafeBoard } from '../src/workspace/cafe-services';
import { LinksReader } from '../src/workspace/links-reader';

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
    const ydoc = new Y.Doc();
    Y.applyUpdate(
      ydoc,
      Uint8Array.from(atob(update), (c) => c.charCodeAt(0)),
    );
    doc = new PerimeterDoc(ydoc, catalogue);
    // As the workspace's AnswerIndex holds them: built when the document loads, not timed.
    const answers = new Map<string, Map<string, AnswerValue>>();
    for (const [key, answer] of doc.entries('answers')) {
      const ids = parseAnswerKey(key);
      if (!ids) continue;
      const mine = answers.get(ids.householdId) ?? new Map<string, AnswerValue>();
      mine.set(ids.ideaId, answer.value);
      answers.set(ids.householdId, mine);
    }
    reader = new LinksReader(doc, () => answers);
  },
  open(cafeId) {
    const start = performance.now();
    const board = readCafeBoard(doc!, reader!.world(), cafeId);
    const ms = performance.now() - start;
    return { ms, present: board?.present.length ?? 0, links: board?.links.length ?? 0 };
  },
};

(globalThis as { benchCafeOpen?: CafeOpenPage }).benchCafeOpen = page;
