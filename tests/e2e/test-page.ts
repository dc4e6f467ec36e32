/**
 * A test-only page (tests/pages/<name>) built as the app is built and served by Vite's preview
 * server on a free port: components the app hosts on screens with more around them, driven alone.
 * Never shipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { build, preview } from 'vite';

export interface TestPage {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** The built files (`assets/` inside). */
  outDir: string;
  /** A scratch directory for the test's own files (videos), removed by `close`. */
  work: string;
  close(): Promise<void>;
}

/** Builds `tests/pages/<name>` into a scratch directory and serves it. */
export async function serveTestPage(name: string): Promise<TestPage> {
  const root = resolve('tests/pages', name);
  const work = mkdtempSync(join(tmpdir(), `tissage-${name}-`));
  const outDir = join(work, 'dist');
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [preact()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const server = await preview({
    configFile: false,
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const address = server.httpServer.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    outDir,
    work,
    close: async () => {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
