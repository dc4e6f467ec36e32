/**
 * The relay with no network (issue 12, must-have 5): a phone 40 updates behind and a facilitator's
 * tablet exchange what each lacks through animated QR codes, both ways. Each device is its own
 * Chromium with a fake camera; the relay components run on a test page (tests/pages/relay), built
 * here as the app is built, until the café screens host them. For each transfer the sender's
 * canvas is recorded frame by frame, 20 % of the recorded frames are dropped at random, and the
 * rest is played to the receiver's camera as a y4m video (Chromium opens the file anew at each
 * getUserMedia, so the same path carries each transfer in turn). The second video also carries a
 * corrupted frame and a frame of another perimeter: both refused, the transfer completes anyway.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { type Browser, type Page, chromium } from 'playwright';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayFrames } from '../../src/sync/relay-frames';
import { RELAY_FRAMES_PER_S, RELAY_QR_VERSION } from '../../src/ui/components/relay/relay-timing';
import { chromiumArgs } from '../../vite.config';
import { Device, deviceEnv } from '../fixtures/relay-devices';
import { SMALL_PHONE, TABLET, accessibilityViolations, shoot } from './harness';
import { type TestPage, serveTestPage } from './test-page';

const PERIMETER = 'lilas';
const WIDTH = 640;
const HEIGHT = 480;
/** The video plays the recorded frames at the sender's own pace. */
const FPS = RELAY_FRAMES_PER_S;

let testPage: TestPage | undefined;
let origin = '';
let work = '';
const browsers: Browser[] = [];

beforeAll(async () => {
  testPage = await serveTestPage('relay');
  ({ origin, work } = testPage);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close().catch(() => {});
  await testPage?.close();
});

/** Deterministic pseudo-random numbers (mulberry32): the same frames dropped on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One device: a Chromium whose camera plays `video` (rewritten before each reading). */
async function device(name: string, viewport = SMALL_PHONE): Promise<{ page: Page; video: string }> {
  const video = join(work, `${name}.y4m`);
  writeFileSync(video, y4m([blankFrame()]));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    chromiumSandbox: false,
    headless: true,
    args: [
      ...chromiumArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  browsers.push(browser);
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  // The street has no network: anything but the page's own origin fails.
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'relayTest' in window);
  return { page, video };
}

type Luma = Uint8Array;
const BLACK = 16;
const WHITE = 235;

function blankFrame(): Luma {
  return new Uint8Array(WIDTH * HEIGHT).fill(WHITE);
}

/** A square image (one byte a pixel, 0 black) centred on a white frame, in video range. */
function framed(pixels: Uint8Array, side: number): Luma {
  const luma = blankFrame();
  const scale = Math.max(1, Math.floor(HEIGHT / side));
  const top = Math.floor((HEIGHT - side * scale) / 2);
  const left = Math.floor((WIDTH - side * scale) / 2);
  for (let y = 0; y < side * scale; y++)
    for (let x = 0; x < side * scale; x++)
      luma[(top + y) * WIDTH + left + x] =
        pixels[Math.floor(y / scale) * side + Math.floor(x / scale)]! < 128 ? BLACK : WHITE;
  return luma;
}

/** A QR code drawn in Node, as the sender draws it (level M, version 17, 4 pixels a module). */
function drawn(text: string): Luma {
  const qr = encode(text, {
    ecc: 'M',
    boostEcc: false,
    border: 4,
    minVersion: RELAY_QR_VERSION,
    maxVersion: RELAY_QR_VERSION,
  });
  const side = qr.size * 4;
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      pixels[y * side + x] = qr.data[Math.floor(y / 4)]![Math.floor(x / 4)] ? 0 : 255;
  return framed(pixels, side);
}

/** YUV4MPEG2 at FPS frames a second (see scripts/make-qr-video.ts): Y plane, then grey U and V. */
function y4m(frames: Luma[]): Buffer {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`),
    ...frames.flatMap((luma) => [Buffer.from('FRAME\n'), Buffer.from(luma), chroma]),
  ]);
}

/**
 * Records `frames` frames of the sender's canvas as it draws them at its own pace (a frame may
 * repeat: a one-slice message is the same frame over and over). Returns their pictures.
 */
async function record(sender: Page, frames: number): Promise<Luma[]> {
  const pictures = new Map<number, Luma>();
  await expect
    .poll(
      async () => {
        const shot = await sender.evaluate(() => window.relayTest.capture());
        if (shot.text && !pictures.has(shot.count))
          pictures.set(shot.count, framed(fromBase64(shot.luma), shot.side));
        return pictures.size;
      },
      { timeout: 120_000, interval: 40 },
    )
    .toBeGreaterThanOrEqual(frames);
  return [...pictures.values()];
}

/** Plays `sender`'s next message to `receiver`'s camera, 20 % of its frames dropped, plus `extra`. */
async function relay(
  sender: Page,
  receiver: { page: Page; video: string },
  rand: () => number,
  extra: Luma[] = [],
): Promise<string[]> {
  const parts = await sender.evaluate(() => window.relayTest.send());
  const pictures = await record(sender, 3 * parts + 6);
  const kept = pictures.filter(() => rand() >= 0.2);
  // The extra frames first, each held for several video frames as a screen would hold it, so the
  // reader meets them before it has the whole message.
  writeFileSync(receiver.video, y4m([...extra.flatMap((luma) => [luma, luma, luma, luma]), ...kept]));
  const before = await receiver.page.evaluate(() => window.relayTest.steps.length);
  await receiver.page.evaluate(() => window.relayTest.receive());
  await expect
    .poll(() => receiver.page.evaluate(() => window.relayTest.steps.at(-1)?.status), { timeout: 120_000 })
    .toBe('done');
  const steps = await receiver.page.evaluate((from) => window.relayTest.steps.slice(from), before);
  return steps.map((step) => step.problem ?? step.status);
}

declare global {
  interface Window {
    relayTest: {
      load(update: string, perimeterId: string, self: string): void;
      send(): Promise<number>;
      capture(): { count: number; text: string; side: number; luma: string };
      receive(): Promise<void>;
      steps: ({ status: string } & { problem?: string })[];
      records(): string;
      stateVector(): string;
    };
  }
}

describe('relay with no network, by animated QR codes', () => {
  it('a phone 40 updates behind and a tablet end equal, 20 % of frames lost; a corrupted frame and another perimeter’s refused', async () => {
    const tabletDoc = new Device(deviceEnv('t'));
    const founder = tabletDoc.create(PERIMETER);
    const households = Array.from({ length: 4 }, (_, i) => tabletDoc.signUp(`Voisin ${i}`, founder));
    const own = households[0]!;
    const phoneDoc = tabletDoc.copy(deviceEnv('p'));
    for (let i = 0; i < 40; i++) {
      if (i % 10 === 0) households.push(tabletDoc.signUp(`Nouveau ${i}`, founder));
      else tabletDoc.answer(households[1 + (i % (households.length - 1))]!, i, i);
    }
    for (let i = 0; i < 5; i++) phoneDoc.answer(own, 100 + i, i);

    const tablet = await device('tablet', TABLET);
    const phone = await device('phone');
    await tablet.page.evaluate(
      ([update, perimeter]) => window.relayTest.load(update!, perimeter!, 'f'),
      [toBase64(Y.encodeStateAsUpdate(tabletDoc.doc)), PERIMETER],
    );
    await phone.page.evaluate(
      ([update, perimeter, self]) => window.relayTest.load(update!, perimeter!, self!),
      [toBase64(Y.encodeStateAsUpdate(phoneDoc.doc)), PERIMETER, `h:${own}`],
    );
    const rand = random(12);

    // 1. The phone shows its state vector; the tablet reads it.
    await relay(phone.page, tablet, rand);
    // 2. The tablet shows what the phone lacks; a damaged frame and another perimeter's come first.
    const other = new RelayFrames(new Uint8Array(900).fill(1), 'autre-quartier', 77).next();
    const genuine = new RelayFrames(new Uint8Array(900).fill(2), PERIMETER, 78).next();
    const damaged = `${genuine.slice(0, 40)}${genuine[40] === 'A' ? 'B' : 'A'}${genuine.slice(41)}`;
    const seen = await relay(tablet.page, phone, rand, [drawn(damaged), drawn(other)]);
    expect(seen).toContain('corrupted');
    expect(seen).toContain('other-perimeter');
    await expect
      .poll(() => phone.page.locator('#relay-arrived').textContent())
      .toContain('4 nouveaux foyers');
    await shoot(phone.page, 'relay-phone-received');
    expect(await accessibilityViolations(phone.page)).toEqual([]);
    // 3. The phone shows its own changes; the tablet reads them as that household's.
    await relay(phone.page, tablet, rand);
    await expect.poll(() => tablet.page.locator('#relay-arrived').textContent()).toContain('5 réponses');

    const [tabletRecords, phoneRecords] = await Promise.all(
      [tablet.page, phone.page].map((page) => page.evaluate(() => window.relayTest.records())),
    );
    expect(JSON.parse(phoneRecords!)).toEqual(JSON.parse(tabletRecords!));
    const [tabletVector, phoneVector] = await Promise.all(
      [tablet.page, phone.page].map((page) => page.evaluate(() => window.relayTest.stateVector())),
    );
    expect(phoneVector).toBe(tabletVector);
    // At 320 px wide with text at 200 % (32 px), nothing reaches past the screen's edge.
    await tablet.page.setViewportSize({ width: 320, height: 640 });
    await tablet.page.addStyleTag({ content: 'html { font-size: 200%; }' });
    await tablet.page.evaluate(() => window.relayTest.send());
    await shoot(tablet.page, 'relay-tablet-sending-320');
    expect(await accessibilityViolations(tablet.page)).toEqual([]);
    expect(await tablet.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }, 300_000);

  it('says a stalled reading in words, and changes nothing', async () => {
    const tabletDoc = new Device(deviceEnv('t'));
    const founder = tabletDoc.create(PERIMETER);
    const phoneDoc = tabletDoc.copy(deviceEnv('p'));
    for (let i = 0; i < 30; i++) tabletDoc.signUp(`Voisin ${i}`, founder);
    const phone = await device('stalled');
    await phone.page.setViewportSize({ width: 320, height: 640 });
    await phone.page.addStyleTag({ content: 'html { font-size: 200%; }' });
    await phone.page.evaluate(
      ([update, perimeter]) => window.relayTest.load(update!, perimeter!, 'h:x'),
      [toBase64(Y.encodeStateAsUpdate(phoneDoc.doc)), PERIMETER],
    );
    const before = await phone.page.evaluate(() => window.relayTest.records());
    // The tablet's screen turned away after its first frame: the camera sees that one only.
    const frames = new RelayFrames(Y.encodeStateAsUpdate(tabletDoc.doc), PERIMETER, 5);
    expect(frames.parts).toBeGreaterThan(1);
    writeFileSync(phone.video, y4m([drawn(frames.next())]));
    await phone.page.evaluate(() => window.relayTest.receive());
    await expect
      .poll(() => phone.page.locator('[role=status]').textContent(), { timeout: 30_000 })
      .toMatch(/Reçu : \d+ %/);
    await expect
      .poll(() => phone.page.locator('[role=alert]').textContent(), { timeout: 30_000 })
      .toContain('La lecture n’avance plus. Rien n’a changé.');
    await shoot(phone.page, 'relay-phone-stalled-320');
    expect(await accessibilityViolations(phone.page)).toEqual([]);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await phone.page.evaluate(() => window.relayTest.records())).toBe(before);
  }, 120_000);
});
