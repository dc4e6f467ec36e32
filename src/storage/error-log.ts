/**
 * This device's log of the errors nobody was waiting for (see domain/device-errors.ts), in the
 * device database's `errors` table, shown on the "Cet appareil" panel.
 *
 * What must stay true: the log is bounded (the newest ERROR_LOG_SIZE entries) and holds no personal
 * data: a row keeps the task, the time and the error's kind (its `name`, such as
 * "QuotaExceededError"), never its message, which may quote a stored value.
 */
import { type Observable, liveQuery } from 'dexie';
import type { BackgroundTask, ReportError } from '../domain/device-errors';
import type { DeviceDb, ErrorRow } from './device-db';

/** How many entries the log keeps; older ones are dropped as new ones come. */
export const ERROR_LOG_SIZE = 200;

/** A name as browsers and Dexie give them ("QuotaExceededError", "AbortError"); anything else is 'unknown'. */
const ERROR_NAME = /^[A-Za-z]{1,60}$/;

/**
 * The error's kind: the innermost `name` that looks like an error name (Dexie wraps the browser's
 * error in `inner`), or 'unknown'.
 */
export function errorKind(error: unknown): string {
  let kind = 'unknown';
  for (let e: unknown = error; e instanceof Object; e = (e as { inner?: unknown }).inner) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && ERROR_NAME.test(name)) kind = name;
  }
  return kind;
}

/**
 * A ReportError that appends to `device`'s log and drops what falls beyond ERROR_LOG_SIZE, in one
 * transaction. `now` gives ISO 8601 times.
 */
export function errorLogger(device: DeviceDb, now: () => string): ReportError {
  return (task: BackgroundTask, error: unknown) => {
    void device
      .transaction('rw', device.errors, async () => {
        await device.errors.add({ at: now(), task, kind: errorKind(error) });
        const excess = (await device.errors.count()) - ERROR_LOG_SIZE;
        if (excess > 0) await device.errors.orderBy('id').limit(excess).delete();
      })
      .catch((failure: unknown) => {
        // The log itself cannot be written (storage broken or full): the console is all that is left.
        console.error('Tissage: could not record an error of', task, failure);
      });
  };
}

/** The logged errors, newest first. */
export function recentErrors(device: DeviceDb): Observable<ErrorRow[]> {
  return liveQuery(() => device.errors.orderBy('id').reverse().toArray());
}
