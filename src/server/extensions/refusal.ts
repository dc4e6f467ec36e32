/**
 * How an extension refuses: by throwing. Hocuspocus closes the document connection with the
 * error's `code` and `reason` when a message hook throws, and answers an authentication with
 * "permission denied" and the `reason` when `onAuthenticate` throws. `refused()` logs the one
 * line a refusal gets (logger.ts) and returns what to throw.
 */
import { ExpectedRefusal, type Refused as What, type RefusalFields, logRefusal } from '../logger';

/** Close code for a connection whose update or credential was refused (as Hocuspocus's Forbidden). */
export const REFUSED = 4403;

/** An expected refusal: no stack in the log, and Hocuspocus prints nothing of its own for it. */
export class Refused extends ExpectedRefusal {}

/**
 * Logs one line for the refusal (reason, and the perimeter, credential and socket ids it knows;
 * never the token) and returns the error to throw.
 */
export function refused(what: What, reason: string, fields: RefusalFields = {}, code = REFUSED): Refused {
  logRefusal(what, reason, fields);
  return new Refused(reason, code);
}
