/**
 * The real sync server for end-to-end tests: it serves a private copy of the built app (so a test
 * can ship a "new version" by changing it) on a free port, with a fresh data directory.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import * as Y from 'yjs';
import { type RunningServer, start } from '../../src/server/server';
import { ServerStore } from '../../src/server/store';
import { connect, postJson, synced } from '../server/helpers';
import { type Viewport, launch, newProfileDir, setDefaultFont } from './harness';

export interface SyncServer {
  url: string;
  port: number;
  distDir: string;
  dataDir: string;
  /** What `npm run admin -- create-perimeter` does: a perimeter and a facilitator invitation code. */
  invite(name: string): { perimeterId: string; code: string };
  /** What `npm run admin -- invite --perimeter <id>` does: another tablet's invitation code. */
  inviteTo(perimeterId: string): string;
  /**
   * The perimeter's document as the server holds it, read the way a second tablet would: a fresh
   * facilitator credential, a direct link (no proxy in between), one full sync.
   */
  serverDocument(perimeterId: string): Promise<Y.Doc>;
  stop(): Promise<void>;
}

export async function startSyncServer(): Promise<SyncServer> {
  const root = mkdtempSync(join(tmpdir(), 'tissage-e2e-'));
  const distDir = join(root, 'dist');
  const dataDir = join(root, 'data');
  cpSync('dist', distDir, { recursive: true });
  const server: RunningServer = await start({ dataDir, distDir, port: 0, debounce: 50, maxDebounce: 500 });
  const createInvitation = (perimeterId: string) => {
    const store = ServerStore.open(dataDir);
    try {
      return store.createInvitation(perimeterId).code;
    } finally {
      store.close();
    }
  };
  return {
    url: `${server.url}/`,
    port: Number(new URL(server.url).port),
    distDir,
    dataDir,
    invite(name) {
      const store = ServerStore.open(dataDir);
      try {
        const perimeter = store.createPerimeter(name);
        return { perimeterId: perimeter.id, code: store.createInvitation(perimeter.id).code };
      } finally {
        store.close();
      }
    },
    inviteTo: createInvitation,
    async serverDocument(perimeterId) {
      const response = await postJson(`${server.url}/api/invitations/redeem`, {
        code: createInvitation(perimeterId),
      });
      const { token } = (await response.json()) as { token: string };
      const reader = connect(`${server.url.replace(/^http/, 'ws')}/sync`, perimeterId, token);
      try {
        await synced(reader);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
        return copy;
      } finally {
        reader.destroy();
      }
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The real sync server and the devices of one test file: see `syncServerAndDevices`. */
export interface ServerAndDevices {
  /** The running server; set once the file's `beforeAll` has started it. */
  readonly server: SyncServer;
  /**
   * A browser on a fresh profile of its own (see `launch`), closed after the file's tests; with
   * `textPx`, its default text size is set in the profile first, as a person sets it (see
   * `setDefaultFont`; 32 px is 200 %).
   */
  newDevice(viewport: Viewport, options?: { textPx?: number }): Promise<BrowserContext>;
  /** The profile directory of a browser `newDevice` opened (where its IndexedDB files are). */
  profileDir(device: BrowserContext): string;
}

/**
 * For a test file whose devices sync with the real server: registers the file's `beforeAll`, which
 * starts the server (see `startSyncServer`) and then runs `started`, and its `afterAll`, which
 * closes every browser opened through `newDevice`, runs `stopping`, stops the server (a test may
 * have stopped it already) and removes the profiles.
 */
export function syncServerAndDevices(
  hooks: { started?(server: SyncServer): Promise<void>; stopping?(): Promise<void> } = {},
): ServerAndDevices {
  let server: SyncServer | undefined;
  const profiles: { remove(): void }[] = [];
  const contexts: BrowserContext[] = [];
  const profileDirs = new Map<BrowserContext, string>();
  beforeAll(async () => {
    server = await startSyncServer();
    await hooks.started?.(server);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await hooks.stopping?.();
    await server?.stop();
    for (const profile of profiles) profile.remove();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts only once beforeAll has run');
      return server;
    },
    async newDevice(viewport, options = {}) {
      const profile = newProfileDir();
      profiles.push(profile);
      if (options.textPx) setDefaultFont(profile.dir, options.textPx);
      const context = await launch(profile.dir, viewport);
      contexts.push(context);
      profileDirs.set(context, profile.dir);
      return context;
    },
    profileDir(device) {
      const dir = profileDirs.get(device);
      if (!dir) throw new Error('not a browser opened by newDevice');
      return dir;
    },
  };
}
