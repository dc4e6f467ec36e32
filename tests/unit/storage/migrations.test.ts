import { beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/storage/device-db';
import { openReadModelDb } from '../../../src/storage/read-model';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';
import { releasedDeviceDb, releasedReadModelDb } from './released-schemas';

beforeEach(() => {
  freshIndexedDb();
});

const answer = {
  householdId: 'hh01',
  ideaId: 'pret-perceuse',
  theme: 'pret',
  value: 'offer',
  at: '2026-11-21T14:00:00.000Z',
};

describe('Dexie schema steps, each opened over the previous version’s data', () => {
  it('read model v1 → v2 drops the unused index and keeps every answer', async () => {
    const v1 = releasedReadModelDb('p001', 1);
    await v1.table('answers').put(answer);
    v1.close();

    const v2 = releasedReadModelDb('p001', 2);
    expect(await v2.table('answers').where('theme').equals('pret').toArray()).toEqual([answer]);
    expect(
      v2
        .table('answers')
        .schema.indexes.map((index) => index.name)
        .sort(),
    ).toEqual(['householdId', 'ideaId', 'theme']);
    v2.close();
  });

  it('read model v2 → v3 drops the answer rows and the state vector, so the next start rebuilds', async () => {
    const v2 = releasedReadModelDb('p001', 2);
    const household = { id: 'hh01', sessionId: 's01', place: 'Café du coin' };
    await v2.table('answers').put(answer);
    await v2.table('households').put(household);
    await v2.table('meta').bulkPut([
      { key: 'stateVector', value: new Uint8Array([1, 2, 3]) },
      { key: 'perimeter', value: { id: 'p001' } },
    ]);
    v2.close();

    const v3 = openReadModelDb('p001');
    expect(v3.tables.map((table) => table.name)).not.toContain('answers');
    expect(await v3.householdAnswers.count()).toBe(0);
    expect(await v3.meta.get('stateVector')).toBeUndefined();
    expect(await v3.households.toArray()).toEqual([household]);
    v3.close();
  });

  it('read model v3 → v4 adds the packed answers and forgets the state vector, so the next start fills them', async () => {
    const v3 = releasedReadModelDb('p001', 3);
    const row = { householdId: 'hh01', answers: { 'pret-perceuse': 'offer' } };
    await v3.table('householdAnswers').put(row);
    await v3.table('meta').put({ key: 'stateVector', value: new Uint8Array([1, 2, 3]) });
    v3.close();

    const v4 = openReadModelDb('p001');
    expect(await v4.packedAnswers.count()).toBe(0);
    expect(await v4.meta.get('stateVector')).toBeUndefined();
    expect(await v4.householdAnswers.toArray()).toEqual([row]);
    v4.close();
  });

  it('device v1 → v2 keeps contacts and scans and adds access and sync state', async () => {
    const v1 = releasedDeviceDb(1);
    await v1
      .table('contacts')
      .put({ householdId: 'hh01', perimeterId: 'p001', phone: '0612345678', updatedAt: 'x' });
    v1.close();

    const v2 = openDeviceDb();
    expect(await v2.contacts.get('hh01')).toMatchObject({ phone: '0612345678' });
    await v2.access.put({
      perimeterId: 'p001',
      role: 'facilitator',
      token: 't',
      householdId: null,
      joinedAt: 'x',
    });
    expect(await v2.access.count()).toBe(1);
    v2.close();
  });

  it('device v2 → v3 keeps access and sync state and adds an empty error log', async () => {
    const v2 = releasedDeviceDb(2);
    const access = { perimeterId: 'p001', role: 'facilitator', token: 't', householdId: null, joinedAt: 'x' };
    await v2.table('access').put(access);
    await v2.table('scans').put({ householdId: 'hh01', perimeterId: 'p001', ideaId: 'pret-perceuse' });
    v2.close();

    const v3 = openDeviceDb();
    expect(await v3.access.get('p001')).toEqual(access);
    expect(await v3.scans.get('hh01')).toMatchObject({ ideaId: 'pret-perceuse' });
    expect(await v3.errors.count()).toBe(0);
    await v3.errors.add({ at: 'x', task: 'reconnect', kind: 'TypeError' });
    expect(await v3.errors.toArray()).toEqual([{ id: 1, at: 'x', task: 'reconnect', kind: 'TypeError' }]);
    v3.close();
  });

  it('device v3 → v4 keeps scans (and the ideas they saw) and errors, and adds empty sign-up drafts', async () => {
    const v3 = releasedDeviceDb(3);
    const scan = { householdId: 'hh01', perimeterId: 'p001', ideaId: 'pret-perceuse', seen: ['pret-livres'] };
    await v3.table('scans').put(scan);
    await v3.table('errors').add({ at: 'x', task: 'reconnect', kind: 'TypeError' });
    v3.close();

    const v4 = openDeviceDb();
    expect(await v4.scans.get('hh01')).toEqual(scan);
    expect(await v4.errors.count()).toBe(1);
    expect(await v4.drafts.count()).toBe(0);
    const draft = {
      id: 'd001',
      perimeterId: 'p001',
      sessionId: 's001',
      name: 'Famille Diallo',
      place: 'Bâtiment A',
      languages: ['fr' as const],
      witnesses: [],
      contact: { phone: '', email: '', flat: '' },
      startedAt: 'x',
      updatedAt: 'x',
    };
    await v4.drafts.put(draft);
    expect(await v4.drafts.where('[perimeterId+sessionId]').equals(['p001', 's001']).toArray()).toEqual([
      draft,
    ]);
    v4.close();
  });

  it('device v4 → v5 keeps drafts and contacts and adds empty neighbour contacts', async () => {
    const v4 = releasedDeviceDb(4);
    const contact = { householdId: 'hh01', perimeterId: 'p001', phone: '0612345678', updatedAt: 'x' };
    const draft = { id: 'd001', perimeterId: 'p001', sessionId: 's001', name: 'Famille Diallo' };
    await v4.table('contacts').put(contact);
    await v4.table('drafts').put(draft);
    v4.close();

    const v5 = openDeviceDb();
    expect(await v5.contacts.get('hh01')).toEqual(contact);
    expect(await v5.drafts.get('d001')).toEqual(draft);
    expect(await v5.neighbourContacts.count()).toBe(0);
    const row = {
      perimeterId: 'p001',
      householdId: 'hh01',
      neighbourId: 'hh02',
      phone: '0700000000',
      fetchedAt: 'x',
    };
    await v5.neighbourContacts.put(row);
    await v5.neighbourContacts.put({ ...row, neighbourId: 'hh03', email: 'b@example.org' });
    expect(await v5.neighbourContacts.get(['p001', 'hh01', 'hh02'])).toEqual(row);
    expect(
      await v5.neighbourContacts.where('[perimeterId+householdId]').equals(['p001', 'hh01']).count(),
    ).toBe(2);
    v5.close();
  });
});
