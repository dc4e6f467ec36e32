/**
 * The format version of a perimeter's shared document, stamped in the document itself (the `meta`
 * map, key FORMAT_VERSION_KEY) by the facilitator's device that creates the perimeter. A document
 * without a stamp was made before stamps existed: it is version 1.
 *
 * An app reads and writes only documents of a version it knows (at most DOC_FORMAT_VERSION). On a
 * newer one it stops: it says the app must be updated, keeps what it holds, and neither projects,
 * shows nor writes anything of the newer document; the sync server refuses a stamp it does not
 * know either (rights.ts).
 *
 * What a bump means. Raise DOC_FORMAT_VERSION when an older app would misread the document or
 * write into it what the newer rules refuse: a record's field renamed, removed or given a new
 * meaning, a map split or re-keyed, or a new map whose data an older app must not ignore. Adding an
 * optional field that older apps may drop unseen, or a map they may ignore, needs no bump. A bump
 * ships with: the app and the server reading every earlier version; the migration of the records
 * written in the same transaction as the new stamp, by a facilitator's device; and a frozen sample
 * of the previous version in tests/fixtures/ with a test that the new app reads it.
 */
import * as z from 'zod/mini';

/** Key of the stamp in the `meta` map. */
export const FORMAT_VERSION_KEY = 'formatVersion';

/** The format this app writes, and the newest it can read. */
export const DOC_FORMAT_VERSION = 1;

/** A stamp this app knows: an integer from 1 to DOC_FORMAT_VERSION. */
export const formatVersionSchema = z.int().check(z.gte(1), z.lte(DOC_FORMAT_VERSION));

/**
 * The version a stamp says: 1 without a stamp; Infinity for a stamp that is not a positive integer,
 * so that a malformed stamp counts as unreadable rather than misread.
 */
export function formatVersionOf(stamp: unknown): number {
  if (stamp === undefined) return 1;
  return typeof stamp === 'number' && Number.isInteger(stamp) && stamp >= 1 ? stamp : Infinity;
}

/** Whether this app may read and write a document whose stamp is `stamp`. */
export function canReadFormat(stamp: unknown): boolean {
  return formatVersionOf(stamp) <= DOC_FORMAT_VERSION;
}
