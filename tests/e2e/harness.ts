/**
 * End-to-end harness: the built app (dist/) served on a free port, and Debian's Chromium driven
 * by Playwright with a persistent profile, so a test can switch the "tablet" off and on again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, type Page, chromium } from 'playwright';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs } from '../../vite.config';

export const SCREENSHOTS = join('test-results', 'screens');

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves dist/ like a static host would (vite preview), on a free port or the given one. */
export async function serveDist(port = 0): Promise<Served> {
  const server: PreviewServer = await preview({
    preview: { port, host: '127.0.0.1', strictPort: true },
    logLevel: 'silent',
  });
  const address = server.httpServer.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}/`, port: actual, close: () => server.close() };
}

export function newProfileDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tissage-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type Viewport = { width: number; height: number };
export const TABLET: Viewport = { width: 1024, height: 768 };
export const PHONE: Viewport = { width: 390, height: 844 };
/** A small Android phone, the narrowest screen the app is made for. */
export const SMALL_PHONE: Viewport = { width: 360, height: 740 };

/**
 * A browser with a profile on disk: closing and relaunching it keeps IndexedDB and the service worker.
 * With `camera` (a .y4m file, scripts/make-qr-video.ts), Chromium's fake capture device films that
 * video and the camera permission is granted; without it, the browser has no camera.
 */
export function launch(
  profileDir: string,
  viewport: Viewport = TABLET,
  camera?: string,
): Promise<BrowserContext> {
  const cameraArgs = camera
    ? [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${camera}`,
      ]
    : [];
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    chromiumSandbox: false,
    headless: true,
    args: [...chromiumArgs, ...cameraArgs],
    viewport,
    locale: 'fr-FR',
  });
}

/**
 * The Chromium process of `profileDir`: a child of this test process (Playwright spawns it, and
 * Debian's wrapper script execs the browser), told apart from any other by its profile argument.
 * @throws Error when there is not exactly one.
 */
export function browserPid(profileDir: string): number {
  const children = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const ours = children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        .split('\0')
        .some((arg) => arg.includes(profileDir));
    } catch {
      // Gone since pgrep listed it.
      return false;
    }
  });
  if (ours.length !== 1) throw new Error(`expected one browser for ${profileDir}, found ${ours.join(', ')}`);
  return ours[0]!;
}

/**
 * A dead battery, not a graceful close: SIGKILL to the browser process, so nothing is flushed and
 * no page hears about it. `launchPersistentContext` hands out no process, hence `browserPid`.
 * Resolves once Playwright saw the browser go; relaunch with `launch(profileDir)`.
 */
export async function hardKill(context: BrowserContext, profileDir: string): Promise<void> {
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  process.kill(browserPid(profileDir), 'SIGKILL');
  await closed;
}

/**
 * The browser's own default font size, written into the profile before launch as the settings
 * page would (Chromium rewrites the file on exit, so it is merged, never replaced).
 */
export function setDefaultFont(profileDir: string, px: number): void {
  const dir = join(profileDir, 'Default');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'Preferences');
  let prefs: { webkit?: { webprefs?: Record<string, number> } } = {};
  try {
    prefs = JSON.parse(readFileSync(file, 'utf8')) as typeof prefs;
  } catch {
    // No preferences yet: a profile never opened.
  }
  prefs.webkit = {
    ...prefs.webkit,
    webprefs: {
      ...prefs.webkit?.webprefs,
      default_font_size: px,
      default_fixed_font_size: Math.round(px * 0.8),
    },
  };
  writeFileSync(file, JSON.stringify(prefs));
}

/** Waits until the service worker controls the page: from then on the app works with no network. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The page's sideways overflow and every visible element past the screen's edge (WCAG 1.4.10
 * Reflow): `page <scrollWidth>`, then `<TAG> "<first 30 characters of its text>"` an element;
 * empty when nothing sticks out. Screen-reader-only text, options, scripts and styles don't count.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page ${document.documentElement.scrollWidth}`);
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (element.closest('.sr-only, option, script, style')) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && (box.right > width + 0.5 || box.left < -0.5))
        found.push(`${element.tagName} "${(element.textContent ?? '').trim().slice(0, 30)}"`);
    }
    return found;
  });
}

/** axe-core with the WCAG 2.1 A and AA rules; returns the violations, each with its nodes. */
export async function accessibilityViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** The served app and the one browser profile a test file works on: see `servedAppAndProfile`. */
export interface AppAndProfile {
  /** The address of the served app; set once the file's `beforeAll` has served it. */
  readonly url: string;
  readonly profileDir: string;
  /** A browser on the profile (see `launch`); closed after the file's tests if it is still open. */
  launch(viewport?: Viewport): Promise<BrowserContext>;
}

/**
 * For a test file that drives one device: registers the file's `beforeAll`, which serves dist/
 * (see `serveDist`) and then runs `setUp`, and its `afterAll`, which closes every browser launched
 * through the returned `launch`, stops serving and removes the profile.
 */
export function servedAppAndProfile(setUp?: (app: AppAndProfile) => Promise<void>): AppAndProfile {
  const profile = newProfileDir();
  const contexts: BrowserContext[] = [];
  let served: Served | undefined;
  const app: AppAndProfile = {
    get url() {
      if (!served) throw new Error('the app is served only once beforeAll has run');
      return served.url;
    },
    profileDir: profile.dir,
    async launch(viewport) {
      const context = await launch(profile.dir, viewport);
      contexts.push(context);
      return context;
    },
  };
  beforeAll(async () => {
    served = await serveDist();
    await setUp?.(app);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await served?.close().catch(() => {});
    profile.remove();
  });
  return app;
}
