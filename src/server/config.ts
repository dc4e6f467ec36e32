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
   * A changed document is stored after this many quiet milliseconds, and at the latest this long
   * after its first unstored change. Short, because devices only count a change as saved once the
   * server says it is stored.
   */
  debounce: number;
  maxDebounce: number;
}

export const DEFAULT_PORT = 8787;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: parseInteger('TISSAGE_PORT', env.TISSAGE_PORT, DEFAULT_PORT, 65535),
    host: env.TISSAGE_HOST || '127.0.0.1',
    dataDir: path.resolve(env.TISSAGE_DATA_DIR || './data'),
    publicUrl: env.TISSAGE_PUBLIC_URL ? withoutTrailingSlash(env.TISSAGE_PUBLIC_URL) : undefined,
    distDir: path.resolve(env.TISSAGE_DIST_DIR || './dist'),
    debounce: parseInteger('TISSAGE_STORE_DEBOUNCE_MS', env.TISSAGE_STORE_DEBOUNCE_MS, 300, 60_000),
    maxDebounce: parseInteger(
      'TISSAGE_STORE_MAX_DEBOUNCE_MS',
      env.TISSAGE_STORE_MAX_DEBOUNCE_MS,
      2000,
      600_000,
    ),
  };
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
