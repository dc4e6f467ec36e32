/**
 * What the browser benches share: a headless Chromium on a fresh persistent profile (the harness's
 * `launch()`), the forced-GC heap reading, and the page's performance marks.
 */
import type { BrowserContext, Page } from 'playwright';
import { launch, newProfileDir, waitForServiceWorker } from '../tests/e2e/harness';

/**
 * Runs in every document before its own scripts.
 * - `__name`: tsx compiles bench/ with esbuild's keepNames, which wraps named inner functions in
 *   `__name(...)` calls; the functions we hand to `page.evaluate` carry them into the page.
 * - `bench:after-paint`: the app marks `tissage:idea-painted` from a requestAnimationFrame callback,
 *   that is just before the frame paints; a task queued from that callback runs once it has painted.
 */
const INIT_SCRIPT = `
globalThis.__name = (fn) => fn;
const benchMark = performance.mark.bind(performance);
performance.mark = (name, options) => {
  const entry = benchMark(name, options);
  if (name === 'tissage:idea-painted') setTimeout(() => benchMark('bench:after-paint'));
  return entry;
};
`;

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BenchBrowser> {
  const profile = newProfileDir();
  const context = await launch(profile.dir);
  await context.addInitScript(INIT_SCRIPT);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      profile.remove();
    },
  };
}

/** Loads the app once online, waits for the service worker to control it, then cuts the network. */
export async function goOfflineAfterFirstLoad(browser: BenchBrowser, url: string): Promise<void> {
  const { context, page } = browser;
  await page.goto(url);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  const reloaded = await page.reload();
  if (!reloaded?.fromServiceWorker()) throw new Error('offline reload was not served by the service worker');
}

/** JS heap of the page's renderer (its whole V8 isolate) after a forced full collection. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Start times (ms since navigation start) of the marks with this name, in order. */
export function markTimes(page: Page, name: string): Promise<number[]> {
  return page.evaluate(
    (wanted) =>
      performance
        .getEntriesByType('mark')
        .filter((entry) => entry.name === wanted)
        .map((entry) => entry.startTime),
    name,
  );
}
