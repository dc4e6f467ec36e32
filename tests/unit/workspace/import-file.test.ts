/**
 * The device's import of an export file (PerimeterRuntime.importFile, behind the device panel's
 * import form): the file is checked before any key is derived, the decrypted content with zod
 * before anything is merged, and each refusal is an outcome the form says in French.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ExportFile, type ImportOutcome, decryptExport, encryptExport } from '../../../src/domain';
import { messages as devicesMessages } from '../../../src/i18n/fr-devices';
import { openDeviceDb } from '../../../src/storage/device-db';
import { PerimeterRuntime } from '../../../src/workspace/perimeter-runtime';
import { testEnv } from '../../fixtures/env';
import { exportFileHolding } from '../../fixtures/export-files';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';

const V1 = path.resolve(import.meta.dirname, '../../fixtures/v1');
/** The passphrase of the version-1 sample export (scripts/make-v1-fixtures.ts). */
const PASSPHRASE = 'tilleul bleu cafe quatorze';
const PERIMETER_ID = 'tilleuls-v1-fixture';
/** No server is ever reached: this device has no access row. */
const nowhere = { sync: 'ws://127.0.0.1:9/sync', http: 'http://127.0.0.1:9' };

const sample = JSON.parse(fs.readFileSync(path.join(V1, 'export.tissage.json'), 'utf8')) as ExportFile;

beforeEach(() => {
  freshIndexedDb();
});

/** A device that holds nothing of the perimeter yet, its import, and what it holds afterwards. */
async function importOnFreshDevice(file: unknown, passphrase = PASSPHRASE, perimeterId = PERIMETER_ID) {
  const device = openDeviceDb();
  const runtime = new PerimeterRuntime(perimeterId, { device, env: testEnv(), catalogue }, nowhere);
  const outcome = await runtime.importFile(file, passphrase);
  const workspace = await runtime.workspace();
  const held = {
    households: await workspace.readModel.db.households.count(),
    contacts: await device.contacts.count(),
  };
  await runtime.close();
  device.close();
  return { outcome, held };
}

describe('importing an export file on a device', () => {
  it('merges an export of this perimeter and keeps its contacts', async () => {
    expect(await importOnFreshDevice(sample)).toEqual({
      outcome: 'imported',
      held: { households: 4, contacts: 1 },
    });
  });

  const refused: [string, () => Promise<unknown> | unknown, string | undefined, ImportOutcome][] = [
    [
      'iterations = 2,000,000,000',
      () => ({ ...sample, kdf: { ...sample.kdf, iterations: 2_000_000_000 } }),
      undefined,
      'not-an-export',
    ],
    [
      'a salt of 1 byte',
      () => ({ ...sample, kdf: { ...sample.kdf, salt: 'AA==' } }),
      undefined,
      'not-an-export',
    ],
    ['a later version', () => ({ ...sample, version: 2 }), undefined, 'newer-version'],
    ['the wrong passphrase', () => sample, 'not the passphrase', 'wrong-passphrase'],
    [
      'a malformed contact inside',
      () =>
        exportFileHolding(
          JSON.stringify({
            perimeterId: PERIMETER_ID,
            exportedAt: '2026-11-29T10:00:00.000Z',
            document: 'AAA=',
            contacts: [{ householdId: 'fixture-id-0004', email: 'not an email' }],
          }),
          PERIMETER_ID,
          PASSPHRASE,
        ),
      undefined,
      'invalid-content',
    ],
    [
      'text that is not JSON inside',
      () => exportFileHolding('{', PERIMETER_ID, PASSPHRASE),
      undefined,
      'invalid-content',
    ],
  ];
  it.each(refused)('refuses a file with %s, merging nothing', async (_name, file, passphrase, outcome) => {
    expect(await importOnFreshDevice(await file(), passphrase)).toEqual({
      outcome,
      held: { households: 0, contacts: 0 },
    });
    expect(devicesMessages[`device.import.${outcome}`]).toMatch(/\S/);
  });

  it("refuses another perimeter's document re-labelled as this perimeter's", async () => {
    const decrypted = await decryptExport(sample, PASSPHRASE);
    if (!decrypted.ok) throw new Error(decrypted.refusal);
    const relabelled = await encryptExport(
      { ...decrypted.payload, perimeterId: 'other-perimeter-1' },
      PASSPHRASE,
    );
    expect(await importOnFreshDevice(relabelled, PASSPHRASE, 'other-perimeter-1')).toEqual({
      outcome: 'other-perimeter',
      held: { households: 0, contacts: 0 },
    });
  });

  it("keeps only contacts of the perimeter's households", async () => {
    const decrypted = await decryptExport(sample, PASSPHRASE);
    if (!decrypted.ok) throw new Error(decrypted.refusal);
    const withStranger = await encryptExport(
      {
        ...decrypted.payload,
        contacts: [...decrypted.payload.contacts, { householdId: 'stranger', phone: '06 55 55 55 55' }],
      },
      PASSPHRASE,
    );
    expect(await importOnFreshDevice(withStranger)).toEqual({
      outcome: 'imported',
      held: { households: 4, contacts: 1 },
    });
  });

  it('refuses an export of another perimeter', async () => {
    expect(await importOnFreshDevice(sample, PASSPHRASE, 'other-perimeter-1')).toEqual({
      outcome: 'other-perimeter',
      held: { households: 0, contacts: 0 },
    });
  });
});
