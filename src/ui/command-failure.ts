/**
 * What a screen does when a command or query rejects instead of answering with a refusal: it shows
 * the plain "could not save" message, and the error itself goes to this device's error log (shown
 * on the "Cet appareil" panel), so that it is never swallowed.
 *
 * The log is plugged in once by the composition root (main.tsx); until then, errors go to the
 * console.
 */
import type { ReportError } from '../domain/device-errors';
import type { ErrorCode, Result } from '../domain/errors';

let report: ReportError = (task, error) => console.error(`Tissage: ${task} failed`, error);

/** Sends the screens' errors to `sink` from now on (main.tsx passes the device's error log). */
export function reportScreenErrorsTo(sink: ReportError): void {
  report = sink;
}

/** Records `error` and gives the refusal a screen shows for it: 'storage-failed' on the whole form. */
export function commandFailed<T>(error: unknown): Result<T> {
  return { ok: false, errors: [{ field: '', code: queryFailed(error) }] };
}

/** Records `error` and gives the code a screen shows when a read fails. */
export function queryFailed(error: unknown): ErrorCode {
  recordScreenError(error);
  return 'storage-failed';
}

/** Records `error`, for screens that show their own outcome (an export, an import, a join). */
export function recordScreenError(error: unknown): void {
  report('screen-command', error);
}
