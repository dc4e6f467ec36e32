/**
 * A household's rights on its screens (issue 13, must-haves 4 and 5), in Chromium against the real
 * sync server. The tablet signs up Zoé (with her phone number, one answer) and Bruno, and gives Zoé
 * a phone access. On her phone Zoé opens "Mes informations": her profile, her answer and, online,
 * the number the server keeps; offline the screen says it cannot show the number. She downloads
 * the JSON file (format 2, read back, checked against domain/erasure.ts `householdExportSchema`), then erases
 * herself in two steps: her phone shows the goodbye screen and holds nothing of the perimeter any
 * more, her credential is refused, and the tablet lists her no more once synced. The tablet erases
 * Chloé from her page, for her.
 *
 * Retention: a second tablet whose clock is three years ahead (Playwright's clock, which fakes
 * `Date` in the page) joins the same perimeter; its "Foyers sans nouvelles" lists Bruno and the
 * founder Fatima, with their last activity, none with a limit of 48 months (kept on the tablet
 * across a reload); back to 24, it erases them after the confirmation, and the server's document
 * holds their erased markers.
 *
 * Every screen is shot under /tmp/h17-shots/ (looked at) and checked with axe.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { householdExportSchema } from '../../src/domain/erasure';
import {
  answer,
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpWithPhone,
  storedTokens,
  syncState,
} from './app-steps';
import { TABLET, type Viewport, accessibilityViolations, waitForServiceWorker } from './harness';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const SHOTS = '/tmp/h17-shots';
const SMALL: Viewport = { width: 360, height: 640 };
const ZOE = 'Zoé Quetzalcoatl';
const ZOE_PHONE = '06 91 82 73 64';
const BRUNO = 'Bruno Ixtabal';
const CHLOE = 'Chloé Ravenstein';
const THREE_YEARS_MS = 3 * 366 * 24 * 3600 * 1000;

const sync = syncServerAndDevices();
let t: Page;
let phone: Page;
let phoneContext: BrowserContext;
let perimeterId = '';
let zoeToken = '';
const ids: Record<string, string> = {};

async function looked(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  expect(await accessibilityViolations(page), name).toEqual([]);
}

async function signUp(page: Page, name: string, number: string): Promise<void> {
  ids[name] = await signUpWithPhone(page, name, number);
  await answer(page, 'Je propose');
  await page.getByRole('link', { name: 'Faire une pause' }).click();
}

/** The device's credential for the perimeter, as its `access` table holds it (undefined once gone). */
const storedToken = async (page: Page) => (await storedTokens(page))[0];

/** Names of the page's IndexedDB databases. */
const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));

describe('a household sees, downloads and erases what Tissage keeps about it', () => {
  it('the tablet signs up Zoé (with her phone) and Bruno; Zoé’s phone joins', async () => {
    const invited = sync.server.invite('Résidence des Tilleuls');
    perimeterId = invited.perimeterId;
    t = await (await sync.newDevice(TABLET)).newPage();
    await joinAndDescribe(t, sync.server.url, invited.code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    await signUp(t, ZOE, ZOE_PHONE);
    await signUp(t, BRUNO, '');
    await signUp(t, CHLOE, '');
    const code = await issuePhoneAccess(t, sync.server.url, ids[ZOE]!);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');

    phoneContext = await sync.newDevice(SMALL);
    phone = await phoneContext.newPage();
    await enterPhoneCode(phone, sync.server.url, code);
    await expect.poll(() => phone.getByRole('heading', { name: ZOE }).isVisible(), PATIENCE).toBe(true);
    zoeToken = (await storedToken(phone)) ?? '';
    expect(zoeToken).not.toBe('');
  });

  it('her phone shows her profile, her answer and, online, the number the server keeps', async () => {
    await phone.getByRole('link', { name: /Mes informations/ }).click();
    await phone.getByRole('heading', { level: 1, name: 'Mes informations' }).waitFor();
    await expect.poll(() => phone.locator('main').innerText(), PATIENCE).toContain(ZOE_PHONE);
    const text = await phone.locator('main').innerText();
    expect(text).toContain(ZOE);
    expect(text).toContain('Bâtiment A');
    expect(
      await phone.locator('#own-answers ~ ul li, section[aria-labelledby="own-answers"] li').count(),
    ).toBe(1);
    await looked(phone, 'own-data-phone');
  });

  it('downloads her data as the JSON file of format v2, with her number, named with her name and the day', async () => {
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.getByRole('button', { name: 'Télécharger mes informations' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^tissage-informations-zoe-quetzalcoatl-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const parsed = householdExportSchema.safeParse(JSON.parse(readFileSync(await download.path(), 'utf8')));
    expect(parsed.success).toBe(true);
    const data = parsed.data!;
    expect(data).toMatchObject({
      format: 'tissage-household-data',
      version: 2,
      perimeterId,
      householdId: ids[ZOE],
      profile: { name: ZOE },
      contact: { phone: ZOE_PHONE },
      contactFrom: 'server',
    });
    expect(data.answers).toHaveLength(1);
    // The idea she answered is named in the file, and the format says where it is described.
    expect(data.ideaTitles[data.answers[0]!.ideaId]).toBeTruthy();
    expect(data.documentation).toContain('README.md');
    expect(data.description.contact).toBeTruthy();
    await expect
      .poll(() => phone.getByRole('status').allInnerTexts())
      .toContain('Le fichier est téléchargé.');
  });

  it('offline, the screen says it cannot show her number, and still shows the rest', async () => {
    await phoneContext.setOffline(true);
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Mes informations' }).waitFor();
    await expect
      .poll(() => phone.locator('main').innerText(), PATIENCE)
      .toContain('Pas de réseau, ou le site Tissage ne répond pas : on ne peut pas les montrer maintenant.');
    expect(await phone.locator('main').innerText()).toContain(ZOE);
    await looked(phone, 'own-data-phone-offline');
    // The network back, the screen asks again by itself once the sync is online: no reload.
    await phoneContext.setOffline(false);
    await expect.poll(() => phone.locator('main').innerText(), PATIENCE).toContain(ZOE_PHONE);
  });

  it('erases herself after the confirmation: goodbye, nothing left on the phone, her credential refused', async () => {
    // The check below reads something: before the erasure the phone holds the perimeter's databases.
    expect((await databases(phone)).filter((name) => name.includes(perimeterId))).not.toEqual([]);
    await phone.getByRole('button', { name: 'Effacer mes informations' }).click();
    const confirm = phone.getByRole('heading', { name: 'Voulez-vous vraiment tout effacer ?' });
    await confirm.waitFor();
    expect(await phone.locator('main').innerText()).toContain('On ne peut pas revenir en arrière.');
    await looked(phone, 'own-data-phone-confirm');
    // "Non" goes back; nothing was asked of the server.
    await phone.getByRole('button', { name: 'Non, garder' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    await phone.getByRole('button', { name: 'Effacer mes informations' }).click();
    await phone.getByRole('button', { name: 'Oui, tout effacer' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Au revoir' }).waitFor(PATIENCE);
    await looked(phone, 'own-data-phone-goodbye');
    await expect.poll(() => storedToken(phone), PATIENCE).toBeUndefined();
    await expect
      .poll(async () => (await databases(phone)).filter((name) => name.includes(perimeterId)), PATIENCE)
      .toEqual([]);
    const refused = await fetch(`${sync.server.url}api/own-data/${ids[ZOE]}`, {
      headers: { Authorization: `Bearer ${zoeToken}` },
    });
    expect(refused.status).toBe(403);
    // Opened again, the phone is a new device: the welcome, not her home.
    await phone.goto(`${sync.server.url}#/`);
    await phone.getByRole('link', { name: /J’ai un code/ }).waitFor(PATIENCE);
  });

  it('the tablet, once synced, lists her no more, and says so on her page', async () => {
    await t.goto(`${sync.server.url}#/`);
    await expect
      .poll(async () => {
        const text = await t.locator('main').innerText();
        return { zoe: text.includes(ZOE), bruno: text.includes(BRUNO) };
      }, PATIENCE)
      .toEqual({ zoe: false, bruno: true });
    await t.goto(`${sync.server.url}#/informations/${ids[ZOE]}`);
    await expect
      .poll(() => t.locator('main').innerText(), PATIENCE)
      .toContain('Ce foyer n’est plus dans Tissage.');
  });

  it('the tablet shows Bruno’s data for him', async () => {
    await t.goto(`${sync.server.url}#/informations/${ids[BRUNO]}`);
    await t.getByRole('heading', { level: 1, name: `Pour ${BRUNO} : ses informations` }).waitFor(PATIENCE);
    await expect
      .poll(() => t.locator('main').innerText(), PATIENCE)
      .toContain('Aucun numéro ni e-mail gardé.');
    // The tablet speaks of the household, not as it.
    const headings = await t.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings).toContain('Ses réponses aux idées');
    expect(headings).not.toContain('Mes réponses aux idées');
    await looked(t, 'own-data-tablet');
  });
});

describe('the tablet erases a household for it', () => {
  it('from Chloé’s page, after the confirmation: the server erased her, the tablet says so', async () => {
    await t.goto(`${sync.server.url}#/informations/${ids[CHLOE]}`);
    await t.getByRole('heading', { level: 1, name: `Pour ${CHLOE} : ses informations` }).waitFor(PATIENCE);
    await t.getByRole('button', { name: 'Effacer ses informations' }).click();
    await t.getByRole('button', { name: 'Oui, tout effacer' }).click();
    await t
      .getByRole('heading', { level: 1, name: 'Les informations de ce foyer sont effacées.' })
      .waitFor(PATIENCE);
    const doc = await sync.server.serverDocument(perimeterId);
    const profile = doc.getMap<{ name: string; erasedAt?: string }>('profiles').get(ids[CHLOE]!);
    expect(profile?.erasedAt).toBeDefined();
    expect(profile?.name).not.toBe(CHLOE);
    await t.goto(`${sync.server.url}#/`);
    await expect
      .poll(async () => {
        const text = await t.locator('main').innerText();
        return { chloe: text.includes(CHLOE), bruno: text.includes(BRUNO) };
      }, PATIENCE)
      .toEqual({ chloe: false, bruno: true });
  });
});

describe('retention: a tablet three years later erases the households with no news', () => {
  let later: Page;

  it('lists Bruno and Fatima with their last activity, none with a limit of 48 months', async () => {
    const context = await sync.newDevice(TABLET);
    await context.clock.setSystemTime(Date.now() + THREE_YEARS_MS);
    later = await context.newPage();
    await later.goto(`${sync.server.url}#/join/${sync.server.inviteTo(perimeterId)}`);
    await waitForServiceWorker(later);
    await expect.poll(() => later.locator('main').innerText(), PATIENCE).toContain(BRUNO);
    await later.getByRole('link', { name: 'Foyers sans nouvelles' }).click();
    await later.getByRole('heading', { level: 1, name: 'Foyers sans nouvelles' }).waitFor();
    await later.getByRole('heading', { name: /^2 foyers sans nouvelles depuis 24 mois/ }).waitFor(PATIENCE);
    const list = await later.locator('.retention-list').innerText();
    expect(list).toContain(BRUNO);
    expect(list).toContain('Fatima');
    expect(list).not.toContain(ZOE);
    expect(list).not.toContain(CHLOE);
    // With its year: the list looks years back.
    expect(list).toMatch(/dernière nouvelle le \d{1,2} \S+ \d{4}/);
    await looked(later, 'retention-tablet');
    await later.getByLabel('Sans nouvelles depuis (en mois)').fill('48');
    await later.getByLabel('Sans nouvelles depuis (en mois)').press('Tab');
    await expect
      .poll(() => later.locator('main').innerText())
      .toContain('Aucun foyer sans nouvelles depuis 48 mois.');
    // Kept on the tablet: the screen opens again at 48.
    await later.reload();
    await expect
      .poll(() => later.locator('main').innerText(), PATIENCE)
      .toContain('Aucun foyer sans nouvelles depuis 48 mois.');
    await later.getByLabel('Sans nouvelles depuis (en mois)').fill('24');
    await later.getByLabel('Sans nouvelles depuis (en mois)').press('Tab');
  });

  it('refuses an impossible number of months beside the box, and offers no erasure of a list it does not say', async () => {
    const box = later.getByLabel('Sans nouvelles depuis (en mois)');
    const erase = later.getByRole('button', { name: 'Effacer ces foyers' });
    await erase.waitFor(PATIENCE);
    await later.setViewportSize({ width: 320, height: 640 });
    for (const typed of ['0', '-3', '2.5', '601', '99999999', '']) {
      await box.fill(typed);
      await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
      const described = (await box.getAttribute('aria-describedby')) ?? '';
      expect(await later.locator(`[id="${described.split(' ').at(-1)}"]`).innerText()).toContain(
        'Écrivez un nombre entier de mois, entre 1 et 600.',
      );
      expect(await erase.count(), typed).toBe(0);
      expect(await later.locator('main').innerText()).toContain('Cette liste est celle de 24 mois');
      expect(
        await later.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        ),
      ).toBe(true);
    }
    await looked(later, 'retention-tablet-refused-320');
    await later.setViewportSize(TABLET);
    await box.fill('24');
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe(null);
    await erase.waitFor(PATIENCE);
  });

  it('erases them in one step after the confirmation; the server holds their erased markers', async () => {
    await later.getByRole('button', { name: 'Effacer ces foyers' }).click();
    await later.getByRole('heading', { name: 'Effacer ces 2 foyers ?' }).waitFor();
    await looked(later, 'retention-tablet-confirm');
    await later.getByRole('button', { name: 'Oui, effacer' }).click();
    await expect
      .poll(() => later.getByRole('status').allInnerTexts(), PATIENCE)
      .toContain('2 foyers effacés.');
    await expect
      .poll(() => later.locator('main').innerText(), PATIENCE)
      .toContain('Aucun foyer sans nouvelles depuis 24 mois.');
    await looked(later, 'retention-tablet-done');
    const doc = await sync.server.serverDocument(perimeterId);
    const profiles = doc.getMap<{ name: string; erasedAt?: string }>('profiles');
    expect(profiles.get(ids[BRUNO]!)?.erasedAt).toBeDefined();
    expect([...profiles.values()].filter((p) => p.erasedAt === undefined)).toEqual([]);
  });
});
