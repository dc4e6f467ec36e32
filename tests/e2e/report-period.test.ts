/**
 * The dashboard's and the impact report's period (domain/report-period.ts `parsePeriod`, issue 13
 * tester faults) on a tablet whose browser text is at 32 px (200 %, set in the profile as a person
 * sets it), against the real sync server. The tablet describes the perimeter (Fatima signs up
 * today). Then:
 * - the period form refuses a reversed period and a year 9999 with a message beside the date just
 *   changed, and nothing else changes: the figures and the report's link stay the last good ones;
 * - a report address with a bad period (impossible day, text, reversed, years 0001 and 9999,
 *   empty) says so with a link back to the dashboard, never a page of figures;
 * - a period in the future, or before anyone signed up, says plainly that nothing happened;
 * - the report prints on one A4 page (read back with pdfjs-dist) with its period line, printed in
 *   points whatever the screen's text size.
 *
 * Every screen is looked at (test-results/screens/period-*.png) and checked with axe.
 */
import { join } from 'node:path';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { joinAndDescribe, syncState } from './app-steps';
import { SCREENSHOTS, TABLET, accessibilityViolations, shoot } from './harness';
import { pdfText } from './pdf';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const BAD_ADDRESS = 'Cette adresse ne donne pas une période';
const COVERAGE = 'Foyers inscrits : 1 sur 80 logements';

const sync = syncServerAndDevices();
let t: Page;

async function look(page: Page, name: string) {
  await shoot(page, `period-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** What the dashboard shows of its period: the figures' text and the report's address. */
async function shown(page: Page) {
  return {
    figures: await page.locator('.dash-figures').innerText(),
    report: await page.getByRole('link', { name: 'Rapport d’impact à imprimer' }).getAttribute('href'),
  };
}

describe('the period of the dashboard and of the impact report', () => {
  it('a tablet at 32 px text joins and describes its perimeter', async () => {
    t = await (await sync.newDevice(TABLET, { textPx: 32 })).newPage();
    const { code } = sync.server.invite('Résidence des Tilleuls');
    await joinAndDescribe(t, sync.server.url, code);
    await t.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).waitFor(PATIENCE);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    // The browser's text size as the page sees it: the app's root is 4 px over it.
    expect(await t.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('36px');
  });

  it('the form refuses a reversed period and a year 9999 beside the date, and keeps its figures', async () => {
    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    await expect.poll(() => t.locator('main').innerText(), PATIENCE).toContain(COVERAGE);
    const before = await shown(t);
    const from = t.getByLabel('Du', { exact: true });
    const to = t.getByLabel('Au', { exact: true });
    const kept = t.locator('.dash-period-kept');

    await from.fill('2099-06-01');
    await expect
      .poll(() => t.locator('#dash-period-from-error').innerText())
      .toContain('La date de fin est avant la date de début.');
    await expect(from.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(from.getAttribute('aria-describedby')).resolves.toBe('dash-period-from-error');
    await expect(kept.innerText()).resolves.toMatch(/Les chiffres affichés restent ceux du .+ au .+\.$/);
    // Read out as it appears, the refusal first (the focus stays on the date).
    await expect(kept.getAttribute('role')).resolves.toBe('status');
    await expect(kept.textContent()).resolves.toMatch(/^La date de fin est avant la date de début/);
    expect(await shown(t)).toEqual(before);
    await look(t, 'form-reversed');
    // At 320 px and 32 px text the refusal wraps under its date, nothing scrolls sideways.
    await t.setViewportSize({ width: 320, height: 640 });
    await expect
      .poll(() =>
        t.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      )
      .toBe(0);
    await look(t, 'form-reversed-320');
    await t
      .locator('.dash-period')
      .screenshot({ path: join(SCREENSHOTS, 'period-form-reversed-320-form.png') });
    await t.setViewportSize(TABLET);

    await from.fill(before.report!.split('/')[2]!);
    await to.fill('9999-01-01');
    await expect
      .poll(() => t.locator('#dash-period-to-error').innerText())
      .toContain('Choisissez une année entre 2000 et 2099.');
    await expect(from.getAttribute('aria-invalid')).resolves.toBe(null);
    expect(await shown(t)).toEqual(before);
    await look(t, 'form-year');

    // An emptied date (a date input also reads empty while its date is half typed or impossible).
    await from.fill('');
    await expect
      .poll(() => t.locator('#dash-period-from-error').innerText())
      .toContain('Choisissez une date complète');
    expect(await shown(t)).toEqual(before);
    await from.fill(before.report!.split('/')[2]!);

    // A good period again: the refusals go, the figures and the link follow it.
    await to.fill('2027-06-30');
    await expect.poll(() => t.locator('.field-error').count()).toBe(0);
    await expect.poll(() => kept.textContent()).toBe('');
    await expect(from.getAttribute('aria-invalid')).resolves.toBe(null);
    await expect
      .poll(async () => (await shown(t)).report)
      .toBe(`#/rapport/${before.report!.split('/')[2]}/2027-06-30`);
    await to.fill(before.report!.split('/')[3]!);
    await expect.poll(() => shown(t)).toEqual(before);
  });

  it('a report address with a bad period says so, with a way back; never figures', async () => {
    for (const [address, reason] of [
      ['2026-02-30/2026-03-01', 'Début : Cette date n’existe pas dans le calendrier.'],
      ['abc/def', 'Début : Ce n’est pas une date.'],
      ['2026-12-01/2026-01-01', 'La date de fin est avant la date de début.'],
      ['0001-01-01/9999-12-31', 'Fin : Choisissez une année entre 2000 et 2099.'],
      ['', 'Début : Choisissez une date complète'],
      ['2026-01-01', 'Fin : Choisissez une date complète'],
      ['2020-01-01/2031-01-01', 'La période dépasse 10 ans.'],
    ] as const) {
      await t.goto(`${sync.server.url}#/rapport/${address}`);
      await expect.poll(() => t.getByRole('heading', { level: 1 }).innerText(), PATIENCE).toBe(BAD_ADDRESS);
      await expect(t.locator('main').innerText(), address).resolves.toContain(reason);
      expect(await t.locator('.dash-figures, .dash-report').count(), address).toBe(0);
    }
    await look(t, 'bad-address');
    await t.getByRole('link', { name: 'Choisir la période sur le tableau de bord' }).click();
    await t.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  });

  it('a period in the future or before any sign-up says that nothing happened in it', async () => {
    for (const [address, sentence] of [
      ['2098-01-01/2098-12-31', 'Cette période n’a pas encore commencé : il ne s’y est encore rien passé.'],
      [
        '2020-01-01/2020-12-31',
        'Aucun foyer n’était encore inscrit à la fin de cette période : il ne s’y est rien passé.',
      ],
    ] as const) {
      await t.goto(`${sync.server.url}#/rapport/${address}`);
      await expect.poll(() => t.locator('.dash-report').innerText(), PATIENCE).toContain(sentence);
      expect(await t.locator('.dash-figures').count()).toBe(0);
      await look(t, `nothing-${address.slice(0, 4)}`);
    }
  });

  it('prints the report on one A4 page at 32 px text, its period line in points', async () => {
    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    await expect.poll(() => t.locator('main').innerText(), PATIENCE).toContain(COVERAGE);
    await t.getByRole('link', { name: 'Rapport d’impact à imprimer' }).click();
    await expect.poll(() => t.locator('.dash-report').innerText(), PATIENCE).toContain(COVERAGE);
    const period = (await t.locator('.dash-report-period').innerText()).trim();
    expect(period).toMatch(/^Du .+ au .+$/);
    await look(t, 'report');
    await t.emulateMedia({ media: 'print' });
    // 10 pt, as dashboard.css's print rules say, not the screen's 1.1 × 36 px.
    const size = await t.locator('.dash-report-period').evaluate((e) => getComputedStyle(e).fontSize);
    expect(parseFloat(size)).toBeCloseTo((10 * 96) / 72, 1);
    await shoot(t, 'period-report-print');
    await t.emulateMedia({ media: null });
    const pdf = await t.pdf({ preferCSSPageSize: true, printBackground: true });
    const { pages, text } = await pdfText(new Uint8Array(pdf));
    expect(pages).toBe(1);
    expect(text).toContain(period);
    expect(text).toContain(COVERAGE);
  });
});
