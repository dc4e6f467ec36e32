/**
 * The page side's start, shared by the page scripts bench/throttled-page.ts runs
 * (bench/cafe-open-page.ts, bench/matching-page.ts, bench/dashboard-page.ts): the document sent
 * from Node as a whole Yjs update in base64, loaded as the app holds it in memory.
 */
import * as Y from 'yjs';
import type { Catalogue } from '../src/domain';
import { AnswerIndex } from '../src/sync/answer-index';
import { PerimeterDoc } from '../src/sync/perimeter-doc';

export interface LoadedPerimeter {
  ydoc: Y.Doc;
  doc: PerimeterDoc;
  /** The workspace's answer index over `doc`, not built yet: its first `all()` walks the answers. */
  answers: AnswerIndex;
}

/** Decodes `update` (base64 of a whole Yjs update) into a fresh document and its read views. */
export function loadPerimeter(update: string, catalogue: Catalogue): LoadedPerimeter {
  const ydoc = new Y.Doc();
  Y.applyUpdate(
    ydoc,
    Uint8Array.from(atob(update), (c) => c.charCodeAt(0)),
  );
  const doc = new PerimeterDoc(ydoc, catalogue);
  return { ydoc, doc, answers: new AnswerIndex(doc) };
}
