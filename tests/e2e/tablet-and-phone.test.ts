/**
 * A tablet and a phone against the real sync server. The tablet joins the perimeter with an
 * invitation, signs up a household and, offline, issues its phone access; the phone joins with the
 * short code once the tablet has synced. Then both go offline and change the same household's
 * answers (different ideas, and the same idea); back online, both hold the same answers, nothing
 * is lost, and the indicator says saved only once the server stored it. Last, a new version of the
 * app is shipped: the facilitator accepts it and the tablet's data is still there.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import {
  answer,
  answersOf,
  describePerimeter,
  indicator,
  openSessionAndSignUp,
  syncState,
} from './app-steps';
import { PHONE, TABLET, shoot, waitForServiceWorker } from './harness';
import { syncServerAndDevices } from './sync-harness';

const sync = syncServerAndDevices();
let tablet: BrowserContext;
let phone: BrowserContext;
let t: Page;
let p: Page;

/** Léa's answers as this device's read model holds them: idea id -> value. */
const answersOfLea = async (page: Page) => (await answersOf(page, 'Léa')).answers;
const sortedJson = (answers: Record<string, unknown>) => JSON.stringify(Object.entries(answers).sort());

describe('a tablet and a phone, offline then back online', () => {
  it('the tablet joins with an invitation, describes the perimeter and signs up a household', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    tablet = await sync.newDevice(TABLET);
    t = await tablet.newPage();
    await t.goto(`${sync.server.url}#/join/${code}`);
    await waitForServiceWorker(t);
    await describePerimeter(t);
    await expect.poll(() => syncState(t), { timeout: 20_000 }).toBe('stored');
    await expect(indicator(t).innerText()).resolves.toContain('Tout est bien enregistré en ligne');

    await openSessionAndSignUp(t, 'Léa');
    for (const label of ['Je propose', 'Je cherche', 'Je propose et je cherche']) await answer(t, label);
    await t.getByRole('link', { name: 'Faire une pause' }).click();
  });

  it('offline, the tablet issues the phone access and goes on; back online, it says saved', async () => {
    await tablet.setOffline(true);
    await expect.poll(() => syncState(t), { timeout: 20_000 }).not.toBe('stored');
    await t.getByRole('link', { name: 'Accès téléphone : Léa' }).click();
    await t.getByRole('button', { name: 'Créer un accès pour le téléphone' }).click();
    const card = await t.locator('.short-code').innerText();
    const shortCode = /[a-z0-9]{4}(?:[\s-]+[a-z0-9]{4}){3}/.exec(card)?.[0] ?? '';
    expect(shortCode.replace(/[\s-]/g, '')).toHaveLength(16);
    await shoot(t, 'sync-01-phone-access');
    await t.goBack();
    await t.getByRole('link', { name: /Continuer.*Léa/ }).click();
    await answer(t, 'Pas pour moi');
    await answer(t, 'Je propose');
    await expect.poll(() => syncState(t)).toBe('no-network-waiting');
    await expect(indicator(t).innerText()).resolves.toMatch(/Pas de réseau.*envoyés plus tard/);
    await shoot(t, 'sync-02-tablet-offline');
    await t.getByRole('link', { name: 'Faire une pause' }).click();

    await tablet.setOffline(false);
    await expect.poll(() => syncState(t), { timeout: 30_000 }).toBe('stored');
    phone = await sync.newDevice(PHONE);
    p = await phone.newPage();
    await p.goto(`${sync.server.url}#/code`);
    await waitForServiceWorker(p);
    await p.getByLabel('Votre code').fill(shortCode);
    await p.getByRole('button', { name: 'Utiliser ce code' }).click();
    await expect
      .poll(() => p.getByRole('heading', { name: 'Léa' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => answersOfLea(p)).toEqual(await answersOfLea(t));
    await shoot(p, 'sync-03-phone-home');
  });

  it('both offline change Léa’s answers; back online they agree and nothing is lost', async () => {
    await tablet.setOffline(true);
    await phone.setOffline(true);
    await t.getByRole('link', { name: /Continuer.*Léa/ }).click();
    await answer(t, 'Je cherche');
    await answer(t, 'Je propose et je cherche');
    await p.getByRole('button', { name: 'Continuer mes réponses' }).click();
    await answer(p, 'Je propose');
    await p.getByRole('button', { name: 'Passer ce thème' }).click();
    await answer(p, 'Je cherche');
    const tabletOffline = await answersOfLea(t);
    const phoneOffline = await answersOfLea(p);
    await shoot(p, 'sync-04-phone-offline');

    await tablet.setOffline(false);
    await phone.setOffline(false);
    await expect.poll(() => syncState(t), { timeout: 30_000 }).toBe('stored');
    await expect.poll(() => syncState(p), { timeout: 30_000 }).toBe('stored');
    // The same answers on both devices (in whatever order each read model lists them).
    await expect
      .poll(async () => sortedJson(await answersOfLea(p)) === sortedJson(await answersOfLea(t)))
      .toBe(true);
    const merged = await answersOfLea(t);
    const onlyTablet = Object.keys(tabletOffline).filter(
      (idea) => !(idea in phoneOffline) || tabletOffline[idea] !== phoneOffline[idea],
    );
    const onlyPhone = Object.keys(phoneOffline).filter(
      (idea) => !(idea in tabletOffline) || tabletOffline[idea] !== phoneOffline[idea],
    );
    const contested = onlyTablet.filter((idea) => onlyPhone.includes(idea));
    expect(contested).toHaveLength(1);
    for (const idea of onlyTablet.filter((i) => !contested.includes(i)))
      expect(merged[idea]).toBe(tabletOffline[idea]);
    for (const idea of onlyPhone.filter((i) => !contested.includes(i)))
      expect(merged[idea]).toBe(phoneOffline[idea]);
    expect([tabletOffline[contested[0]!], phoneOffline[contested[0]!]]).toContain(merged[contested[0]!]);
    expect(Object.keys(merged).length).toBe(8);
    await expect(indicator(p).innerText()).resolves.toContain('Tout est bien enregistré en ligne');
    await shoot(t, 'sync-05-tablet-saved');
  });

  it('a new version is offered, applied when the facilitator accepts, and the data stays', async () => {
    await t.getByRole('link', { name: 'Faire une pause' }).click();
    appendFileSync(join(sync.server.distDir, 'sw.js'), '\n// a new version\n');
    await t.reload();
    await expect
      .poll(() => t.getByText('Une nouvelle version de Tissage est prête.').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await t.getByRole('button', { name: 'Mettre à jour maintenant' }).click();
    await expect
      .poll(() => t.getByText('Une nouvelle version de Tissage est prête.').isVisible())
      .toBe(false);
    await expect
      .poll(() => t.getByRole('link', { name: /Continuer.*Léa/ }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    expect(Object.keys(await answersOfLea(t)).length).toBe(8);
  });
});
