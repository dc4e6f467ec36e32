/**
 * A second facilitator tablet, joined with its own invitation (what `admin invite` prints), sees
 * the contact details the first tablet recorded at sign-up: the server keeps them, and the second
 * tablet asks for them when a facilitator opens them. With no network, it shows the copy it kept,
 * and says why (tests/server/contacts-fetch.test.ts covers a server that does not answer).
 */
import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncState } from './app-steps';
import {
  TABLET,
  accessibilityViolations,
  launch,
  newProfileDir,
  shoot,
  waitForServiceWorker,
} from './harness';
import { type SyncServer, startSyncServer } from './sync-harness';

const PATIENCE = { timeout: 60_000, interval: 250 };

let server: SyncServer;
const firstProfile = newProfileDir();
const secondProfile = newProfileDir();
let first: BrowserContext;
let second: BrowserContext;
let a: Page;
let b: Page;
let perimeterId = '';

beforeAll(async () => {
  server = await startSyncServer();
});

afterAll(async () => {
  await first?.close().catch(() => {});
  await second?.close().catch(() => {});
  await server?.stop();
  firstProfile.remove();
  secondProfile.remove();
});

/** Léa's contact details on the home's household list, opened. */
async function openContact(page: Page) {
  const details = page.locator('details.contact', { hasText: 'Léa' });
  await details.locator('summary').click();
  return details;
}

describe('contact details on a second facilitator tablet', () => {
  it('the first tablet signs up Léa with her phone number; it reaches the server', async () => {
    const invited = server.invite('Résidence des Tilleuls');
    perimeterId = invited.perimeterId;
    first = await launch(firstProfile.dir, TABLET);
    a = await first.newPage();
    await a.goto(`${server.url}#/join/${invited.code}`);
    await a.getByRole('button', { name: 'Décrire ce nouveau périmètre' }).click();
    await a.getByLabel('Nom du périmètre').fill('Résidence des Tilleuls');
    await a.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
    await a.getByLabel('Nombre de logements').fill('80');
    const founder = a.getByRole('group', { name: 'Personne n° 1' });
    await founder.getByLabel('Nom').fill('Fatima');
    await founder.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    await a.getByRole('button', { name: 'Créer notre périmètre' }).click();
    await a.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
    await a.getByLabel('Lieu de la rencontre').fill('Salle commune');
    await a.getByRole('radio', { name: 'Café' }).check();
    await a.getByRole('checkbox', { name: 'Fatima' }).check();
    await a.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await a.getByRole('link', { name: 'Inscrire un foyer' }).click();
    await a.getByLabel('Nom que les voisins verront').fill('Léa');
    await a.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    await a.getByRole('textbox', { name: /^Téléphone/ }).fill('06 12 34 56 78');
    await a.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
    await a.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await a.getByRole('group', { name: 'Votre réponse' }).waitFor();
    await expect.poll(() => syncState(a), PATIENCE).toBe('stored');
    // Uploaded: the device panel no longer counts them as only on this tablet.
    await a.getByRole('link', { name: 'Faire une pause' }).click();
    await a.getByRole('link', { name: 'Accueil' }).click();
    await a.getByRole('link', { name: 'Cet appareil : enregistrement et copies' }).click();
    await expect
      .poll(
        () => a.getByText('Aucune coordonnée n’attend d’être envoyée depuis cette tablette.').isVisible(),
        PATIENCE,
      )
      .toBe(true);
  });

  it('the second tablet, joined with another invitation, shows Léa’s phone number from the server', async () => {
    second = await launch(secondProfile.dir, TABLET);
    b = await second.newPage();
    await b.goto(`${server.url}#/join/${server.inviteTo(perimeterId)}`);
    await waitForServiceWorker(b);
    await expect.poll(() => b.getByText('Léa').first().isVisible(), PATIENCE).toBe(true);
    const details = await openContact(b);
    await expect.poll(() => details.getByText('06 12 34 56 78').isVisible(), PATIENCE).toBe(true);
    await expect(details.innerText()).resolves.not.toMatch(/Aucune coordonnée|n’a pas pu être interrogé/);
    expect(await accessibilityViolations(b)).toEqual([]);
    await shoot(b, 'contacts-01-second-tablet');
  });

  it('with no network, the second tablet shows the copy it kept and says why it is not fresh', async () => {
    await b.reload();
    await second.setOffline(true);
    const details = await openContact(b);
    await expect
      .poll(
        () => details.getByText('Pas de réseau sur cette tablette', { exact: false }).isVisible(),
        PATIENCE,
      )
      .toBe(true);
    await expect(details.getByText('06 12 34 56 78').isVisible()).resolves.toBe(true);
    await shoot(b, 'contacts-02-second-tablet-offline');
  });
});
