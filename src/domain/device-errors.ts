/**
 * The background tasks of a device whose failures nobody waits for: a contact upload, saving the
 * server's acknowledgement, a reconnection… The app carries on after each one, so its failure would
 * otherwise leave no trace; the device records it in a local log (src/storage/error-log.ts) shown
 * on the "Cet appareil" panel, by task and kind of error, never with the error's own text (which
 * may quote stored data).
 */
export const BACKGROUND_TASKS = [
  /** Loading the perimeter's document when a screen opens it. */
  'document-open',
  /** Sending contact details to the server's private store. */
  'contacts-upload',
  /** Keeping the server's "stored" acknowledgement on this device. */
  'stored-ack-save',
  /** Reading a "stored" acknowledgement whose state vector did not decode (it is ignored). */
  'stored-ack-garbled',
  /** Reading that acknowledgement back when sync starts. */
  'stored-ack-restore',
  /** Reconnecting to the server when the browser says the network is back. */
  'reconnect',
  /** Compacting the document's local update log. */
  'document-compaction',
  /** Projecting a change of the shared document into the read model. */
  'read-model',
  /** Starting a signed-up household's scan on this device (it then starts at the first idea). */
  'scan-start',
  /** Moving a household's place in its scan after an answer (it then resumes on that idea). */
  'scan-move',
  /** Removing the contact details of a sign-up that could not be stored. */
  'sign-up-undo',
  /** Asking whether a new version of the app is out, while the browser says it is online. */
  'update-check',
  /** A command of a screen that failed with an error instead of a refusal. */
  'screen-command',
  /** Fetching or dropping linked neighbours' contact details (workspace/neighbour-contacts.ts). */
  'neighbour-contacts',
  /** The erased household's own phone forgetting the perimeter (workspace/forget-perimeter.ts). */
  'perimeter-forget',
] as const;

export type BackgroundTask = (typeof BACKGROUND_TASKS)[number];

/** Records that `task` failed with `error`; never throws, never waits. */
export type ReportError = (task: BackgroundTask, error: unknown) => void;
