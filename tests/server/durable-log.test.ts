/**
 * The documents' persistence below the network: the ports' contract on each adapter (only SQLite
 * today), documents.sqlite files of the format before the update log, and load and compaction
 * through a real Hocuspocus instance (direct connections, no socket).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Hocuspocus } from '@hocuspocus/server';
import { schema as extensionSqliteSchema, upsertQuery } from '@hocuspocus/extension-sqlite';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_LOG_MIN_BYTES, DurablePersistence } from '../../src/server/persistence';
import type { DocumentPersistence } from '../../src/server/ports';
import { DOCUMENTS_FORMAT_VERSION, openSqliteDocuments } from '../../src/server/sqlite/documents';
import { tempDataDir } from './helpers';

const dirs: string[] = [];
const opened: DocumentPersistence[] = [];

afterEach(() => {
  for (const persistence of opened.splice(0)) persistence.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function documentsFile(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return path.join(dir, 'documents.sqlite');
}

function open(file = documentsFile()): DocumentPersistence {
  const persistence = openSqliteDocuments(file);
  opened.push(persistence);
  return persistence;
}

/** An update that sets `key` in the `meta` map, as a device would send it. */
function change(key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

const adapters: [string, () => DocumentPersistence][] = [['SQLite', () => open()]];

describe.each(adapters)('the persistence ports on %s', (_, make) => {
  it('keeps each document in its own log, in order, until dropped', async () => {
    const { log } = make();
    const first = await log.append('perimeter:a', change('n', 1));
    const other = await log.append('perimeter:b', change('n', 2));
    const second = await log.append('perimeter:a', change('n', 3));
    expect(first).toBeLessThan(other);
    expect(other).toBeLessThan(second);
    expect((await log.read('perimeter:a')).map((entry) => entry.sequence)).toEqual([first, second]);
    expect(log.has('perimeter:b')).toBe(true);

    await log.drop('perimeter:a', first);
    expect((await log.read('perimeter:a')).map((entry) => entry.sequence)).toEqual([second]);
    expect(await log.read('perimeter:b')).toHaveLength(1);
    await log.drop('perimeter:a', second);
    expect(log.has('perimeter:a')).toBe(false);
    // Never reused: a later entry cannot be mistaken for a dropped one.
    expect(await log.append('perimeter:a', change('n', 4))).toBeGreaterThan(second);
  });

  it('makes appends asked for together durable together, numbered in the order asked', async () => {
    const { log } = make();
    const sequences = await Promise.all(
      [1, 2, 3].map((n) => log.append(n === 2 ? 'perimeter:b' : 'perimeter:a', change('n', n))),
    );
    expect([...sequences].sort((x, y) => x - y)).toEqual(sequences);
    expect((await log.read('perimeter:a')).map((entry) => entry.sequence)).toEqual([
      sequences[0],
      sequences[2],
    ]);
  });

  it('stores a whole state per document, replaced by the next store', async () => {
    const { documents } = make();
    expect(await documents.fetch({ documentName: 'perimeter:a' })).toBeNull();
    expect(documents.has('perimeter:a')).toBe(false);
    await documents.store({ documentName: 'perimeter:a', state: change('n', 1) });
    await documents.store({ documentName: 'perimeter:a', state: change('n', 2) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await documents.fetch({ documentName: 'perimeter:a' }))!);
    expect(doc.getMap('meta').get('n')).toBe(2);
    expect(documents.has('perimeter:a')).toBe(true);
  });
});

describe('documents.sqlite across formats', () => {
  it('loads a file written by @hocuspocus/extension-sqlite before the log existed, and adds the log', async () => {
    const file = documentsFile();
    const before = new BetterSqlite3(file);
    before.exec(extensionSqliteSchema);
    before.prepare(upsertQuery).run({ name: 'perimeter:a', data: Buffer.from(change('name', 'Lilas')) });
    before.close();

    const { documents, log } = open(file);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await documents.fetch({ documentName: 'perimeter:a' }))!);
    expect(doc.getMap('meta').get('name')).toBe('Lilas');
    expect(await log.append('perimeter:a', change('n', 1))).toBeGreaterThan(0);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(DOCUMENTS_FORMAT_VERSION);
    check.close();
  });

  it('refuses a file from a newer server rather than misreading it', () => {
    const file = documentsFile();
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${DOCUMENTS_FORMAT_VERSION + 1}`);
    newer.close();
    expect(() => openSqliteDocuments(file)).toThrow(/newer than this server/);
  });
});

describe('DurablePersistence in Hocuspocus', () => {
  function serve(persistence: DocumentPersistence): Hocuspocus {
    return new Hocuspocus({
      quiet: true,
      extensions: [new DurablePersistence(persistence.documents, persistence.log)],
    });
  }

  async function read(hocuspocus: Hocuspocus, name: string): Promise<Y.Doc> {
    const connection = await hocuspocus.openDirectConnection(name);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(connection.document!));
    await connection.disconnect();
    return copy;
  }

  it('loads the stored state followed by the log, and folds a leftover log in at once', async () => {
    const persistence = open();
    await persistence.documents.store({ documentName: 'perimeter:a', state: change('name', 'Lilas') });
    // What a crash leaves: entries appended after the last store.
    await persistence.log.append('perimeter:a', change('places', 3));

    const doc = await read(serve(persistence), 'perimeter:a');
    expect(doc.getMap('meta').toJSON()).toEqual({ name: 'Lilas', places: 3 });
    expect(persistence.log.has('perimeter:a')).toBe(false);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await persistence.documents.fetch({ documentName: 'perimeter:a' }))!);
    expect(stored.getMap('meta').toJSON()).toEqual({ name: 'Lilas', places: 3 });
  });

  it('compacts at a debounced store only once the log grew past its threshold', async () => {
    const persistence = open();
    const durable = new DurablePersistence(persistence.documents, persistence.log);
    let stores = 0;
    const hocuspocus = new Hocuspocus({
      quiet: true,
      debounce: 10,
      extensions: [durable, { afterStoreDocument: async () => void stores++ }],
    });
    const connection = await hocuspocus.openDirectConnection('perimeter:a');
    const apply = async (update: Uint8Array) => {
      await durable.logServerUpdate('perimeter:a', update);
      await connection.transact((document) => Y.applyUpdate(document, update));
    };
    await apply(change('name', 'Lilas'));
    await vi.waitFor(() => expect(stores).toBe(1));
    expect(await persistence.log.read('perimeter:a')).toHaveLength(1);
    expect(persistence.documents.has('perimeter:a')).toBe(false);

    // Past COMPACT_LOG_MIN_BYTES in one update: the next store compacts.
    await apply(change('notes', 'x'.repeat(COMPACT_LOG_MIN_BYTES)));
    await vi.waitFor(() => expect(stores).toBe(2));
    expect(persistence.log.has('perimeter:a')).toBe(false);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await persistence.documents.fetch({ documentName: 'perimeter:a' }))!);
    expect(stored.getMap('meta').get('name')).toBe('Lilas');
    await connection.disconnect();
  });

  it('logs a change of the server its own before applying it; the store drops only what it holds', async () => {
    const persistence = open();
    const hocuspocus = serve(persistence);
    const durable = new DurablePersistence(persistence.documents, persistence.log);
    const connection = await hocuspocus.openDirectConnection('perimeter:a');
    const update = change('name', 'Lilas');
    await durable.logServerUpdate('perimeter:a', update);
    await connection.transact((document) => Y.applyUpdate(document, update));
    // Appended but, as an update between the log and its application, not yet in the document.
    const pending = await persistence.log.append('perimeter:a', change('places', 3));

    await connection.disconnect();
    expect((await persistence.log.read('perimeter:a')).map((entry) => entry.sequence)).toEqual([pending]);
    const doc = await read(serve(persistence), 'perimeter:a');
    expect(doc.getMap('meta').toJSON()).toEqual({ name: 'Lilas', places: 3 });
  });
});
