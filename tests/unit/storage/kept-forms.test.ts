import { beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/storage/device-db';
import { keptFormKey, keptFormStore } from '../../../src/storage/kept-forms';
import { forgetPerimeterOnDevice } from '../../../src/workspace/forget-perimeter';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';

beforeEach(() => {
  freshIndexedDb();
});

const plan = { date: '2026-12-12', welcome: 'Venez nombreux', ideaIds: ['loc-1', 'loc-2'] };

describe('forms kept on the device while they are typed', () => {
  it('gives back what was kept, after the database is closed and opened again', async () => {
    const device = openDeviceDb();
    await keptFormStore(device, 'p001')('cafe-plan').keep(plan);
    device.close();

    const reopened = openDeviceDb();
    expect(await keptFormStore(reopened, 'p001')('cafe-plan').read()).toEqual(plan);
  });

  it('keeps each form of each perimeter apart, and one household’s words from another’s', async () => {
    const device = openDeviceDb();
    const p1 = keptFormStore(device, 'p001');
    await p1('proposal/hh01').keep({ title: 'Un potager' });
    await p1('cafe-plan').keep(plan);

    expect(await p1('proposal/hh02').read()).toBeUndefined();
    expect(await keptFormStore(device, 'p002')('cafe-plan').read()).toBeUndefined();
    expect(await keptFormStore(device, 'device')('cafe-plan').read()).toBeUndefined();
    expect(await p1('proposal/hh01').read()).toEqual({ title: 'Un potager' });
  });

  it('forgets a form once discarded, and leaves the others', async () => {
    const device = openDeviceDb();
    const forms = keptFormStore(device, 'p001');
    await forms('cafe-plan').keep(plan);
    await forms('local-idea').keep({ title: 'Troc de graines' });
    await forms('cafe-plan').discard();

    expect(await forms('cafe-plan').read()).toBeUndefined();
    expect(await forms('local-idea').read()).toEqual({ title: 'Troc de graines' });
  });

  it('reads what it cannot understand as nothing kept, rather than failing the form', async () => {
    const device = openDeviceDb();
    await device.settings.put({ key: keptFormKey('p001', 'a'), value: '{not json' });
    await device.settings.put({ key: keptFormKey('p001', 'b'), value: JSON.stringify({ n: 3 }) });
    const forms = keptFormStore(device, 'p001');

    expect(await forms('a').read()).toBeUndefined();
    expect(await forms('b').read()).toBeUndefined();
  });

  it('goes with the perimeter when the device forgets it', async () => {
    const device = openDeviceDb();
    await keptFormStore(device, 'p001')('proposal/hh01').keep({ title: 'Un potager' });
    await keptFormStore(device, 'p002')('cafe-plan').keep(plan);
    await forgetPerimeterOnDevice(device, 'p001', 'kept-forms-test');

    expect(await keptFormStore(device, 'p001')('proposal/hh01').read()).toBeUndefined();
    expect(await keptFormStore(device, 'p002')('cafe-plan').read()).toEqual(plan);
  });
});
