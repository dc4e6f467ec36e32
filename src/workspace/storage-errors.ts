import { type Result, fail } from '../domain/errors';

/** Turns a failed write into a refusal the UI can explain: a full disk, or any other failure. */
export function storageFailure<T>(error: unknown): Result<T> {
  return fail('', isQuotaError(error) ? 'storage-full' : 'storage-failed');
}

function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Object; e = (e as { inner?: unknown }).inner) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}
