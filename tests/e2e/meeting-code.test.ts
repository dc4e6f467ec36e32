/**
 * Face to face with no network (issue 11, must-have 6): a phone films a neighbour's meeting code.
 * Chromium's fake camera plays a video of the QR code (scripts/make-qr-video.ts); the meeting
 * components run on a test page (tests/pages/meeting), built here as the app is built, so each
 * refusal is driven alone; the real app's meeting between two phones, offline, through the server
 * afterwards, is tests/e2e/meeting-face-to-face.test.ts. Linux's Chromium has no BarcodeDetector of its own, so this
 * reads through the ZXing WebAssembly reader, loaded from the page's own origin while every other
 * origin is refused: never the package's default CDN.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemEnv } from '../../src/domain/env';
import { newMeetingCode } from '../../src/domain/meeting-code';
import { qrVideo } from '../../scripts/make-qr-video';
import { chromiumArgs } from '../../vite.config';
import { SMALL_PHONE, accessibilityViolations, launch, newProfileDir, shoot } from './harness';
import { type TestPage, serveTestPage } from './test-page';

const PERIMETER = 'perim-tilleuls';
const LEA = 'hh-lea-0001';
const OMAR = 'hh-omar-0002';
const IDEAS = ['pret-perceuse', 'bricolage-plomberie'];

let testPage: TestPage | undefined;
let origin = '';
let work = '';
let outDir = '';
const browsers: Browser[] = [];

beforeAll(async () => {
  testPage = await serveTestPage('meeting');
  ({ origin, work, outDir } = testPage);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => {});
  await testPage?.close();
});

/** Omar's phone reading codes, with the camera given (a video of `qr`), refused, or absent. */
async function omarsPhone(camera: { qr: string } | 'refused' | 'none'): Promise<Page> {
  const args = [...chromiumArgs];
  if (camera !== 'none') args.push('--use-fake-device-for-media-stream');
  if (typeof camera === 'object') {
    const video = join(work, `camera-${browsers.length}.y4m`);
    writeFileSync(video, qrVideo(camera.qr));
    args.push('--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`);
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    chromiumSandbox: false,
    headless: true,
    args,
  });
  browsers.push(browser);
  const context = await browser.newContext({ viewport: SMALL_PHONE, locale: 'fr-FR' });
  const page = await context.newPage();
  // Keeps every camera stream the page opens, so a test can see that each was stopped.
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia) return;
    const open = media.getUserMedia.bind(media);
    const streams: MediaStream[] = [];
    (window as { cameraStreams?: MediaStream[] }).cameraStreams = streams;
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
  // Everything from the page's own origin, and nothing else: a CDN request fails the test.
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  const elsewhere: string[] = [];
  asked.set(page, elsewhere);
  const got: string[] = [];
  loaded.set(page, got);
  page.on('response', (response) => {
    if (response.ok()) got.push(response.url());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:'))
      elsewhere.push(request.url());
  });
  const query = new URLSearchParams({
    perimeter: PERIMETER,
    own: OMAR,
    households: `${LEA},${OMAR}`,
    ideas: IDEAS.join(','),
  });
  await page.goto(`${origin}/?${query}`);
  return page;
}

/** What each page asked of any other origin than its own: nothing, or the test fails. */
const asked = new WeakMap<Page, string[]>();
/** What each page loaded, successfully. */
const loaded = new WeakMap<Page, string[]>();

/** The state of each camera track the page opened: 'live' or 'ended'. */
const cameraTracks = (page: Page) =>
  page.evaluate(() =>
    ((window as { cameraStreams?: MediaStream[] }).cameraStreams ?? []).flatMap((stream) =>
      stream.getTracks().map((track) => track.readyState),
    ),
  );
const outcome = (page: Page) => page.locator('#meeting-outcome').innerText();
const textOf = (page: Page, selector: string) => page.locator(selector).innerText();

async function closeAsking(page: Page): Promise<void> {
  expect(asked.get(page)).toEqual([]);
  await page.close();
}

describe('reading a meeting code face to face', () => {
  it('films Léa’s code and takes her meeting, with the ZXing reader from this site', async () => {
    expect(readdirSync(join(outDir, 'assets')).some((file) => /^zxing_reader-.*\.wasm$/.test(file))).toBe(
      true,
    );
    const code = newMeetingCode(systemEnv, { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS });
    const page = await omarsPhone({ qr: code.qr });
    await expect.poll(() => outcome(page), { timeout: 30_000 }).toContain(LEA);
    const wasm = (loaded.get(page) ?? []).filter((url) => url.endsWith('.wasm'));
    expect(wasm.map((url) => new URL(url).origin)).toEqual([origin]);
    const [meeting] = JSON.parse(await outcome(page)) as { householdId: string; ideaIds: string[] }[];
    expect(meeting).toMatchObject({ householdId: LEA, ideaIds: IDEAS });
    // Taken: the camera is off.
    await expect.poll(() => cameraTracks(page)).toEqual(['ended']);
    await shoot(page, 'meeting-01-code-read');
    await closeAsking(page);
  });

  it('says plainly that a code from another neighbourhood changes nothing, and keeps looking', async () => {
    const code = newMeetingCode(systemEnv, {
      perimeterId: 'perim-ailleurs',
      householdId: LEA,
      ideaIds: IDEAS,
    });
    const page = await omarsPhone({ qr: code.qr });
    await expect.poll(() => textOf(page, '[role=alert]'), { timeout: 30_000 }).toContain('un autre quartier');
    expect(JSON.parse(await outcome(page))).toEqual([]);
    expect(await page.locator('video.meeting-camera').isVisible()).toBe(true);
    expect(await cameraTracks(page)).toEqual(['live']);
    await shoot(page, 'meeting-02-other-perimeter');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Leaving the camera for the typed code stops it.
    await page.getByRole('button', { name: 'Taper le code à la place' }).click();
    await expect.poll(() => cameraTracks(page)).toEqual(['ended']);
    await closeAsking(page);
  });

  it('when the camera is refused, says so and takes the typed code instead', async () => {
    const code = newMeetingCode(systemEnv, { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS });
    const page = await omarsPhone('refused');
    await expect
      .poll(() => textOf(page, '[role=status]'), { timeout: 30_000 })
      .toContain('ne laisse pas Tissage utiliser l’appareil photo');
    // The sentence says to type the code: the box is on screen with it, no button to find first.
    const field = page.getByRole('textbox', { name: 'Le code du voisin' });
    await expect(field.isVisible()).resolves.toBe(true);
    await shoot(page, 'meeting-03-camera-refused');
    expect(await accessibilityViolations(page)).toEqual([]);
    await field.fill(code.typed.toLowerCase());
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await expect.poll(() => outcome(page)).toContain(LEA);
    await closeAsking(page);
  });

  it('with no camera at all, says so; a code typed twice is a meeting already noted', async () => {
    const code = newMeetingCode(systemEnv, { perimeterId: PERIMETER, householdId: LEA, ideaIds: IDEAS });
    const page = await omarsPhone('none');
    await expect
      .poll(() => textOf(page, '[role=status]'), { timeout: 30_000 })
      .toContain('pas d’appareil photo');
    const field = page.getByRole('textbox', { name: 'Le code du voisin' });
    await expect(field.isVisible()).resolves.toBe(true);
    await field.fill(code.typed);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await expect.poll(() => outcome(page)).toContain(LEA);
    await field.fill(code.typed);
    await page.getByRole('button', { name: 'Valider le code' }).click();
    await expect.poll(() => textOf(page, '.field')).toContain('déjà notée');
    await shoot(page, 'meeting-04-typed-twice');
    expect(await accessibilityViolations(page)).toEqual([]);
    await closeAsking(page);
  });

  it('shows Léa’s code large, with the code to type under it, on the narrowest phone', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      chromiumSandbox: false,
      headless: true,
      args: chromiumArgs,
    });
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(
      `${origin}/?${new URLSearchParams({ perimeter: PERIMETER, show: LEA, ideas: IDEAS.join(',') })}`,
    );
    const qr = page.getByRole('img', { name: 'Code de rencontre à lire avec le téléphone du voisin' });
    await qr.waitFor();
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(250);
    expect(await textOf(page, '.meeting-typed')).toMatch(/Code à taper :\s+[0-9A-Z]{4}\s+[0-9A-Z]{4}$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await shoot(page, 'meeting-05-show-code');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('fits 320 pixels with the browser’s text at 32 px, the code shown and the code typed', async () => {
    const profile = newProfileDir();
    try {
      // The browser's own font setting, as a resident sets it (TOOLCHAIN.md: large text).
      mkdirSync(join(profile.dir, 'Default'), { recursive: true });
      writeFileSync(
        join(profile.dir, 'Default', 'Preferences'),
        JSON.stringify({ webkit: { webprefs: { default_font_size: 32, default_fixed_font_size: 26 } } }),
      );
      const context = await launch(profile.dir, { width: 320, height: 640 });
      const page = context.pages()[0] ?? (await context.newPage());
      const views = {
        show: { perimeter: PERIMETER, show: LEA, ideas: IDEAS.join(',') },
        typed: { perimeter: PERIMETER, own: OMAR, households: `${LEA},${OMAR}`, ideas: IDEAS.join(',') },
      };
      for (const [name, query] of Object.entries(views)) {
        await page.goto(`${origin}/?${new URLSearchParams(query)}`);
        await page.locator(name === 'show' ? '.meeting-typed' : '#meeting-code').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
          320,
        );
        await shoot(page, `meeting-06-large-text-${name}`);
      }
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
