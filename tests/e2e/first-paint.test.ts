/**
 * The first screen paints without JavaScript (issue 10, must-have 3). index.html carries the new
 * device's welcome, prerendered at build time; the app hydrates it without rebuilding a node or
 * moving anything (CLS under 0.02, read from the browser's own layout-shift entries); a device that
 * has joined a perimeter never shows that welcome while it loads, only the neutral shell and then
 * its home. Screenshots go to test-results/screens/first-paint-*.png.
 */
import type { BrowserContext, Page } from 'playwright';
import { chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../vite.config';
import { foundPerimeter } from './cafe-steps';
import {
  type Served,
  TABLET,
  type Viewport,
  launch,
  newProfileDir,
  serveDist,
  shoot,
  waitForServiceWorker,
} from './harness';

const WELCOME = 'Bienvenue dans Tissage';
/** A small phone, the size issue 10's first-paint goal names. */
const PHONE_360: Viewport = { width: 360, height: 640 };

let served: Served;
const profiles: { remove(): void }[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  served = await serveDist();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await served?.close().catch(() => {});
  for (const profile of profiles) profile.remove();
});

/** A device never seen by the app: a fresh profile. */
async function newDevice(viewport: Viewport, javaScriptEnabled = true): Promise<Page> {
  const profile = newProfileDir();
  profiles.push(profile);
  const context = javaScriptEnabled
    ? await launch(profile.dir, viewport)
    : await chromium.launchPersistentContext(profile.dir, {
        executablePath: '/usr/bin/chromium',
        chromiumSandbox: false,
        headless: true,
        args: chromiumArgs,
        viewport,
        locale: 'fr-FR',
        javaScriptEnabled: false,
      });
  contexts.push(context);
  return context.newPage();
}

/**
 * Before any script of the page runs: keeps the app's nodes as the HTML parser made them. The
 * document turns `interactive` when parsing ends, before module scripts run (HTML, "The end").
 */
function keepParsedNodes(): void {
  const scope = window as unknown as { parsed?: Element[]; startedAs?: string | null };
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    scope.parsed = Array.from(document.querySelectorAll('#app *'));
    scope.startedAs = document.documentElement.getAttribute('data-start');
  });
}

/** Sum of the page's layout shifts not caused by input, from the buffered `layout-shift` entries. */
function layoutShiftTotal(): Promise<number> {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      const shifts = list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[];
      resolve(shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0));
    }).observe({ type: 'layout-shift', buffered: true });
    // No entry at all: the observer is never called. Two frames later, it would have been.
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(0)));
  });
}

/** The services are loaded: the service worker they register controls the page, IndexedDB is open. */
async function appSettled(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name)))
    .toContain('tissage-device');
  await page.evaluate(
    () => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame))),
  );
}

describe('a new device', () => {
  it('paints the welcome with JavaScript off', async () => {
    const page = await newDevice(PHONE_360, false);
    await page.goto(served.url);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: WELCOME }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: 'J’ai un code' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText('Tissage aide les voisins à se rencontrer et à s’entraider.').isVisible())
      .toBe(true);
    await shoot(page, 'first-paint-no-js-360');
  });

  for (const viewport of [PHONE_360, TABLET]) {
    it(`hydrates the welcome in place, without a layout shift, at ${viewport.width} × ${viewport.height}`, async () => {
      const page = await newDevice(viewport);
      await page.addInitScript(keepParsedNodes);
      await page.goto(served.url);
      await appSettled(page);
      await page.getByRole('heading', { level: 1, name: WELCOME }).waitFor();

      const kept = await page.evaluate(() => {
        const parsed = (window as unknown as { parsed?: Element[] }).parsed ?? [];
        const now = Array.from(document.querySelectorAll('#app *'));
        return { parsed: parsed.length, now: now.length, same: now.every((node, i) => node === parsed[i]) };
      });
      expect(kept.parsed).toBeGreaterThan(10);
      expect(kept).toEqual({ parsed: kept.parsed, now: kept.parsed, same: true });
      expect(await page.evaluate(layoutShiftTotal)).toBeLessThan(0.02);
      await shoot(page, `first-paint-hydrated-${viewport.width}`);

      // Hydrated, not only painted: the prerendered button now opens the form.
      await page.getByRole('button', { name: 'Créer un périmètre' }).click();
      await page.getByLabel('Nom du périmètre').waitFor();
    });
  }
});

describe('a returning device', () => {
  it('shows the shell, never the welcome, until its home', async () => {
    const page = await newDevice(PHONE_360);
    await page.goto(served.url);
    await foundPerimeter(page, ['Fatima']);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('tissage:joined'))).toBe('1');

    // Every frame from the first, before it paints: is the welcome's heading showing?
    await page.addInitScript(() => {
      const seen = { frames: 0, welcome: 0 };
      (window as unknown as { seen: typeof seen }).seen = seen;
      const look = () => {
        seen.frames += 1;
        const title = document.querySelector('#app h1');
        if (title?.textContent === 'Bienvenue dans Tissage' && title.checkVisibility()) seen.welcome += 1;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.addInitScript(keepParsedNodes);
    await page.reload();
    await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).waitFor();

    const seen = await page.evaluate(
      () => (window as unknown as { seen: { frames: number; welcome: number } }).seen,
    );
    expect(seen.frames).toBeGreaterThan(0);
    expect(seen.welcome).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { startedAs?: string }).startedAs)).toBe('shell');
    await shoot(page, 'first-paint-returning-home-360');
  });
});
