/**
 * The server's log: one JSON line per event on standard output (pino), at the level set by
 * `TISSAGE_LOG_LEVEL` (config.ts). A refused or garbage message is one line with its reason and
 * no stack trace; a stack is logged only for what no input should cause (a bug).
 *
 * What a line may carry is typed (`RefusalFields`): perimeter, credential and socket ids, an
 * address, a size. Never a token, a secret, a passphrase or a contact detail (GDPR art. 5(1)(c),
 * data minimisation). pino's `redact` is the second line of defence, for fields so named that
 * reach a log anyway (an error object, a library's arguments).
 */
import { format } from 'node:util';
import { type DestinationStream, type Logger, pino } from 'pino';
import { type LogLevel, logLevelFromEnv } from './config';

/** Field names whose values never reach the log, at the top of a line or one object down. */
const SECRET_FIELDS = ['token', 'secret', 'passphrase', 'phone', 'email', 'authorization'];

/**
 * A logger with the server's settings, writing to `destination` (standard output when omitted).
 * The server has one (`log`); tests make their own to read what it writes.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.headers.${field}`]),
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** The server's log, at `TISSAGE_LOG_LEVEL`. */
export const log = createLogger(logLevelFromEnv());

/** What was refused: a whole HTTP request, an upgrade, a WebSocket frame, an authentication, an update. */
export type Refused = 'request' | 'upgrade' | 'frame' | 'authentication' | 'update';

/** What a refusal line may say besides its reason. */
export interface RefusalFields {
  perimeterId?: string;
  /** The credential's id (public: it names the credential, it does not open anything). */
  credentialId?: string;
  /** crossws's peer id or Hocuspocus's socket id. */
  socketId?: string;
  /** The remote address, for a refusal before any credential is known. */
  address?: string;
  bytes?: number;
}

/**
 * Logs one line for a refusal the server expects (garbage, a forbidden write, a revoked
 * credential): level `warn`, fields `refused` and `reason`, no stack.
 */
export function logRefusal(refused: Refused, reason: string, fields: RefusalFields = {}): void {
  log.warn({ refused, reason, ...fields }, `${refused} refused: ${reason}`);
}

/**
 * Logs a failure that no input should cause, with its stack: level `error`, pino's `err` field.
 * `what` says where it happened ("upgrade listener", "WebSocket message").
 */
export function logBug(what: string, error: unknown, fields: RefusalFields = {}): void {
  log.error({ err: error, ...fields }, `unexpected failure in ${what}`);
}

/**
 * A refusal thrown from a Hocuspocus hook, already logged by whoever throws it. Hocuspocus reads
 * `reason` (the close or permission-denied reason sent to the client) and `code` (the close code)
 * from what a hook throws. The message is empty on purpose: Hocuspocus's hook runner prints
 * `[hook] message` to the console for every error that has one, which would be a second line per
 * refusal.
 */
export class ExpectedRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly code = 4403,
  ) {
    super('');
    this.name = 'ExpectedRefusal';
  }
}

type ConsoleMethod = 'error' | 'warn' | 'info' | 'log' | 'debug';

const CONSOLE_LEVELS: Record<ConsoleMethod, 'error' | 'warn' | 'info' | 'debug'> = {
  error: 'error',
  warn: 'warn',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

/**
 * Sends what libraries print with `console.*` (Hocuspocus has no logger option and prints each
 * exception of a message loop with its stack) through the log instead: one line each, marked
 * `source: 'console'`, at the console method's level. A line about an `ExpectedRefusal` is only
 * `debug`: the refusal has its own line. For the server process only (start.ts); tests that run
 * the server in their own process keep their console.
 */
export function routeConsoleToLog(): void {
  const library = log.child({ source: 'console' });
  for (const method of Object.keys(CONSOLE_LEVELS) as ConsoleMethod[]) {
    console[method] = (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error);
      const text = format(...args.filter((arg) => arg !== error));
      if (error instanceof ExpectedRefusal) library.debug({ reason: error.reason }, text);
      else library[CONSOLE_LEVELS[method]](error === undefined ? {} : { err: error }, text);
    };
  }
}
