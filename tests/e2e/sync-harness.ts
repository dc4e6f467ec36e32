/**
 * The real sync server for end-to-end tests: it serves a private copy of the built app (so a test
 * can ship a "new version" by changing it) on a free port, with a fresh data directory.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, start } from '../../src/server/server';
import { ServerStore } from '../../src/server/store';

export interface SyncServer {
  url: string;
  distDir: string;
  dataDir: string;
  /** What `npm run admin -- create-perimeter` does: a perimeter and a facilitator invitation code. */
  invite(name: string): { perimeterId: string; code: string };
  stop(): Promise<void>;
}

export async function startSyncServer(): Promise<SyncServer> {
  const root = mkdtempSync(join(tmpdir(), 'tissage-e2e-'));
  const distDir = join(root, 'dist');
  const dataDir = join(root, 'data');
  cpSync('dist', distDir, { recursive: true });
  const server: RunningServer = await start({ dataDir, distDir, port: 0, debounce: 50, maxDebounce: 500 });
  return {
    url: `${server.url}/`,
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
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
