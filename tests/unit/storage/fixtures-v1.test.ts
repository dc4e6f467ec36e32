/**
 * The frozen version-1 samples of tests/fixtures/v1/ (scripts/make-v1-fixtures.ts), read by
 * today's device code: the shared document decodes and projects into the read model, and the
 * export file decrypts with its passphrase and merges. These files never change; if this test
 * fails, today's app no longer reads what version-1 devices hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decryptExport } from '../../../src/domain';
import { PerimeterDoc } from '../../../src/sync/perimeter-doc';
import { PerimeterWorkspace } from '../../../src/workspace/perimeter-workspace';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { deps, dumpReadModel } from '../../fixtures/workspace';

const V1 = path.resolve(import.meta.dirname, '../../fixtures/v1');
/** The passphrase scripts/make-v1-fixtures.ts encrypted export.tissage.json with. */
const PASSPHRASE = 'tilleul bleu cafe quatorze';
const PERIMETER_ID = 'tilleuls-v1-fixture';

const document = new Uint8Array(fs.readFileSync(path.join(V1, 'document.yjs')));

/** What the version-1 perimeter holds, as its facilitator's tablet recorded it. */
const households = [
  { id: 'fixture-id-0001', name: 'Odile', place: 'Bâtiment A', founding: true, sessionId: null },
  { id: 'fixture-id-0002', name: 'Karim', place: 'Bâtiment B', founding: true, sessionId: null },
  {
    id: 'fixture-id-0004',
    name: 'Amina',
    place: 'Bâtiment A',
    founding: false,
    sessionId: 'fixture-id-0003',
    witnesses: ['fixture-id-0001'],
    languages: ['fr', 'ar'],
  },
  {
    id: 'fixture-id-0005',
    name: 'Bruno',
    place: 'Bâtiment B',
    founding: false,
    sessionId: 'fixture-id-0003',
  },
];
const answers = [
  ['fixture-id-0001', 'pret-echelle', 'both'],
  ['fixture-id-0004', 'local-fixture-id-0006', 'join'],
  ['fixture-id-0004', 'pret-echelle', 'seek'],
  ['fixture-id-0004', 'pret-perceuse', 'offer'],
  ['fixture-id-0005', 'pret-perceuse', 'seek'],
  ['fixture-id-0005', 'pret-placard-partage', 'join'],
].map(([householdId, ideaId, value]) => ({ householdId, ideaId, value }));

async function readModelAfterMerging(update: Uint8Array) {
  const workspace = await PerimeterWorkspace.open(PERIMETER_ID, deps(testEnv()));
  const merged = await workspace.merge(update);
  expect(merged).toEqual({ ok: true, value: null });
  const dump = await dumpReadModel(workspace.readModel.db);
  await workspace.close();
  return dump;
}

beforeEach(() => {
  freshIndexedDb();
});

describe('the version-1 shared document', () => {
  it('decodes into the perimeter, its households, answers, local idea and credentials', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, document);
    const view = new PerimeterDoc(doc, catalogue);
    expect(view.perimeter()).toMatchObject({
      id: PERIMETER_ID,
      name: 'Résidence des Tilleuls',
      places: ['Bâtiment A', 'Bâtiment B'],
      dwellings: 120,
    });
    for (const household of households) expect(view.household(household.id)).toMatchObject(household);
    expect([...doc.getMap('answers').keys()]).toHaveLength(answers.length);
    expect(view.idea('local-fixture-id-0006')).toMatchObject({
      theme: 'jardin',
      kind: 'collective',
      title: 'Bac à compost de la cour',
    });
    expect(view.credential('c078878af6b2cb97')).toMatchObject({
      householdId: 'fixture-id-0004',
      revoked: false,
    });
    expect(view.credential('c9a4e7342ede94b0')).toMatchObject({
      householdId: 'fixture-id-0005',
      revoked: true,
    });
    // Nothing left pending: every struct it holds integrates.
    expect(doc.store.pendingStructs).toBeNull();
  });

  it('projects into the read model: the households and answers a device shows', async () => {
    const dump = await readModelAfterMerging(document);
    expect(dump.households).toHaveLength(households.length);
    households.forEach((household, i) => expect(dump.households[i]).toMatchObject(household));
    expect(dump.answers.map(({ householdId, ideaId, value }) => ({ householdId, ideaId, value }))).toEqual(
      answers,
    );
    expect(dump.sessions).toMatchObject([{ id: 'fixture-id-0003', place: 'Local commun', kind: 'cafe' }]);
    expect(dump.ideas).toMatchObject([{ id: 'local-fixture-id-0006' }]);
  });
});

describe('the version-1 export file', () => {
  it('decrypts with its passphrase into the same document and its contact, and merges', async () => {
    const file: unknown = JSON.parse(fs.readFileSync(path.join(V1, 'export.tissage.json'), 'utf8'));
    const decrypted = await decryptExport(file, PASSPHRASE);
    if (!decrypted.ok) throw new Error(`refused: ${decrypted.refusal}`);
    expect(decrypted.payload).toMatchObject({
      perimeterId: PERIMETER_ID,
      contacts: [{ householdId: 'fixture-id-0004', phone: '06 12 34 56 78' }],
    });
    expect(decrypted.payload.document).toEqual(document);
    const dump = await readModelAfterMerging(decrypted.payload.document);
    expect(dump.households).toHaveLength(households.length);
    expect(dump.answers).toHaveLength(answers.length);
  });
});
