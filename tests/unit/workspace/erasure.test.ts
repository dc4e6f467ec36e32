/**
 * A device following an erasure (workspace/erasure.ts) on fake-indexeddb: when the server's
 * erasure reaches the document (an update from elsewhere, as the sync provider applies it), the
 * device drops the household's contact details from its tables and compacts its stored document,
 * so that no raw value of its IndexedDB stores holds the erased name any more; the other
 * household's name and details stay.
 */
import * as Y from 'yjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { erasureWrites } from '../../../src/domain/erasure';
import { perimeterQueries } from '../../../src/storage/queries';
import { forgetPerimeterOnDevice } from '../../../src/workspace/forget-perimeter';
import { docRecordSource, forgetContacts, ownDataOnDevice } from '../../../src/workspace/erasure';
import { sharingKey } from '../../../src/workspace/neighbour-contacts';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { catalogue } from '../../fixtures/memory-perimeter';
import { createdWorkspace } from '../../fixtures/workspace';

beforeEach(() => {
  freshIndexedDb();
});

/** Every string and byte array (decoded as UTF-8) of every store of every database. */
async function storedText(): Promise<string> {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(new TextDecoder().decode(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
      walk(values);
    }
    db.close();
  }
  return parts.join('\n');
}

/** The server's erasure of `householdId`, built as server/erasure.ts does, on a copy of `doc`. */
function serverErasure(doc: Y.Doc, householdId: string): Uint8Array {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(server);
  server.transact(() => {
    for (const write of erasureWrites(docRecordSource(server), [householdId], '2026-11-22T10:00:00.000Z')) {
      if (write.op === 'delete') server.getMap(write.map).delete(write.key);
      else server.getMap(write.map).set(write.key, write.value);
    }
  });
  return Y.encodeStateAsUpdate(server, before);
}

describe('a device follows an erasure', () => {
  it('forgets the household’s details and compacts its stored document', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps } = await createdWorkspace(env);
    const [fatima, jean] = founderIds as [string, string];
    const { device } = deps;
    const perimeterId = workspace.id;
    await workspace.answer(fatima, 'pret-perceuse', 'seek', undefined);
    await workspace.answer(jean, 'pret-perceuse', 'offer', undefined);
    await device.contacts.bulkPut([
      { householdId: fatima, perimeterId, phone: '0600000001', updatedAt: env.now() },
      { householdId: jean, perimeterId, phone: '0600000002', updatedAt: env.now() },
    ]);
    await device.neighbourContacts.bulkPut([
      { perimeterId, householdId: jean, neighbourId: fatima, phone: '0600000001', fetchedAt: env.now() },
      { perimeterId, householdId: fatima, neighbourId: jean, phone: '0600000002', fetchedAt: env.now() },
    ]);
    expect(ownDataOnDevice(workspace.doc.doc, perimeterId, fatima, env.now())).toMatchObject({
      profile: { name: 'Fatima' },
      answers: [{ ideaId: 'pret-perceuse', value: 'seek' }],
    });
    await vi.waitFor(async () => expect(await storedText()).toContain('Fatima'));

    Y.applyUpdate(workspace.doc.doc, serverErasure(workspace.doc.doc, fatima), 'server');

    await vi.waitFor(async () => {
      const text = await storedText();
      expect(text).not.toContain('Fatima');
      expect(text).not.toContain('0600000001');
    });
    const text = await storedText();
    expect(text).toContain('Jean');
    expect(text).toContain('0600000002');
    expect(await device.contacts.get(fatima)).toBeUndefined();
    expect(await device.contacts.get(jean)).toMatchObject({ phone: '0600000002' });
    expect(await device.neighbourContacts.count()).toBe(0);
    expect(workspace.doc.household(fatima)).toMatchObject({
      name: '-',
      erasedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(workspace.doc.answerOf(jean, 'pret-perceuse')).toBe('offer');
    // The screens' list of households leaves the erased one out once the read model follows.
    const queries = perimeterQueries(perimeterId, workspace.readModel.db, device, async () => catalogue);
    await vi.waitFor(async () => {
      const ids = await new Promise<string[]>((resolve) => {
        const subscription = queries.households().subscribe((rows) => {
          resolve(rows.map((row) => row.id));
          queueMicrotask(() => subscription.unsubscribe());
        });
      });
      expect(ids).toEqual([jean]);
    });
    await workspace.close();
  });

  it('forgetContacts leaves another perimeter’s rows alone', async () => {
    const { openDeviceDb } = await import('../../../src/storage/device-db');
    const device = openDeviceDb();
    await device.contacts.put({ householdId: 'anna-001', perimeterId: 'other-01', updatedAt: 'x' });
    await device.neighbourContacts.put({
      perimeterId: 'other-01',
      householdId: 'bruno-02',
      neighbourId: 'anna-001',
      fetchedAt: 'x',
    });
    // Her own sharing as the server last gave it: her phone number, kept for offline use.
    await device.settings.put({ key: sharingKey('other-01', 'anna-001'), value: '{"phone":"0611"}' });
    expect(await forgetContacts(device, 'perim-01', ['anna-001'])).toBe(0);
    expect(await device.contacts.count()).toBe(1);
    expect(await device.neighbourContacts.count()).toBe(1);
    expect(await forgetContacts(device, 'other-01', ['anna-001'])).toBe(3);
    expect(await device.settings.get(sharingKey('other-01', 'anna-001'))).toBeUndefined();
    device.close();
  });

  it('the erased household’s own phone forgets the perimeter: its databases and rows go, another’s stay', async () => {
    const env = testEnv();
    const { workspace, founderIds, deps } = await createdWorkspace(env);
    const { device } = deps;
    const perimeterId = workspace.id;
    await device.access.put({
      perimeterId,
      token: 'tok',
      kind: 'household',
      householdId: founderIds[0]!,
    } as never);
    await device.contacts.bulkPut([
      { householdId: founderIds[0]!, perimeterId, phone: '0600000001', updatedAt: env.now() },
      { householdId: 'anna-001', perimeterId: 'other-01', phone: '0600000009', updatedAt: env.now() },
    ]);
    await device.settings.put({ key: `neighboursSeen/${perimeterId}/${founderIds[0]!}`, value: env.now() });
    await workspace.close();
    await forgetPerimeterOnDevice(device, perimeterId);
    const names = (await indexedDB.databases()).map(({ name }) => name);
    expect(names.filter((name) => name?.includes(perimeterId))).toEqual([]);
    expect(await device.perimeters.get(perimeterId)).toBeUndefined();
    expect(await device.access.get(perimeterId)).toBeUndefined();
    expect(await device.settings.toArray()).toEqual([]);
    expect((await device.contacts.toArray()).map((row) => row.perimeterId)).toEqual(['other-01']);
    expect(await storedText()).not.toContain('Fatima');
  });
});
