import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../../src/storage/device-db';
import { ERROR_LOG_SIZE, errorKind, errorLogger, recentErrors } from '../../../src/storage/error-log';
import { testEnv } from '../../fixtures/env';
import { freshIndexedDb } from '../../fixtures/fresh-indexeddb';

beforeEach(() => {
  freshIndexedDb();
});

describe('the device error log', () => {
  it('keeps the newest entries only, newest first', async () => {
    const device = openDeviceDb();
    const report = errorLogger(device, testEnv().now);
    for (let i = 0; i < ERROR_LOG_SIZE + 30; i++) report('reconnect', new TypeError(`attempt ${i}`));
    await expect.poll(() => device.errors.count()).toBe(ERROR_LOG_SIZE);
    await expect.poll(async () => (await device.errors.orderBy('id').last())?.id).toBe(ERROR_LOG_SIZE + 30);
    const newest = await new Promise<{ id?: number }[]>((resolve) => {
      const subscription = recentErrors(device).subscribe((rows) => {
        subscription.unsubscribe();
        resolve(rows);
      });
    });
    expect(newest[0]?.id).toBe(ERROR_LOG_SIZE + 30);
    expect(newest.at(-1)?.id).toBe(31);
    device.close();
  });

  it('keeps the task, the time and the kind of error, never its message', async () => {
    const device = openDeviceDb();
    const env = testEnv();
    errorLogger(device, env.now)('contacts-upload', new Error('0612345678 lea@example.org refused'));
    await expect.poll(() => device.errors.count()).toBe(1);
    const [row] = await device.errors.toArray();
    expect(row).toMatchObject({ task: 'contacts-upload', kind: 'Error' });
    expect(JSON.stringify(row)).not.toMatch(/0612345678|example/);
    device.close();
  });

  it('names the browser’s error under Dexie’s wrapper, and nothing that is not a plain name', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(errorKind(new Dexie.AbortError('aborted', quota))).toBe('QuotaExceededError');
    expect(errorKind({ name: 'lea@example.org' })).toBe('unknown');
    expect(errorKind('a string')).toBe('unknown');
    expect(errorKind(undefined)).toBe('unknown');
  });
});
