/**
 * The server's rights check on every incoming update: sync/rights-check.ts's rule (shared with
 * the devices' QR relay), with the ideas of the catalogue this server ships.
 */
import type * as Y from 'yjs';
import catalogue from '../catalogue/catalogue.v1.json';
import { type Checked, type ClientOwner, type Writer, checkWrites } from '../sync/rights-check';

export type { Checked, ClientOwner, Refusal, Writer } from '../sync/rights-check';

/** The shipped catalogue's ideas: the same file the devices bundle. */
const CATALOGUE_IDEAS: ReadonlySet<string> = new Set(catalogue.ideas.map((idea) => idea.id));

/** sync/rights-check.ts `checkWrites` against the shipped catalogue. */
export function checkUpdate(writer: Writer, ownerOf: ClientOwner, doc: Y.Doc, update: Uint8Array): Checked {
  return checkWrites(writer, ownerOf, doc, update, CATALOGUE_IDEAS);
}
