/**
 * A household's phone learns that its household is erased however it happened (issue 13,
 * workspace/own-erasure.ts), in Chromium against the real sync server:
 * - Zoé's phone (320 px wide, 32 px text) joins; « Au revoir » opened by its address while it is
 *   joined goes home (nothing was erased). The phone is closed (its browser quits). The tablet,
 *   offline, shows on « Pour Zoé » the copy of her number it keeps, said to be that copy; online
 *   again it erases her for her. When her phone opens again, the server refuses its credential as
 *   erased: it says « Au revoir » and keeps no database of the perimeter, nor its credential, and
 *   nothing sticks out sideways at 320 px.
 * - Dario's phone, open on his home while the tablet erases him, says « Au revoir » at once.
 * - Bruno's « Mes voisins » says what shows without network only offline. He erases himself from his phone, but the answer is lost on the way back (the request
 *   reaches the real server, then the connection is cut before the page reads the answer): the
 *   phone never says « rien n'est effacé »; it finds out and says « Au revoir », with no perimeter
 *   database left.
 * - Chloé's phone (320 px, 32 px text) the same, its sync's socket gone silent and its own-data
 *   request cut too: it says it does not know yet, with « Vérifier maintenant »; once the server
 *   answers, that button finds out, and the phone says « Au revoir ».
 * Screens are shot under test-results/screens/erased-elsewhere-*.png and checked with axe.
 */
import type { BrowserContext, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import {
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpWithPhone,
  storedTokens,
  syncState,
} from './app-steps';
import {
  TABLET,
  type Viewport,
  accessibilityViolations,
  launch,
  newProfileDir,
  setDefaultFont,
  shoot,
  sidewaysOverflow,
} from './harness';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const NARROW: Viewport = { width: 320, height: 640 };
const ZOE = 'Zoé Quetzalcoatl';
const ZOE_PHONE = '06 91 82 73 64';
const BRUNO = 'Bruno Ixtabal';
const CHLOE = 'Chloé Ravenstein';
const DARIO = 'Dario Ngoma';

const zoeProfile = newProfileDir();
const chloeProfile = newProfileDir();
let zoeContext: BrowserContext | undefined;
let chloeContext: BrowserContext | undefined;
const sync = syncServerAndDevices({
  stopping: async () => {
    await zoeContext?.close().catch(() => {});
    await chloeContext?.close().catch(() => {});
  },
});
afterAll(() => {
  zoeProfile.remove();
  chloeProfile.remove();
});

let t: Page;
let perimeterId = '';
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `erased-elsewhere-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** Names of the page's IndexedDB databases that belong to the perimeter. */
const perimeterDatabases = (page: Page) =>
  page.evaluate(
    async (id) =>
      (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.includes(id)),
    perimeterId,
  );

/** Every text the page showed from now on (its body's, at each change), to look for one that passed. */
async function recordTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => seen.push(document.body.innerText)).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

const textsSeen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

async function joinWithCode(page: Page, name: string): Promise<void> {
  await enterPhoneCode(page, sync.server.url, codes[name]!);
  await expect.poll(() => page.getByRole('heading', { name }).isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => perimeterDatabases(page), PATIENCE).not.toEqual([]);
}

describe('a household’s phone learns its household was erased elsewhere', () => {
  it('the tablet signs up Zoé (with her number), Bruno, Chloé and Dario, and gives each a phone code', async () => {
    const invited = sync.server.invite('Résidence des Tilleuls');
    perimeterId = invited.perimeterId;
    t = await (await sync.newDevice(TABLET)).newPage();
    await joinAndDescribe(t, sync.server.url, invited.code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    for (const [name, number] of [
      [ZOE, ZOE_PHONE],
      [BRUNO, ''],
      [CHLOE, ''],
      [DARIO, ''],
    ] as const) {
      ids[name] = await signUpWithPhone(t, name, number);
      await t.getByRole('link', { name: 'Faire une pause' }).click();
    }
    for (const name of [ZOE, BRUNO, CHLOE, DARIO])
      codes[name] = await issuePhoneAccess(t, sync.server.url, ids[name]!);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('Zoé’s phone joins; « Au revoir » by its address goes home: nothing was erased', async () => {
    setDefaultFont(zoeProfile.dir, 32);
    zoeContext = await launch(zoeProfile.dir, NARROW);
    const phone = zoeContext.pages()[0] ?? (await zoeContext.newPage());
    await joinWithCode(phone, ZOE);
    await phone.goto(`${sync.server.url}#/au-revoir`);
    await expect.poll(() => phone.url(), PATIENCE).not.toContain('au-revoir');
    await phone.getByRole('heading', { name: ZOE }).waitFor(PATIENCE);
    expect(await phone.locator('main').innerText()).not.toContain('Vos informations sont effacées');
    await zoeContext.close();
    zoeContext = undefined;
  });

  it('the tablet, offline, shows the copy of her number it keeps, said to be that copy', async () => {
    await t.context().setOffline(true);
    await t.goto(`${sync.server.url}#/informations/${ids[ZOE]}`);
    await t.getByRole('heading', { level: 1, name: `Pour ${ZOE} : ses informations` }).waitFor(PATIENCE);
    const contact = t.locator('section[aria-labelledby="own-contact"]');
    await expect.poll(() => contact.innerText(), PATIENCE).toContain('copie gardée sur cette tablette');
    expect(await contact.innerText()).toContain(ZOE_PHONE);
    expect(await contact.innerText()).toMatch(/du \d{1,2} \S+ \d{4}/);
    await look(t, 'tablet-kept-copy');
    await t.context().setOffline(false);
  });

  it('online, the tablet erases Zoé for her while her phone is closed', async () => {
    await t.reload();
    await t.getByRole('button', { name: 'Effacer ses informations' }).click();
    await t.getByRole('button', { name: 'Oui, tout effacer' }).click();
    await t
      .getByRole('heading', { level: 1, name: 'Les informations de ce foyer sont effacées.' })
      .waitFor(PATIENCE);
    const doc = await sync.server.serverDocument(perimeterId);
    expect(doc.getMap<{ erasedAt?: string }>('profiles').get(ids[ZOE]!)?.erasedAt).toBeDefined();
  });

  it('her phone opens again: « Au revoir », and it keeps nothing of the perimeter', async () => {
    zoeContext = await launch(zoeProfile.dir, NARROW);
    const phone = zoeContext.pages()[0] ?? (await zoeContext.newPage());
    // Before the erasure reached it, the phone still held the perimeter: the check below reads something.
    await phone.goto(`${sync.server.url}#/`);
    await phone.getByRole('heading', { level: 1, name: 'Au revoir' }).waitFor(PATIENCE);
    expect(await phone.locator('main').innerText()).toContain('Vos informations sont effacées.');
    await expect.poll(() => perimeterDatabases(phone), PATIENCE).toEqual([]);
    await expect.poll(() => storedTokens(phone), PATIENCE).toEqual([]);
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await look(phone, 'phone-goodbye-320-32px');
    // Its link home is the welcome of a new device.
    await phone.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await phone.getByRole('link', { name: /J’ai un code/ }).waitFor(PATIENCE);
  });

  it('Dario’s phone is open on his home when the tablet erases him: « Au revoir » at once', async () => {
    const phone = await (await sync.newDevice(NARROW)).newPage();
    await joinWithCode(phone, DARIO);
    await expect.poll(() => syncState(phone), PATIENCE).toBe('stored');
    await t.goto(`${sync.server.url}#/informations/${ids[DARIO]}`);
    await t.getByRole('button', { name: 'Effacer ses informations' }).click();
    await t.getByRole('button', { name: 'Oui, tout effacer' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Au revoir' }).waitFor(PATIENCE);
    await expect.poll(() => perimeterDatabases(phone), PATIENCE).toEqual([]);
    await expect.poll(() => storedTokens(phone), PATIENCE).toEqual([]);
  });

  it('Bruno’s neighbours say what shows without network only offline; he erases himself, the answer is lost: never « rien n’est effacé », then « Au revoir »', async () => {
    const context = await sync.newDevice(NARROW);
    const phone = await context.newPage();
    await joinWithCode(phone, BRUNO);
    // « Mes voisins » says what shows without network only when there is none.
    const note = 'Sans réseau, vous voyez ce qui était là';
    await phone.goto(`${sync.server.url}#/voisins/${ids[BRUNO]}`);
    await phone.getByRole('heading', { level: 1 }).waitFor(PATIENCE);
    await expect.poll(() => syncState(phone), PATIENCE).toBe('stored');
    expect(await phone.locator('main').innerText()).not.toContain(note);
    await context.setOffline(true);
    await expect.poll(() => phone.locator('main').innerText(), PATIENCE).toContain(note);
    await context.setOffline(false);
    await expect.poll(() => phone.locator('main').innerText(), PATIENCE).not.toContain(note);
    await phone.goto(`${sync.server.url}#/`);
    await phone.getByRole('link', { name: /Mes informations/ }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mes informations' }).waitFor(PATIENCE);
    // The request reaches the real server, which erases; the answer never reaches the page.
    let served = 0;
    await context.route(/\/api\/erasure\//, async (route) => {
      const response = await route.fetch();
      served = response.status();
      await route.abort('connectionreset');
    });
    await recordTexts(phone);
    await phone.getByRole('button', { name: 'Effacer mes informations' }).click();
    await phone.getByRole('button', { name: 'Oui, tout effacer' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Au revoir' }).waitFor(PATIENCE);
    expect(served).toBe(200);
    expect((await textsSeen(phone)).filter((text) => text.includes('rien n’est effacé'))).toEqual([]);
    await expect.poll(() => perimeterDatabases(phone), PATIENCE).toEqual([]);
    await expect.poll(() => storedTokens(phone), PATIENCE).toEqual([]);
  });

  it('Chloé (320 px, 32 px text) cannot find out at once: « on ne sait pas encore », then « Vérifier maintenant » finds out', async () => {
    setDefaultFont(chloeProfile.dir, 32);
    chloeContext = await launch(chloeProfile.dir, NARROW);
    // The sync's socket goes through here; once `silent`, nothing passes either way (a stalled
    // link): the phone cannot hear the server's 'erased' on it.
    let silent = false;
    await chloeContext.routeWebSocket(/\/sync/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        if (!silent) server.send(message);
      });
      server.onMessage((message) => {
        if (!silent) socket.send(message);
      });
    });
    const phone = chloeContext.pages()[0] ?? (await chloeContext.newPage());
    await joinWithCode(phone, CHLOE);
    await phone.getByRole('link', { name: /Mes informations/ }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mes informations' }).waitFor(PATIENCE);
    silent = true;
    let served = 0;
    await chloeContext.route(/\/api\/erasure\//, async (route) => {
      served = (await route.fetch()).status();
      await route.abort('connectionreset');
    });
    const cutOwnData = (route: { abort(code: string): Promise<void> }) => route.abort('connectionreset');
    await chloeContext.route(/\/api\/own-data\//, cutOwnData);
    await recordTexts(phone);
    await phone.getByRole('button', { name: 'Effacer mes informations' }).click();
    await phone.getByRole('button', { name: 'Oui, tout effacer' }).click();
    const check = phone.getByRole('button', { name: 'Vérifier maintenant' });
    await check.waitFor(PATIENCE);
    expect(served).toBe(200);
    const card = phone.locator('section[aria-labelledby="own-erase"]');
    expect(await card.innerText()).toContain('On ne sait pas encore si tout est effacé');
    expect(await card.innerText()).not.toContain('rien n’est effacé');
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await look(phone, 'phone-unknown-320-32px');
    // The server answers again: asked, it says the household is erased.
    await chloeContext.unroute(/\/api\/own-data\//, cutOwnData);
    await check.click();
    await phone.getByRole('heading', { level: 1, name: 'Au revoir' }).waitFor(PATIENCE);
    expect((await textsSeen(phone)).filter((text) => text.includes('rien n’est effacé'))).toEqual([]);
    await expect.poll(() => perimeterDatabases(phone), PATIENCE).toEqual([]);
    await expect.poll(() => storedTokens(phone), PATIENCE).toEqual([]);
  });
});
