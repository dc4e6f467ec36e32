/**
 * The sync indicator's words tell apart the three things that stop a device from saving online,
 * because each asks something different of the person holding it:
 * - no network on this device (`context.setOffline(true)`: the page hears `offline`);
 * - the server does not answer while the network is up: the link stalls (a TCP proxy that holds
 *   every byte, tests/fixtures/controllable-tcp-proxy.ts; no event, the socket stays open), or the
 *   server is stopped (connections refused);
 * - refused: the household's phone access was revoked by the facilitator.
 * None of them says "Hors connexion". The phone is a 360 × 740 one, and is seen first as a brand-new
 * phone: it opens on "J'ai un code", not on creating a perimeter; its "not found" screen does not
 * speak of a tablet.
 */
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { type ControllableTcpProxy, controllableTcpProxy } from '../fixtures/controllable-tcp-proxy';
import { answer, foundAndSignUp, indicator, syncState } from './app-steps';
import { SMALL_PHONE, TABLET, accessibilityViolations, shoot, waitForServiceWorker } from './harness';
import { syncServerAndDevices } from './sync-harness';

/**
 * Long enough for the app's bounded waits (10 s for a first answer, 25 s of silence: more than two
 * of the server's pings) and a reconnection backoff; a guard against hanging, not a measure.
 */
const PATIENCE = { timeout: 90_000, interval: 250 };

let proxy: ControllableTcpProxy;
const sync = syncServerAndDevices({
  started: async (server) => {
    proxy = await controllableTcpProxy(server.port);
  },
  stopping: async () => {
    await proxy?.close();
  },
});
let tablet: BrowserContext;
let phone: BrowserContext;
let t: Page;
let p: Page;

/** The indicator's full sentence, as shown and as said to screen readers. */
const words = (page: Page) => indicator(page).innerText();

describe('the status words', () => {
  it('a tablet joining an empty perimeter says only that, then that it is saved online', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    tablet = await sync.newDevice(TABLET);
    t = await tablet.newPage();
    await foundAndSignUp(t, proxy.url, code, 'Léa', async (page) => {
      // The server answered with nothing: that alone is said, not "receiving" nor "saved".
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(
        'Ce périmètre est encore vide',
      );
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/Réception|Gardez cette page ouverte|enregistré en ligne/);
      expect(await page.locator('.sync').count()).toBe(0);
      await shoot(page, 'status-00-empty-perimeter');
    });
    await waitForServiceWorker(t);
    await answer(t, 'Je propose');
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await expect(words(t)).resolves.toContain('Tout est bien enregistré en ligne');
  });

  it('with no network on the device, it says so, and changes wait', async () => {
    await tablet.setOffline(true);
    await answer(t, 'Je cherche');
    await expect.poll(() => syncState(t), PATIENCE).toBe('no-network-waiting');
    const text = await words(t);
    expect(text).toContain('Pas de réseau sur cet appareil. 1 changement sera envoyé plus tard.');
    expect(text).not.toMatch(/Hors connexion|ne répond pas|Refusé/);
    await shoot(t, 'status-01-no-network');
    await tablet.setOffline(false);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('when the link stalls with the network up, it says the server does not answer', async () => {
    proxy.stall();
    await answer(t, 'Pas pour moi');
    await expect.poll(() => syncState(t), PATIENCE).toBe('unreachable-waiting');
    const text = await words(t);
    expect(text).toContain('Le site Tissage ne répond pas. 1 changement sera envoyé plus tard.');
    expect(text).not.toMatch(/Hors connexion|Pas de réseau|Refusé/);
    await shoot(t, 'status-02-stalled');
    proxy.resume();
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('a brand-new phone opens on "J’ai un code" and joins with the code of its card', async () => {
    await t.getByRole('link', { name: 'Faire une pause' }).click();
    await t.getByRole('link', { name: 'Accueil' }).click();
    await t.getByRole('link', { name: 'Accès téléphone : Léa' }).click();
    await t.getByRole('button', { name: 'Créer un accès pour le téléphone' }).click();
    const card = await t.locator('.short-code').innerText();
    const shortCode = /[a-z0-9]{4}(?:\s+[a-z0-9]{4}){3}/.exec(card)?.[0] ?? '';
    // The card prints the code the way the code field's hint shows it: four groups, spaces between.
    expect(shortCode.replace(/\s/g, '')).toHaveLength(16);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');

    phone = await sync.newDevice(SMALL_PHONE);
    p = await phone.newPage();
    await p.goto(sync.server.url);
    const haveCode = p.getByRole('link', { name: 'J’ai un code' });
    await expect.poll(() => haveCode.isVisible()).toBe(true);
    // The first thing on the screen, without scrolling; creating a perimeter is only offered.
    const box = await haveCode.boundingBox();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(SMALL_PHONE.height);
    expect(await p.getByLabel('Nom du périmètre').count()).toBe(0);
    expect(await accessibilityViolations(p)).toEqual([]);
    await shoot(p, 'status-03-new-phone');
    await haveCode.click();
    await expect.poll(() => p.getByText('Par exemple : abcd efgh jkmn pqrs').isVisible()).toBe(true);
    await p.getByLabel('Votre code').fill(shortCode);
    await p.getByRole('button', { name: 'Utiliser ce code' }).click();
    await expect.poll(() => p.getByRole('heading', { name: 'Léa' }).isVisible(), PATIENCE).toBe(true);
    await expect.poll(() => syncState(p), PATIENCE).toBe('stored');

    // A facilitator's address on the household's phone: not found, in a phone's words.
    await p.evaluate(() => (location.hash = '#/catalogue'));
    await expect.poll(() => p.getByRole('heading', { name: 'Page introuvable' }).isVisible()).toBe(true);
    await expect(p.locator('main').innerText()).resolves.not.toMatch(/tablette/);
    await p.getByRole('link', { name: 'Revenir à l’accueil' }).click();
    await expect.poll(() => p.getByRole('heading', { name: 'Léa' }).isVisible()).toBe(true);
  });

  it('once its access is revoked, the phone says it was refused', async () => {
    await t.getByRole('button', { name: /Retirer cet accès/ }).click();
    await t.getByRole('button', { name: 'Oui, le retirer' }).click();
    await expect.poll(() => syncState(p), PATIENCE).toBe('revoked');
    const text = await words(p);
    expect(text).toContain('Refusé : l’accès de cet appareil a été retiré.');
    expect(text).not.toMatch(/Hors connexion|Pas de réseau|ne répond pas/);
    expect(await accessibilityViolations(p)).toEqual([]);
    await shoot(p, 'status-04-phone-refused');
  });

  it('with the server stopped and the network up, it says the server does not answer', async () => {
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await sync.server.stop();
    await expect.poll(() => syncState(t), PATIENCE).toBe('unreachable-stored');
    const text = await words(t);
    expect(text).toMatch(/Le site Tissage ne répond pas\. Tout était enregistré en ligne/);
    expect(text).not.toMatch(/Hors connexion|Pas de réseau|Refusé/);
    // The page's network is up all along: the browser never said otherwise.
    expect(await t.evaluate(() => navigator.onLine)).toBe(true);
    await shoot(t, 'status-05-server-stopped');
  });
});
