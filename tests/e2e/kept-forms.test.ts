/**
 * The app never loses what someone typed: a café being planned on the tablet comes back after a
 * reload and after the browser is killed, with a note saying so, and is gone once the café is
 * planned. Offline, on a tablet with no server.
 */
import type { BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { foundPerimeter, openOffline, perimeterDate, storeRows } from './cafe-steps';
import { TABLET, accessibilityViolations, hardKill, servedAppAndProfile, shoot } from './harness';

let context: BrowserContext;
let page: Page;

const app = servedAppAndProfile(async (served) => {
  context = await served.launch(TABLET);
  page = await context.newPage();
  await openOffline(page, served.url);
  await foundPerimeter(page, ['Fatima', 'Jean']);
});

const DATE = perimeterDate(3);
const PLACE = 'Square Jean-Moulin';
const WELCOME = 'Venez avec vos voisins, le café est offert';
const RESTORED = 'Ce que vous aviez écrit est revenu.';

/** The café plan's copy on the tablet, as IndexedDB holds it (storage/kept-forms.ts). */
async function keptPlan(): Promise<Record<string, unknown> | undefined> {
  const rows = await storeRows<{ key: string; value: string }>(page, 'tissage-device', 'settings');
  const row = rows.find((r) => r.key.startsWith('keptForm/') && r.key.endsWith('/cafe-plan'));
  return row && (JSON.parse(row.value) as Record<string, unknown>);
}

async function toPlan(): Promise<void> {
  await page.getByRole('link', { name: 'Cafés-Rencontres' }).click();
  await page.getByRole('link', { name: 'Prévoir un café' }).click();
  await page.getByRole('heading', { level: 1, name: 'Prévoir un Café-Rencontre' }).waitFor();
}

describe('the café plan typed on the tablet is kept until the café is planned', () => {
  it('comes back after a reload, with a note', async () => {
    await toPlan();
    await expect.poll(() => page.getByText(RESTORED).count()).toBe(0);
    await page.getByLabel('Date').fill(DATE);
    await page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await page.getByLabel('Autre lieu (à écrire)').fill(PLACE);
    await page.getByLabel(/Mot d’accueil/).fill(WELCOME);
    await expect.poll(keptPlan).toMatchObject({ date: DATE, freePlace: PLACE, welcome: WELCOME });

    await page.reload();
    await expect.poll(() => page.getByLabel(/Mot d’accueil/).inputValue()).toBe(WELCOME);
    expect(await page.getByLabel('Date').inputValue()).toBe(DATE);
    expect(await page.getByLabel('Autre lieu (à écrire)').inputValue()).toBe(PLACE);
    await expect.poll(() => page.getByText(RESTORED).isVisible()).toBe(true);
    await shoot(page, 'kept-forms-01-after-reload');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('comes back after the browser is killed', async () => {
    await page.getByLabel('Heure de fin').fill('18:30');
    await expect.poll(keptPlan).toMatchObject({ end: '18:30', welcome: WELCOME });
    await hardKill(context, app.profileDir);

    context = await app.launch(TABLET);
    await context.setOffline(true);
    page = await context.newPage();
    expect((await page.goto(app.url))?.fromServiceWorker()).toBe(true);
    await toPlan();
    await expect.poll(() => page.getByLabel(/Mot d’accueil/).inputValue()).toBe(WELCOME);
    expect(await page.getByLabel('Heure de fin').inputValue()).toBe('18:30');
    expect(await page.getByLabel('Autre lieu (à écrire)').inputValue()).toBe(PLACE);
  });

  it('is gone once the café is planned: the next plan starts empty', async () => {
    await page.getByLabel('Thème').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Prévoir ce café' }).click();
    await page.getByRole('link', { name: 'Imprimer l’affiche' }).waitFor();
    await expect.poll(keptPlan).toBeUndefined();

    await page.goBack();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto(`${app.url}#/cafes/prevoir`);
    await page.getByRole('heading', { level: 1, name: 'Prévoir un Café-Rencontre' }).waitFor();
    expect(await page.getByLabel(/Mot d’accueil/).inputValue()).toBe('');
    expect(await page.getByLabel('Date').inputValue()).toBe('');
    expect(await page.getByText(RESTORED).count()).toBe(0);
  });
});

describe('a household’s proposal typed on the shared tablet', () => {
  it('comes back for that household after a reload, and never shows on the next household’s page', async () => {
    const households = await storeRows<{ id: string; name: string }>(page, 'tissage-read-', 'households');
    const idOf = (name: string) => households.find((h) => h.name === name)?.id ?? '';
    const [fatima, jean] = [idOf('Fatima'), idOf('Jean')];
    expect(fatima).not.toBe('');
    expect(jean).not.toBe('');
    const idea = () => page.getByLabel('Votre idée');

    await page.goto(`${app.url}#/mon-cafe/${fatima}`);
    await idea().fill('Un potager partagé');
    await expect
      .poll(async () =>
        (await storeRows<{ key: string }>(page, 'tissage-device', 'settings')).some((row) =>
          row.key.endsWith(`/proposal/${fatima}`),
        ),
      )
      .toBe(true);
    await page.reload();
    await expect.poll(() => idea().inputValue()).toBe('Un potager partagé');

    await page.goto(`${app.url}#/mon-cafe/${jean}`);
    await expect.poll(() => page.url()).toContain(jean);
    await expect.poll(() => idea().inputValue()).toBe('');
    expect(await page.getByText(RESTORED).count()).toBe(0);
    await page.reload();
    await idea().waitFor();
    expect(await idea().inputValue()).toBe('');
    expect(await page.getByText('potager').count()).toBe(0);
  });
});
