/**
 * The harness of the benches that time a read in the page (bench/cafe-open.ts, bench/matching.ts,
 * bench/dashboard.ts): a page script (bench/*-page.ts) bundled by Vite as one classic script, run
 * on a blank page of headless Chromium, fed a perimeter's document, then timed with the CPU
 * throttled through DevTools `Emulation.setCPUThrottlingRate` (4× stands for a modest phone or
 * tablet). The page script does the timing itself (`performance.now()` around the read), so the
 * round trip between Node and the page is never counted.
 */
import type { Page } from 'playwright';
import { build } from 'vite';
import type { Catalogue } from '../src/domain';
import { openBrowser } from './browser';

/** What every page script offers: `load` takes a whole Yjs update (base64) and the catalogue. */
export interface BenchPage {
  load(update: string, catalogue: Catalogue): unknown;
}

/** Calls a method of the page script in the page; arguments and result cross as JSON-like values. */
export type PageCall<P> = <K extends keyof P & string>(
  method: K,
  ...args: P[K] extends (...args: infer A) => unknown ? A : never
) => Promise<P[K] extends (...args: never[]) => infer R ? R : never>;

export interface ThrottledPageOptions {
  /** The page script's module, e.g. `new URL('./matching-page.ts', import.meta.url)`. */
  entry: URL;
  /** The global the page script sets to its page object, e.g. `benchMatching`. */
  global: string;
  /** The page's title (it only names the page in DevTools). */
  title: string;
  /** The whole Yjs update of the document the page loads, untimed and unthrottled. */
  update: Uint8Array;
  catalogue: Catalogue;
  /** CPU slow-down factor while `measure` runs (1 = none). */
  throttle: number;
}

/** The page script bundled as one classic (IIFE) script that sets its global when it runs. */
async function bundle(entry: URL, global: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: entry.pathname, formats: ['iife'], name: `${global}Bundle` },
    },
  });
  for (const result of Array.isArray(output) ? output : [output]) {
    if (!('output' in result)) continue;
    const chunk = result.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error(`no bundle for ${entry.pathname}`);
}

/** Runs `globalThis[global][method](...args)` in the page and resolves to its result. */
function callIn(page: Page, global: string, method: string, args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, key, values]) => {
      const pages = globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
      return pages[name]![key]!(...values);
    },
    [global, method, args] as [string, string, unknown[]],
  );
}

/**
 * Bundles the page script, opens a fresh headless Chromium, loads `update` into the page at full
 * speed, then runs `measure` with the CPU throttled `throttle`×. `measure` gets a caller for the
 * page script's methods and what `load` returned. The throttle is lifted and the browser closed
 * afterwards, whether `measure` succeeds or throws. Rejects when Vite yields no chunk or the page
 * script throws.
 */
export async function onThrottledPage<P extends BenchPage, T>(
  options: ThrottledPageOptions,
  measure: (call: PageCall<P>, loaded: Awaited<ReturnType<P['load']>>) => Promise<T>,
): Promise<T> {
  const script = await bundle(options.entry, options.global);
  const browser = await openBrowser();
  try {
    const { context, page } = browser;
    await page.setContent(`<!doctype html><title>${options.title}</title>`);
    await page.addScriptTag({ content: script });
    const call = ((method: string, ...args: unknown[]) =>
      callIn(page, options.global, method, args)) as PageCall<P>;
    const loaded = (await callIn(page, options.global, 'load', [
      Buffer.from(options.update).toString('base64'),
      options.catalogue,
    ])) as Awaited<ReturnType<P['load']>>;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.throttle });
    try {
      return await measure(call, loaded);
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }
  } finally {
    await browser.close();
  }
}
