/**
 * The server's settings, read from the environment once at start. Everything has a default so
 * `npm start` works on a laptop with no configuration.
 */
import path from 'node:path';

export interface ServerConfig {
  port: number;
  host: string;
  /** Holds documents.sqlite (the perimeters' shared documents) and tissage.sqlite (everything else). */
  dataDir: string;
  /** The address printed in invitation links; when unset, the local address the server listens on. */
  publicUrl: string | undefined;
  /** The built PWA (`npm run build`). */
  distDir: string;
  /**
   * A changed document is stored whole (its update log compacted) after this many quiet
   * milliseconds, and at the latest this long after its first unstored change. Not what "saved"
   * waits for: a change is durable, and acknowledged, once it is in the update log. Longer means
   * less work per change, and a longer log to replay after a crash.
   */
  debounce: number;
  maxDebounce: number;
  /** How much the server logs (logger.ts); `silent` for tests that read no log. */
  logLevel: LogLevel;
}

/** pino's levels, from the most verbose to none at all. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** One of LOG_LEVELS: pino logs what is at this level or above, nothing for `silent`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 8787;
/** Hocuspocus's own defaults: compaction only, so no reason to store sooner. */
export const DEFAULT_STORE_DEBOUNCE_MS = 2000;
export const DEFAULT_STORE_MAX_DEBOUNCE_MS = 10_000;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: parseInteger('TISSAGE_PORT', env.TISSAGE_PORT, DEFAULT_PORT, 65535),
    host: env.TISSAGE_HOST || '127.0.0.1',
    dataDir: path.resolve(env.TISSAGE_DATA_DIR || './data'),
    publicUrl: env.TISSAGE_PUBLIC_URL ? withoutTrailingSlash(env.TISSAGE_PUBLIC_URL) : undefined,
    distDir: path.resolve(env.TISSAGE_DIST_DIR || './dist'),
    debounce: parseInteger(
      'TISSAGE_STORE_DEBOUNCE_MS',
      env.TISSAGE_STORE_DEBOUNCE_MS,
      DEFAULT_STORE_DEBOUNCE_MS,
      60_000,
    ),
    maxDebounce: parseInteger(
      'TISSAGE_STORE_MAX_DEBOUNCE_MS',
      env.TISSAGE_STORE_MAX_DEBOUNCE_MS,
      DEFAULT_STORE_MAX_DEBOUNCE_MS,
      600_000,
    ),
    logLevel: logLevelFromEnv(env),
  };
}

/**
 * `TISSAGE_LOG_LEVEL`, `info` when unset.
 * @throws Error naming the variable when it is not one of pino's levels.
 */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const text = env.TISSAGE_LOG_LEVEL;
  if (text === undefined || text === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === text);
  if (level === undefined) {
    throw new Error(`TISSAGE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${text}"`);
  }
  return level;
}

/** The public address, or `http://localhost:<port>` when none is configured. */
export function publicUrlOf(config: { publicUrl?: string | undefined }, port: number): string {
  return config.publicUrl ?? `http://localhost:${port}`;
}

function parseInteger(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be a whole number from 0 to ${max}, got "${text}"`);
  }
  return value;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
