/**
 * A whole Café-Rencontre with no network (issue 12's browser test), in the real app against the
 * real sync server. Online first: the tablet describes the perimeter and signs up Anna (offers the
 * first idea of the café's theme), Bruno and Claire (both look for it); Anna and Bruno join on
 * their phones with their codes and each says yes to the other, so the two are linked; the tablet
 * plans the café, which reaches both phones. All three devices talk to the server through one TCP
 * proxy (tests/fixtures/controllable-tcp-proxy.ts: `setOffline` alone leaves WebSockets open).
 *
 * Then the network is cut for all three, as on the street. On the tablet: Claire is ticked
 * present; Dora, new, signs up at the café witnessed by Claire and offers the same idea; the board
 * counts the two present it knows of and shows the link between them. The tablet cannot know
 * what the phones record until they sync, so "the theme's links among those present" means,
 * offline, among those present on this device: its own ticks and sign-ups. The poster's QR code
 * is taken off the tablet's poster screen (screenshot decoded by ZXing in Node) and played as the
 * fake camera (scripts/make-qr-video.ts) of each phone, switched back on with it on the profile it
 * joined with: each says "Je suis là" by filming it, and sees its matches, none known present.
 * Anna then shows her meeting code for Bruno; it is filmed the same way by Bruno's phone, switched
 * on again with that video: the link is made face to face, both phones show "met".
 *
 * Back online: the server's copy holds the café, the four presences (two scanned, two ticked),
 * Dora's profile and both 'met'; every device's stored document holds the same records as the
 * server's; the tablet counts four present, two by the poster, and lists the theme's four links;
 * each phone shows the other present; the tablet shows the meeting.
 *
 * Screens looked at: test-results/screens/cafe-whole-*.png, each checked with axe.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { qrVideo } from '../../scripts/make-qr-video';
import { posterCode } from '../../src/domain/cafe-poster-code';
import { SHARED_MAP_NAMES } from '../../src/domain/records';
import { type ControllableTcpProxy, controllableTcpProxy } from '../fixtures/controllable-tcp-proxy';
import { answer, describePerimeter, ideaTitle, signUpHousehold, syncState } from './app-steps';
import {
  type Viewport,
  TABLET,
  accessibilityViolations,
  launch,
  newProfileDir,
  shoot,
  waitForServiceWorker,
} from './harness';
import { syncServerAndDevices } from './sync-harness';
import { inParis, perimeterDate } from './cafe-steps';

const PATIENCE = { timeout: 30_000 };
const SMALL: Viewport = { width: 360, height: 640 };
const THEME = 'Prêter et donner des objets';
const LINKED = 'Vous avez dit oui tous les deux.';
const MET = 'Vous vous êtes rencontrés.';
const HERE = 'C’est noté : vous êtes au café.';

let proxy: ControllableTcpProxy | undefined;
const sync = syncServerAndDevices({ stopping: async () => proxy?.close() });
const profiles = { Anna: newProfileDir(), Bruno: newProfileDir() };
type PhoneName = keyof typeof profiles;
const work = mkdtempSync(join(tmpdir(), 'tissage-cafe-whole-'));
const phones = new Map<PhoneName, BrowserContext>();
const pages: Partial<Record<PhoneName, Page>> = {};
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};
let tablet: BrowserContext;
let t: Page;
let perimeterId = '';
let cafeId = '';
let idea = '';
let posterVideo = '';

afterAll(async () => {
  for (const context of phones.values()) await context.close().catch(() => {});
  for (const profile of Object.values(profiles)) profile.remove();
  rmSync(work, { recursive: true, force: true });
});

/**
 * A phone on its own profile (kept across launches, like a phone switched off and on), with
 * `camera` as the y4m video its camera films; without one, it has no camera.
 */
async function phone(name: PhoneName, camera?: string): Promise<Page> {
  await phones.get(name)?.close();
  const dir = profiles[name].dir;
  const context = await launch(dir, SMALL, camera);
  phones.set(name, context);
  const page = context.pages()[0] ?? (await context.newPage());
  pages[name] = page;
  return page;
}

/**
 * Switches a phone on again, offline, with `camera` filming, on its café page, its clock at the
 * café (tomorrow 15:10 in Paris): a phone's own "Je suis là" is taken only from an hour before the
 * start until the end (domain/cafe-status.ts householdCheckInWindow).
 */
async function phoneAtTheCafe(name: PhoneName, camera: string): Promise<Page> {
  const page = await phone(name, camera);
  await page.clock.setFixedTime(inParis(perimeterDate(1), '15:10'));
  await page.context().setOffline(true);
  await page.goto(`${proxy!.url}#/`);
  await page.getByRole('link', { name: 'Voir le café' }).click();
  await page.getByRole('heading', { name: 'Le Café-Rencontre' }).waitFor(PATIENCE);
  return page;
}

/** Signs a household up from the session's screen, witnessed by Fatima, and answers the first idea. */
async function signUpAndAnswer(name: string, first: string): Promise<void> {
  await signUpHousehold(t, name, async (p) => {
    await p
      .getByRole('group', { name: /Voisins qui accueillent/ })
      .getByRole('checkbox', { name: 'Fatima' })
      .check();
  });
  ids[name] = /#\/scan\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
  const title = await ideaTitle(t);
  if (idea) expect(title, name).toBe(idea);
  idea = title;
  await answer(t, first);
  await t.getByRole('link', { name: 'Faire une pause' }).click();
}

/** The tablet issues a household's phone access and reads its short code. */
async function issueAccess(name: string): Promise<string> {
  await t.goto(`${proxy!.url}#/acces/${ids[name]}`);
  await t.getByRole('button', { name: 'Créer un accès pour le téléphone' }).click();
  const card = await t.locator('.short-code').innerText();
  return /[a-z0-9]{4}(?:[\s-]+[a-z0-9]{4}){3}/.exec(card)?.[0] ?? '';
}

/** The card of the link with `neighbour` on a "Mes voisins" screen. */
const cardOf = (page: Page, neighbour: string) =>
  page.locator('.link-card').filter({ has: page.getByRole('heading', { name: neighbour }) });

/** The lines of the tablet's "who can help whom among those present", sorted. */
const boardLinks = async () => (await t.locator('.cafe-links > li').allInnerTexts()).sort();

/** A phone's matches on the café page, as `name` or `name · Est au café`, sorted. */
const phoneMatches = async (page: Page) =>
  (await page.locator('.cafe-links > li').allInnerTexts()).map((text) => text.split('\n')[0]!.trim()).sort();

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

/** Writes the video of `text`'s QR code, for a phone's fake camera; returns its path. */
function video(name: string, text: string): string {
  const path = join(work, `${name}.y4m`);
  writeFileSync(path, qrVideo(text));
  return path;
}

/**
 * The perimeter's document as a device stored it: every update y-indexeddb keeps in the device's
 * IndexedDB (database `tissage-doc-<perimeter>`, store `updates`), applied to a fresh document.
 */
async function deviceDocument(page: Page): Promise<Y.Doc> {
  const updates = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result as Uint8Array[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows.map((update) => Array.from(update));
  }, `tissage-doc-${perimeterId}`);
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return doc;
}

/** Every record of every shared map, as `map/key` → value, sorted by key. */
function records(doc: Y.Doc): [string, unknown][] {
  return SHARED_MAP_NAMES.flatMap((map) =>
    [...doc.getMap(map).entries()].map(([key, value]) => [`${map}/${key}`, value] as [string, unknown]),
  ).sort(([a], [b]) => a.localeCompare(b));
}

/** Who is recorded at the café in `doc`, as `name: how by author`, sorted. */
function attendance(doc: Y.Doc): string[] {
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return [...doc.getMap<{ present: boolean; how: string; by: string }>('attendance').entries()]
    .filter(([key, value]) => key.startsWith(`${cafeId}/`) && value.present)
    .map(([key, value]) => `${names.get(key.slice(cafeId.length + 1))}: ${value.how} by ${value.by}`)
    .sort();
}

/** The choices between Anna and Bruno in `doc`, as `owner: value`, sorted. */
function choices(doc: Y.Doc): string[] {
  const [a, b] = [ids.Anna!, ids.Bruno!];
  return [...doc.getMap<{ value: string }>('choices').entries()]
    .filter(([key]) => key.startsWith(`${a}/${b}/`) || key.startsWith(`${b}/${a}/`))
    .map(([key, choice]) => `${key.startsWith(a) ? 'Anna' : 'Bruno'}: ${choice.value}`)
    .sort();
}

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `cafe-whole-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

describe('a whole Café-Rencontre with no network: a tablet and two phones', () => {
  it('online: the tablet signs up Anna (offers), Bruno and Claire (look for it) through the proxy', async () => {
    proxy = await controllableTcpProxy(sync.server.port);
    const { code, perimeterId: perimeter } = sync.server.invite('Résidence des Tilleuls');
    perimeterId = perimeter;
    tablet = await sync.newDevice(TABLET);
    t = await tablet.newPage();
    await t.goto(`${proxy.url}#/join/${code}`);
    await waitForServiceWorker(t);
    await describePerimeter(t);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await t.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
    await t.getByLabel('Lieu de la rencontre').fill('Salle commune');
    await t.getByRole('radio', { name: 'Apéritif' }).check();
    await t.getByRole('checkbox', { name: 'Fatima' }).check();
    await t.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await signUpAndAnswer('Anna', 'Je propose');
    await signUpAndAnswer('Bruno', 'Je cherche');
    await signUpAndAnswer('Claire', 'Je cherche');
    for (const name of ['Anna', 'Bruno']) codes[name] = await issueAccess(name);
  });

  it('online: the tablet plans the café on the theme', async () => {
    await t.goto(`${proxy!.url}#/cafes/prevoir`);
    await t.getByLabel('Date').fill(perimeterDate(1));
    await t.getByLabel('Heure de début').fill('15:00');
    await t.getByLabel('Heure de fin').fill('17:30');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await t.getByLabel('Autre lieu (à écrire)').fill('Square des Tilleuls');
    await t.getByLabel('Thème').selectOption({ label: THEME });
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.getByRole('heading', { level: 1, name: THEME }).waitFor(PATIENCE);
    cafeId = /#\/cafe\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
    expect(cafeId).not.toBe('');
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('online: Anna and Bruno join on their phones, see the café, and say yes to each other', async () => {
    for (const [name, other] of [
      ['Anna', 'Bruno'],
      ['Bruno', 'Anna'],
    ] as const) {
      const page = await phone(name);
      await page.goto(`${proxy!.url}#/code`);
      await waitForServiceWorker(page);
      await page.getByLabel('Votre code').fill(codes[name]!);
      await page.getByRole('button', { name: 'Utiliser ce code' }).click();
      await page.getByRole('heading', { name: 'Prochain Café-Rencontre' }).waitFor(PATIENCE);
      await page.getByRole('link', { name: /Mes voisins/ }).click();
      await expect.poll(() => cardOf(page, other).isVisible(), PATIENCE).toBe(true);
      await cardOf(page, other).getByRole('button', { name: 'Je voudrais le contacter' }).click();
    }
    for (const [name, other] of [
      ['Anna', 'Bruno'],
      ['Bruno', 'Anna'],
    ] as const) {
      await expect.poll(() => cardOf(pages[name]!, other).innerText(), PATIENCE).toContain(LINKED);
      await expect.poll(() => syncState(pages[name]!), PATIENCE).toBe('stored');
    }
  });

  it('offline, the tablet ticks Claire, signs up Dora witnessed by her, and shows their link', async () => {
    proxy!.cut();
    await tablet.setOffline(true);
    for (const context of phones.values()) await context.setOffline(true);

    await t.goto(`${proxy!.url}#/cafe/${cafeId}`);
    await t.getByRole('heading', { level: 1, name: THEME }).waitFor(PATIENCE);
    await t.getByRole('checkbox', { name: /Claire/ }).check();
    await expect.poll(() => t.locator('.cafe-count').innerText()).toBe('👥 1 foyer présent');
    await t.getByRole('link', { name: 'Inscrire un nouveau foyer' }).click();
    await t.getByLabel('Nom que les voisins verront').fill('Dora');
    await t.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    const witnesses = t.getByRole('group', { name: /Voisins qui accueillent/ });
    // Only those present may witness: Claire, not Anna nor Bruno, whom this tablet has not seen.
    await expect(witnesses.getByRole('checkbox').count()).resolves.toBe(1);
    await witnesses.getByRole('checkbox', { name: 'Claire' }).check();
    await t.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
    await t.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await t.getByRole('group', { name: 'Votre réponse' }).waitFor(PATIENCE);
    ids.Dora = /#\/scan\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
    expect(await ideaTitle(t)).toBe(idea);
    await answer(t, 'Je propose');

    await t.goto(`${proxy!.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toBe('👥 2 foyers présents');
    await expect(t.locator('.cafe-checkin .is-present').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Claire'),
      expect.stringContaining('Dora'),
    ]);
    await expect.poll(boardLinks).toEqual([`Dora propose, Claire cherche : ${idea}`]);
    await expect.poll(() => syncState(t)).toBe('no-network-waiting');
    await look(t, 'tablet-offline');
  });

  it('offline, the tablet’s poster QR, filmed by Anna’s phone: she is at the café', async () => {
    await t.goto(`${proxy!.url}#/cafe/${cafeId}/affiche`);
    const qr = t.locator('.cafe-poster-qr');
    await qr.waitFor(PATIENCE);
    const text = await decodeQr(await qr.screenshot());
    expect(text).toBe(posterCode(perimeterId, cafeId));
    posterVideo = video('poster', text);

    const anna = await phoneAtTheCafe('Anna', posterVideo);
    await anna.getByRole('button', { name: 'Je suis là' }).click();
    await expect.poll(() => anna.getByText(HERE).isVisible(), PATIENCE).toBe(true);
    // Her phone knows no one else there: their presences are on other devices until they sync.
    await expect.poll(() => phoneMatches(anna)).toEqual(['Bruno', 'Claire']);
    expect(await anna.evaluate(() => navigator.onLine)).toBe(false);
    await look(anna, 'anna-here-offline');
  });

  it('offline, Bruno’s phone films the same poster: he is at the café', async () => {
    const bruno = await phoneAtTheCafe('Bruno', posterVideo);
    await bruno.getByRole('button', { name: 'Je suis là' }).click();
    await expect.poll(() => bruno.getByText(HERE).isVisible(), PATIENCE).toBe(true);
    await expect.poll(() => phoneMatches(bruno)).toEqual(['Anna']);
    // The tablet still counts the two it knows of.
    await t.goto(`${proxy!.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.cafe-count').innerText()).toBe('👥 2 foyers présents');
  });

  it('offline, Anna shows her meeting code and Bruno’s phone films it: they met', async () => {
    const anna = pages.Anna!;
    await anna.getByRole('link', { name: 'Voir mes voisins' }).click();
    await expect.poll(() => cardOf(anna, 'Bruno').innerText(), PATIENCE).toContain(LINKED);
    await cardOf(anna, 'Bruno').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    await cardOf(anna, 'Bruno').getByRole('button', { name: 'Montrer mon code' }).click();
    const qr = cardOf(anna, 'Bruno').getByRole('img', {
      name: 'Code de rencontre à lire avec le téléphone du voisin',
    });
    await qr.waitFor(PATIENCE);
    await expect.poll(() => cardOf(anna, 'Bruno').locator('.link-state').innerText()).toContain(MET);
    const code = await decodeQr(await qr.screenshot());
    expect(code).toMatch(/^TS1:/);

    const bruno = await phone('Bruno', video('anna-code', code));
    await bruno.context().setOffline(true);
    await bruno.goto(`${proxy!.url}#/`);
    await bruno.getByRole('link', { name: /Mes voisins/ }).click();
    await expect.poll(() => cardOf(bruno, 'Anna').innerText(), PATIENCE).toContain(LINKED);
    await cardOf(bruno, 'Anna').getByRole('button', { name: 'Nous nous sommes rencontrés' }).click();
    await cardOf(bruno, 'Anna').getByRole('button', { name: 'Lire le code du voisin' }).click();
    await expect
      .poll(() => cardOf(bruno, 'Anna').innerText(), PATIENCE)
      .toContain('C’est noté : vous vous êtes rencontrés.');
    await expect.poll(() => cardOf(bruno, 'Anna').locator('.link-state').innerText()).toContain(MET);
    await look(bruno, 'bruno-met-offline');
  });

  it('back online, the server and every device hold the same records', async () => {
    proxy!.resume();
    await tablet.setOffline(false);
    for (const context of phones.values()) await context.setOffline(false);

    await expect
      .poll(async () => attendance(await sync.server.serverDocument(perimeterId)), PATIENCE)
      .toEqual([
        'Anna: scanned by household',
        'Bruno: scanned by household',
        'Claire: ticked by facilitator',
        'Dora: ticked by facilitator',
      ]);
    await expect
      .poll(async () => choices(await sync.server.serverDocument(perimeterId)), PATIENCE)
      .toEqual(['Anna: met', 'Bruno: met']);
    const server = await sync.server.serverDocument(perimeterId);
    expect(server.getMap<{ name: string }>('profiles').get(ids.Dora!)?.name).toBe('Dora');
    expect(server.getMap<{ theme: string }>('cafes').get(cafeId)).toBeDefined();

    const devices = { tablet: t, Anna: pages.Anna!, Bruno: pages.Bruno! };
    for (const [name, page] of Object.entries(devices)) {
      await expect.poll(() => syncState(page), { ...PATIENCE, message: name }).toBe('stored');
    }
    const expected = records(await sync.server.serverDocument(perimeterId));
    for (const [name, page] of Object.entries(devices)) {
      await expect
        .poll(async () => records(await deviceDocument(page)), { ...PATIENCE, message: name })
        .toEqual(expected);
    }
  });

  it('back online, the tablet counts four present, two by the poster, and shows the theme’s links', async () => {
    await t.goto(`${proxy!.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toBe('👥 4 foyers présents');
    const present = await t.locator('.cafe-checkin .is-present').allInnerTexts();
    expect(present.map((line) => line.includes('a scanné l’affiche'))).toEqual([true, true, false, false]);
    expect(present).toEqual([
      expect.stringContaining('Anna'),
      expect.stringContaining('Bruno'),
      expect.stringContaining('Claire'),
      expect.stringContaining('Dora'),
    ]);
    await expect
      .poll(boardLinks)
      .toEqual(
        [
          `Anna propose, Bruno cherche : ${idea}`,
          `Anna propose, Claire cherche : ${idea}`,
          `Dora propose, Bruno cherche : ${idea}`,
          `Dora propose, Claire cherche : ${idea}`,
        ].sort(),
      );
    await look(t, 'tablet-online');
    await t.goto(`${proxy!.url}#/voisins/${ids.Bruno}`);
    await expect.poll(() => cardOf(t, 'Anna').locator('.link-state').innerText(), PATIENCE).toContain(MET);
  });

  it('back online, each phone sees the others present on its café page', async () => {
    for (const [name, matches] of [
      ['Anna', ['Bruno · Est au café', 'Claire · Est au café']],
      ['Bruno', ['Anna · Est au café', 'Dora · Est au café']],
    ] as const) {
      const page = pages[name]!;
      await page.goto(`${proxy!.url}#/mon-cafe/${ids[name]}`);
      await page.getByRole('heading', { name: 'Le Café-Rencontre' }).waitFor(PATIENCE);
      await expect.poll(() => phoneMatches(page), { ...PATIENCE, message: name }).toEqual(matches);
      await expect(page.getByText(HERE).isVisible()).resolves.toBe(true);
    }
    await look(pages.Anna!, 'anna-online');
  });
});
