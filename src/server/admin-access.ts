/**
 * How `npm run admin` reaches the server running on the same data directory: the server writes
 * `server.json` there (its pid, a local address, and a random admin key, readable by the owner
 * only) while it runs. The admin endpoints answer only requests from this machine that carry the
 * key and no proxy header.
 *
 * The key is what really protects them: a reverse proxy on the same machine makes every public
 * request come from a loopback address, and not every proxy says so in a header. Whoever can read
 * the data directory can already change every database in it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { sameHash, sha256hex } from './tokens';

export interface AdminAccess {
  pid: number;
  /** Where the server answers on this machine. */
  url: string;
  key: string;
}

const FILE = 'server.json';

/** A new key for each server process: 256 bits, as 64 hex characters. */
export function newAdminKey(): string {
  return randomBytes(32).toString('hex');
}

/** Publishes this process's access; the returned function withdraws it, unless another server took over. */
export function publishAdminAccess(dataDir: string, url: string, key: string): () => void {
  const file = path.join(dataDir, FILE);
  // Removed first: `wx` then creates the file with the owner-only mode, which an existing file would keep.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, url, key } satisfies AdminAccess), {
    mode: 0o600,
    flag: 'wx',
  });
  return () => {
    if (readAdminAccess(dataDir)?.key === key) fs.rmSync(file, { force: true });
  };
}

export function readAdminAccess(dataDir: string): AdminAccess | undefined {
  try {
    const access = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as Partial<AdminAccess>;
    const { pid, url, key } = access;
    return typeof pid === 'number' && typeof url === 'string' && typeof key === 'string'
      ? { pid, url, key }
      : undefined;
  } catch {
    return undefined;
  }
}

export function isAdminRequest(request: IncomingMessage, key: string): boolean {
  const { remoteAddress, localAddress } = request.socket;
  const local = remoteAddress !== undefined && (isLoopback(remoteAddress) || remoteAddress === localAddress);
  const proxied = ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => name in request.headers);
  const bearer = /^Bearer ([0-9a-f]{64})$/.exec(request.headers.authorization ?? '')?.[1];
  return local && !proxied && bearer !== undefined && sameHash(sha256hex(bearer), sha256hex(key));
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
