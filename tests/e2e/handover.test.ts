/**
 * Handing the tablet over. Household A starts signing up, then goes back to the table; household B
 * opens the form: it is empty, and stays empty after a reload; A's sign-up is listed by its name
 * only, and A resumes it. The browser is then killed outright (SIGKILL, no graceful close) in the
 * middle of A's draft: relaunched on the same profile, offline, the draft is there for A, and the
 * consent must be given again. On a 360 × 740 phone-sized screen, with the default font at 32 px.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { fillSignUp, foundPerimeter, openOffline, openSession, storeRows, tapsSettled } from './cafe-steps';
import { SMALL_PHONE, accessibilityViolations, hardKill, servedAppAndProfile, shoot } from './harness';

const app = servedAppAndProfile();
let context: BrowserContext;
let page: Page;

const A = { name: 'Famille Diallo', place: 'Bâtiment B', phone: '06 12 34 56 78', flat: '3e gauche' };
const B = 'عائلة أحمد';

const nameField = () => page.getByLabel('Nom que les voisins verront');
const placeField = () => page.getByLabel('Rue ou bâtiment', { exact: true });
const phoneField = () => page.getByRole('textbox', { name: /^Téléphone/ });
const flatField = () => page.getByRole('textbox', { name: /^Numéro d’appartement/ });
const dataUse = () => page.getByRole('checkbox', { name: /J’accepte que l’association garde/ });
const share = () => page.getByRole('checkbox', { name: /J’accepte que l’association donne/ });
const drafts = () => page.getByRole('region', { name: 'Inscriptions commencées sur cette tablette' });
const resume = (name: string) => page.getByRole('link', { name: new RegExp(`Reprendre.*${name}`) });

/** The sign-up drafts as stored on this device. */
const storedDrafts = () =>
  storeRows<{ name: string; place: string; contact: { phone: string; flat: string } }>(
    page,
    'tissage-device',
    'drafts',
  );

async function toSignUp(): Promise<void> {
  await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await nameField().waitFor();
  await tapsSettled(page);
}

/** Nothing of A's: an empty form, consent not ticked, and A's details nowhere on the screen. */
async function expectEmptyForm(): Promise<void> {
  expect(await nameField().inputValue()).toBe('');
  expect(await placeField().inputValue()).toBe('');
  expect(await phoneField().inputValue()).toBe('');
  expect(await flatField().inputValue()).toBe('');
  expect(await dataUse().isChecked()).toBe(false);
  const text = await page.locator('main').innerText();
  expect(text).not.toContain(A.phone);
  expect(text).not.toContain(A.flat);
}

describe('two households on one tablet', () => {
  it('A starts signing up and goes back: the draft is kept, under A’s name', async () => {
    // Large text, as an older resident sets it: the browser's own default font at 32 px.
    mkdirSync(join(app.profileDir, 'Default'), { recursive: true });
    writeFileSync(
      join(app.profileDir, 'Default', 'Preferences'),
      JSON.stringify({ webkit: { webprefs: { default_font_size: 32, default_fixed_font_size: 26 } } }),
    );
    context = await app.launch(SMALL_PHONE);
    page = await context.newPage();
    await openOffline(page, app.url);
    await foundPerimeter(page, ['Fatima']);
    await openSession(page, ['Fatima']);

    await toSignUp();
    await expectEmptyForm();
    await fillSignUp(page, A.name, A.place, 'Fatima');
    await phoneField().fill(A.phone);
    await expect.poll(() => page.getByText('Gardé sur cette tablette').isVisible()).toBe(true);
    await expect.poll(async () => (await storedDrafts())[0]?.contact.phone).toBe(A.phone);
    await shoot(page, 'handover-01-a-typing');
    await page.getByRole('link', { name: 'Revenir à la séance' }).click();
  });

  it('B opens the form: empty, even after a reload; A’s draft is listed by its name only', async () => {
    await toSignUp();
    await expectEmptyForm();
    await expect.poll(() => resume(A.name).isVisible()).toBe(true);
    await shoot(page, 'handover-02-b-opens');
    await page.reload();
    await nameField().waitFor();
    await expectEmptyForm();

    // B starts too, with a name written right to left; B's draft is B's alone.
    await nameField().fill(B);
    await expect
      .poll(async () => (await storedDrafts()).map((d) => d.name).sort())
      .toEqual([A.name, B].sort());
    expect(await page.getByRole('link', { name: /Reprendre/ }).count()).toBe(1);
    expect(await page.locator('main').innerText()).toContain(A.name);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Revenir à la séance' }).click();
  });

  it('A resumes: what A typed is back, the consent is to be given again', async () => {
    await toSignUp();
    await expectEmptyForm();
    await resume(A.name).click();
    await expect.poll(() => nameField().inputValue()).toBe(A.name);
    expect(await placeField().inputValue()).toBe(A.place);
    expect(await phoneField().inputValue()).toBe(A.phone);
    expect(await dataUse().isChecked()).toBe(false);
    expect(await share().isChecked()).toBe(false);
    await expect(page.locator('#signup-consent-again').isVisible()).resolves.toBe(true);
    // B's draft is listed, not shown.
    await expect(resume(B).isVisible()).resolves.toBe(true);
    expect(await nameField().inputValue()).not.toBe(B);
    await shoot(page, 'handover-03-a-resumes');
  });
});

describe('a draft survives the browser being killed', () => {
  it('A types on, the browser process is killed, and A’s draft comes back for A', async () => {
    await flatField().fill(A.flat);
    // Durable on the device before the power goes: that is what the form's "kept" means.
    await expect
      .poll(async () => (await storedDrafts()).find((d) => d.name === A.name)?.contact.flat)
      .toBe(A.flat);
    await hardKill(context, app.profileDir);

    context = await app.launch(SMALL_PHONE);
    await context.setOffline(true);
    page = await context.newPage();
    const response = await page.goto(app.url);
    expect(response?.fromServiceWorker()).toBe(true);
    await page.getByRole('link', { name: 'Reprendre la séance' }).click();
    await toSignUp();
    // Whoever picks the tablet up first sees an empty form and the names of the sign-ups begun.
    await expectEmptyForm();
    await expect.poll(() => drafts().isVisible()).toBe(true);
    await shoot(page, 'handover-04-after-kill');

    await resume(A.name).click();
    await expect.poll(() => nameField().inputValue()).toBe(A.name);
    expect(await placeField().inputValue()).toBe(A.place);
    expect(await phoneField().inputValue()).toBe(A.phone);
    expect(await flatField().inputValue()).toBe(A.flat);
    expect(await dataUse().isChecked()).toBe(false);
  });

  it('A signs up: the draft is gone, B’s is still there, and A counts as present at once', async () => {
    await dataUse().check();
    await page
      .getByRole('group', { name: /Voisins qui accueillent/ })
      .getByRole('checkbox', { name: 'Fatima' })
      .check();
    await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
    await expect.poll(async () => (await storedDrafts()).map((d) => d.name)).toEqual([B]);

    await page.getByRole('link', { name: 'Faire une pause' }).click();
    await toSignUp();
    expect(await resume(A.name).count()).toBe(0);
    await expect(resume(B).isVisible()).resolves.toBe(true);
    // A, signed up a moment ago, can already welcome the next household.
    const witnesses = page.getByRole('group', { name: /Voisins qui accueillent/ });
    await expect(witnesses.getByRole('checkbox', { name: A.name }).isVisible()).resolves.toBe(true);
  });

  it('B’s draft is thrown away only once B says so a second time', async () => {
    const discard = page.getByRole('button', { name: new RegExp(`Effacer.*${B}`) });
    await discard.click();
    await tapsSettled(page);
    await page.getByRole('button', { name: 'Non, garder' }).click();
    await tapsSettled(page);
    expect((await storedDrafts()).map((d) => d.name)).toEqual([B]);
    await discard.click();
    await tapsSettled(page);
    await shoot(page, 'handover-05-discard-asks');
    await page.getByRole('button', { name: 'Oui, effacer' }).click();
    await expect.poll(async () => (await storedDrafts()).length).toBe(0);
    await expect.poll(() => drafts().count()).toBe(0);
  });
});
