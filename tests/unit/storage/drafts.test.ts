import { beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/storage/device-db';
import { type DraftEntry, draftStore } from '../../../src/storage/drafts';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';

beforeEach(() => {
  freshIndexedDb();
});

const fields = (name: string) => ({
  name,
  place: 'Bâtiment A',
  languages: ['fr' as const],
  witnesses: ['hh01'],
  contact: { phone: '0612345678', email: '', flat: '' },
});

/** The first value of a live query. */
function first<T>(live: { subscribe(next: (value: T) => void): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve) => {
    const subscription = live.subscribe((value) => {
      resolve(value);
      queueMicrotask(() => subscription.unsubscribe());
    });
  });
}

describe('sign-up drafts on a shared tablet', () => {
  it('lists a session’s drafts by name only, and gives the fields to the one resumed', async () => {
    const device = openDeviceDb();
    let clock = 0;
    const drafts = draftStore(device, 'p001', () => `2026-11-30T10:0${clock++}:00.000Z`);
    await drafts.save('d001', 's001', fields('Famille Diallo'));
    await drafts.save('d002', 's001', fields('عائلة أحمد'));
    await drafts.save('d003', 's002', fields('Autre séance'));
    await drafts.save('d001', 's001', { ...fields('Famille Diallo'), place: 'Bâtiment B' });

    const listed: DraftEntry[] = await first(drafts.list('s001'));
    // Oldest first, and nothing but the name and when it started: no place, no phone.
    expect(listed).toEqual([
      { id: 'd001', name: 'Famille Diallo', startedAt: '2026-11-30T10:00:00.000Z' },
      { id: 'd002', name: 'عائلة أحمد', startedAt: '2026-11-30T10:01:00.000Z' },
    ]);
    expect(await drafts.get('d001')).toMatchObject({ place: 'Bâtiment B', contact: { phone: '0612345678' } });
    // No consent is ever kept.
    expect(Object.keys((await drafts.get('d001'))!)).not.toContain('dataUse');

    await drafts.discard('d001');
    expect((await first(drafts.list('s001'))).map((d) => d.id)).toEqual(['d002']);
    device.close();
  });

  it('never gives another perimeter’s draft', async () => {
    const device = openDeviceDb();
    await draftStore(device, 'p001', () => 'x').save('d001', 's001', fields('A'));
    const other = draftStore(device, 'p002', () => 'x');
    expect(await other.get('d001')).toBeUndefined();
    expect(await first(other.list('s001'))).toEqual([]);
    device.close();
  });

  it('survives the database being closed and opened again', async () => {
    const device = openDeviceDb();
    await draftStore(device, 'p001', () => 'x').save('d001', 's001', fields('Famille Diallo'));
    device.close();
    const reopened = openDeviceDb();
    expect(await draftStore(reopened, 'p001', () => 'x').get('d001')).toMatchObject({
      name: 'Famille Diallo',
    });
    reopened.close();
  });
});
