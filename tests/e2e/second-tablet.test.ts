/**
 * A second facilitator tablet, joined with its own invitation (what `admin invite` prints), sees
 * the contact details the first tablet recorded at sign-up: the server keeps them, and the second
 * tablet asks for them when a facilitator opens them. With no network, it shows the copy it kept,
 * and says why (tests/server/contacts-fetch.test.ts covers a server that does not answer).
 */
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { describePerimeter, signUpHousehold, syncState } from './app-steps';
import { openSession } from './cafe-steps';
import { TABLET, accessibilityViolations, shoot, waitForServiceWorker } from './harness';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 60_000, interval: 250 };

const sync = syncServerAndDevices();
let second: BrowserContext;
let a: Page;
let b: Page;
let perimeterId = '';

/** Léa's contact details on the home's household list, opened. */
async function openContact(page: Page) {
  const details = page.locator('details.contact', { hasText: 'Léa' });
  await details.locator('summary').click();
  return details;
}

describe('contact details on a second facilitator tablet', () => {
  it('the first tablet signs up Léa with her phone number; it reaches the server', async () => {
    const invited = sync.server.invite('Résidence des Tilleuls');
    perimeterId = invited.perimeterId;
    a = await (await sync.newDevice(TABLET)).newPage();
    await a.goto(`${sync.server.url}#/join/${invited.code}`);
    await describePerimeter(a);
    await openSession(a, ['Fatima']);
    await signUpHousehold(a, 'Léa', (page) =>
      page.getByRole('textbox', { name: /^Téléphone/ }).fill('06 12 34 56 78'),
    );
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
    second = await sync.newDevice(TABLET);
    b = await second.newPage();
    await b.goto(`${sync.server.url}#/join/${sync.server.inviteTo(perimeterId)}`);
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
