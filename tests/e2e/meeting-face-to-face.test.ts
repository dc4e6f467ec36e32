/**
 * Face to face with no network (issue 11, must-have 6), in the real app against the real sync
 * server. The tablet signs up Anna (offers an idea), Bruno and Claire (both look for it); Bruno
 * did not agree to share contact details at sign-up, so the server gives Anna's to no one on his
 * phone. Each phone joins with its household's code through a TCP proxy the test can cut
 * (tests/fixtures/controllable-tcp-proxy.ts: `setOffline` alone leaves WebSockets open), and each
 * pair says yes online, so the two are linked.
 *
 * Then the network is cut. Anna taps "Nous nous sommes rencontrés", ticks "Mettre mon numéro dans
 * le code" (off until she does; her number as the server last said, kept on her phone), and shows
 * her code. The test
 * takes the QR code off Anna's screen as a camera would see it (a screenshot of the code, decoded
 * in Node by ZXing, the decoder the app itself falls back on), turns it into a video
 * (scripts/make-qr-video.ts) and switches Bruno's phone back on with that video as its camera
 * (Chromium's fake capture), on the profile it joined with. Still with no network, Bruno's phone
 * reads the code with ZXing's WebAssembly reader served by the service worker, both phones show
 * "met", and Bruno's shows Anna's number from her code. Claire's phone has no camera: she types
 * the code Anna reads out; her home shows what she shares as last known, offline. Back online, the
 * server's copy holds each household's own 'met' and never Anna's number, and the tablet shows the
 * meetings; Bruno's phone still has the number Anna handed over.
 *
 * Every screen is looked at (test-results/screens/face-to-face-*.png) and checked with axe.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { qrVideo } from '../../scripts/make-qr-video';
import { type ControllableTcpProxy, controllableTcpProxy } from '../fixtures/controllable-tcp-proxy';
import {
  answer,
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpHousehold,
  syncState,
} from './app-steps';
import { type Viewport, TABLET, accessibilityViolations, launch, newProfileDir, shoot } from './harness';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const SMALL: Viewport = { width: 360, height: 640 };
const PHONES: Record<string, string> = {
  Anna: '06 11 22 33 44',
  Bruno: '06 55 66 77 88',
  Claire: '06 99 00 11 22',
};
const MET = 'Vous vous êtes rencontrés.';
const LINKED = 'Vous avez dit oui tous les deux.';

let proxy: ControllableTcpProxy | undefined;
const sync = syncServerAndDevices({ stopping: async () => proxy?.close() });
const profiles = { Anna: newProfileDir(), Bruno: newProfileDir(), Claire: newProfileDir() };
const work = mkdtempSync(join(tmpdir(), 'tissage-face-to-face-'));
const contexts = new Map<string, BrowserContext>();
const pages: Record<string, Page> = {};
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};
let t: Page;
let perimeterId = '';
let qrText = '';

afterAll(async () => {
  for (const context of contexts.values()) await context.close().catch(() => {});
  for (const profile of Object.values(profiles)) profile.remove();
  rmSync(work, { recursive: true, force: true });
});

/**
 * A phone on its own profile (kept across launches, like a phone switched off and on), with
 * `camera` as the y4m video its camera films; without one, the phone has no camera at all.
 */
async function phone(name: keyof typeof profiles, camera?: string): Promise<Page> {
  await contexts.get(name)?.close();
  const dir = profiles[name].dir;
  const context = await launch(dir, SMALL, camera);
  contexts.set(name, context);
  const page = context.pages()[0] ?? (await context.newPage());
  pages[name] = page;
  return page;
}

/**
 * Signs a household up with its phone number, and the consent to share it with a linked neighbour
 * unless `share` is false, and answers the first idea.
 */
async function signUpWithPhone(page: Page, name: string, first: string, share = true): Promise<void> {
  await signUpHousehold(page, name, async (p) => {
    await p.getByRole('textbox', { name: /^Téléphone/ }).fill(PHONES[name]!);
    if (share) await p.getByRole('checkbox', { name: /donne mon numéro ou mon e-mail/ }).check();
    const witnesses = p.getByRole('group', { name: /Voisins qui accueillent/ });
    if ((await witnesses.count()) > 0) await witnesses.getByRole('checkbox', { name: 'Fatima' }).check();
  });
  ids[name] = /#\/scan\/([a-z0-9-]+)/.exec(page.url())?.[1] ?? '';
  await answer(page, first);
  await page.getByRole('link', { name: 'Faire une pause' }).click();
}

/** The card of the link with `neighbour` on a "Mes voisins" screen. */
const cardOf = (page: Page, neighbour: string) =>
  page.locator('.link-card').filter({ has: page.getByRole('heading', { name: neighbour }) });

/** The choices between two households in the server's own copy, as `owner → other: value`. */
async function serverChoices(a: string, b: string): Promise<string[]> {
  const doc = await sync.server.serverDocument(perimeterId);
  return [...doc.getMap<{ value: string }>('choices').entries()]
    .filter(([key]) => key.startsWith(`${ids[a]}/${ids[b]}/`) || key.startsWith(`${ids[b]}/${ids[a]}/`))
    .map(([key, choice]) => `${key.startsWith(ids[a]!) ? a : b}: ${choice.value}`)
    .sort();
}

/**
 * The text of the QR code in a picture, as a camera pointed at the screen would read it: ZXing
 * (the `zxing-wasm` build the app falls back on in the browser) decoding the PNG in Node, from the
 * package's own .wasm file, never a CDN.
 */
async function decodeQr(png: Buffer): Promise<string> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
  const valid = found.filter((barcode) => barcode.isValid);
  expect(valid).toHaveLength(1);
  return valid[0]!.text;
}

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `face-to-face-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

describe('two phones with no network confirm a meeting face to face', () => {
  it('the tablet signs up Anna (offers), Bruno and Claire (look for it), and gives each a phone access', async () => {
    proxy = await controllableTcpProxy(sync.server.port);
    const { code, perimeterId: perimeter } = sync.server.invite('Résidence des Tilleuls');
    perimeterId = perimeter;
    t = await (await sync.newDevice(TABLET)).newPage();
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    await signUpWithPhone(t, 'Anna', 'Je propose');
    await signUpWithPhone(t, 'Bruno', 'Je cherche', false);
    await signUpWithPhone(t, 'Claire', 'Je cherche');
    for (const name of ['Anna', 'Bruno', 'Claire'])
      codes[name] = await issuePhoneAccess(t, sync.server.url, ids[name]!);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('each phone joins; Anna says yes to Bruno and Claire, who say yes to her: they are linked', async () => {
    for (const name of ['Anna', 'Bruno', 'Claire'] as const) {
      const page = await phone(name);
      await enterPhoneCode(page, proxy!.url, codes[name]!);
      await expect.poll(() => page.getByRole('heading', { name }).isVisible(), PATIENCE).toBe(true);
      if (name !== 'Bruno') {
        // The home read what the household shares from the server: the phone keeps it.
        await expect
          .poll(() => page.getByRole('radio', { name: 'Mon téléphone et mon e-mail' }).isChecked(), PATIENCE)
          .toBe(true);
      }
      await page.getByRole('link', { name: /Mes voisins/ }).click();
      for (const other of name === 'Anna' ? ['Bruno', 'Claire'] : ['Anna']) {
        await expect.poll(() => cardOf(page, other).isVisible(), PATIENCE).toBe(true);
        await cardOf(page, other).getByRole('button', { name: 'Je voudrais le contacter' }).click();
      }
    }
    for (const [name, other] of [
      ['Anna', 'Bruno'],
      ['Anna', 'Claire'],
      ['Bruno', 'Anna'],
      ['Claire', 'Anna'],
    ] as const) {
      await expect.poll(() => cardOf(pages[name]!, other).innerText(), PATIENCE).toContain(LINKED);
    }
    for (const name of ['Anna', 'Bruno', 'Claire']) {
      await expect.poll(() => syncState(pages[name]!), PATIENCE).toBe('stored');
    }
  });

  it('with the network cut, Anna says they met and shows her code; her phone shows "met"', async () => {
    proxy!.cut();
    await contexts.get('Anna')!.setOffline(true);
    await contexts.get('Claire')!.setOffline(true);
    // Bruno's phone is switched off: it comes back on with a camera, once Anna's code is shown.
    await contexts.get('Bruno')!.close();
    contexts.delete('Bruno');

    const anna = pages.Anna!;
    await cardOf(anna, 'Bruno').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    const withNumber = cardOf(anna, 'Bruno').getByRole('checkbox', {
      name: 'Mettre mon numéro dans le code',
    });
    await withNumber.waitFor();
    expect(await withNumber.isChecked()).toBe(false);
    await look(anna, 'anna-met-choice');
    await withNumber.check();
    await cardOf(anna, 'Bruno').getByRole('button', { name: 'Montrer mon code' }).click();
    const qr = cardOf(anna, 'Bruno').getByRole('img', {
      name: 'Code de rencontre à lire avec le téléphone du voisin',
    });
    await qr.waitFor();
    await expect.poll(() => cardOf(anna, 'Bruno').locator('.link-state').innerText()).toContain(MET);
    await look(anna, 'anna-shows-code');

    qrText = await decodeQr(await qr.screenshot());
    expect(qrText).toMatch(/^TS1:/);
    expect(qrText).toContain(ids.Anna!.toUpperCase());
    // Her number rides in the code as a sixth field (domain/meeting-code.ts: base45 card).
    expect(qrText.split(':').length).toBeGreaterThanOrEqual(6);
  });

  it('Bruno’s phone, switched on offline with a camera filming the code, reads it and shows "met"', async () => {
    // The app's QR reader is precached by the service worker: a street has no network.
    const wasm = readdirSync(join(sync.server.distDir, 'assets')).filter((file) =>
      /^zxing_reader-.*\.wasm$/.test(file),
    );
    expect(wasm).toHaveLength(1);
    expect(readFileSync(join(sync.server.distDir, 'sw.js'), 'utf8')).toContain(`assets/${wasm[0]}`);

    const video = join(work, 'anna-code.y4m');
    writeFileSync(video, qrVideo(qrText));
    const bruno = await phone('Bruno', video);
    await bruno.context().setOffline(true);
    const fromWorker: boolean[] = [];
    bruno.on('response', (response) => {
      if (response.url().endsWith('.wasm')) fromWorker.push(response.fromServiceWorker());
    });
    await bruno.goto(`${proxy!.url}#/`);
    await bruno.getByRole('link', { name: /Mes voisins/ }).click();
    await expect.poll(() => cardOf(bruno, 'Anna').innerText(), PATIENCE).toContain(LINKED);
    await cardOf(bruno, 'Anna').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    await cardOf(bruno, 'Anna').getByRole('button', { name: 'Lire le code du voisin' }).click();
    await expect
      .poll(() => cardOf(bruno, 'Anna').innerText(), PATIENCE)
      .toContain(
        'C’est noté : vous vous êtes rencontrés. Son numéro ou son e-mail est gardé sur ce téléphone.',
      );
    // Handed over face to face: shown with no network, though the server would not give it him.
    await expect
      .poll(() => cardOf(bruno, 'Anna').locator('a[href^="tel:"]').getAttribute('href'))
      .toBe(`tel:${PHONES.Anna!.replace(/ /g, '')}`);
    await expect.poll(() => cardOf(bruno, 'Anna').locator('.link-state').innerText()).toContain(MET);
    expect(fromWorker).toEqual([true]);
    expect(await bruno.evaluate(() => navigator.onLine)).toBe(false);
    await look(bruno, 'bruno-read-code');
  });

  it('Claire’s phone has no camera: she types the code Anna reads out, offline', async () => {
    const anna = pages.Anna!;
    const claire = pages.Claire!;
    await cardOf(anna, 'Claire').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    await cardOf(anna, 'Claire').getByRole('button', { name: 'Montrer mon code' }).click();
    const typed = (await cardOf(anna, 'Claire').locator('.meeting-typed').innerText()).replace(
      'Code à taper :',
      '',
    );

    await cardOf(claire, 'Anna').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    await cardOf(claire, 'Anna').getByRole('button', { name: 'Lire le code du voisin' }).click();
    await expect
      .poll(() => cardOf(claire, 'Anna').locator('.code-reader [role=status]').innerText(), PATIENCE)
      .toContain('pas d’appareil photo');
    await look(claire, 'claire-no-camera');
    await cardOf(claire, 'Anna').getByRole('textbox', { name: 'Le code du voisin' }).fill(typed.trim());
    await cardOf(claire, 'Anna').getByRole('button', { name: 'Valider le code' }).click();
    await expect.poll(() => cardOf(claire, 'Anna').locator('.link-state').innerText()).toContain(MET);
    await look(claire, 'claire-typed-code');

    // Her home, offline: what she shares as the server last said, not changeable without network.
    await claire.goto(`${proxy!.url}#/`);
    await expect
      .poll(() => claire.getByRole('radio', { name: 'Mon téléphone et mon e-mail' }).isChecked(), PATIENCE)
      .toBe(true);
    await expect(claire.getByRole('radio', { name: 'Rien' }).isDisabled()).resolves.toBe(true);
    await expect(claire.locator('#share-title + [role=status]').innerText()).resolves.toBe(
      'Pas de réseau. Voici votre dernier choix. Pour le changer, il faut du réseau.',
    );
    await look(claire, 'claire-home-offline');
  });

  it('back online, the server holds each household’s own "met", and every device shows it', async () => {
    proxy!.resume();
    for (const context of contexts.values()) await context.setOffline(false);
    await expect.poll(() => serverChoices('Anna', 'Bruno'), PATIENCE).toEqual(['Anna: met', 'Bruno: met']);
    await expect.poll(() => serverChoices('Anna', 'Claire'), PATIENCE).toEqual(['Anna: met', 'Claire: met']);
    for (const name of ['Anna', 'Bruno', 'Claire']) {
      await expect.poll(() => syncState(pages[name]!), PATIENCE).toBe('stored');
    }
    await expect(cardOf(pages.Anna!, 'Bruno').locator('.link-state').innerText()).resolves.toContain(MET);
    await expect(cardOf(pages.Bruno!, 'Anna').locator('.link-state').innerText()).resolves.toContain(MET);
    // Anna's number stays on Bruno's phone alone: never in the shared document.
    const shared = JSON.stringify((await sync.server.serverDocument(perimeterId)).toJSON());
    expect(shared).not.toContain(PHONES.Anna);
    expect(shared).not.toContain(PHONES.Anna!.replace(/ /g, ''));
    await expect(cardOf(pages.Bruno!, 'Anna').locator('a[href^="tel:"]').getAttribute('href')).resolves.toBe(
      `tel:${PHONES.Anna!.replace(/ /g, '')}`,
    );
    await t.goto(`${sync.server.url}#/voisins/${ids.Bruno}`);
    await expect.poll(() => cardOf(t, 'Anna').locator('.link-state').innerText(), PATIENCE).toContain(MET);
  });
});
