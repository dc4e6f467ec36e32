/**
 * The facilitators' dashboard, impact report and CSV export (issue 13, must-haves 1 to 3) on a
 * tablet against the real sync server. The tablet signs up Anna (her phone number, both consents;
 * she offers the first idea) and Hélène (no contact consent; she looks for it) beside the founder
 * Fatima, asks for Hélène to contact Anna, and plans, ticks and ends a café today. The dashboard
 * then shows the coverage, the theme's offer and want, the link asked, the café with its two
 * present, each chart with its data table; the impact report prints on one A4 page with those
 * figures (read back from the PDF with pdfjs-dist); the CSV export downloads five files read back
 * from disk (byte-order mark, separator, the accented name), with Anna's number only when asked.
 * A household's phone gets "not found" for the dashboard.
 *
 * Every screen is looked at (test-results/screens/dashboard-*.png) and checked with axe.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { answer, describePerimeter, signUpHousehold, syncState } from './app-steps';
import { PHONE, SMALL_PHONE, TABLET, accessibilityViolations, shoot, waitForServiceWorker } from './harness';
import { pdfText } from './pdf';
import { syncServerAndDevices } from './sync-harness';
import { perimeterDate } from './cafe-steps';
import Papa from 'papaparse';
import { CONTACT_COLUMNS } from '../../src/domain/csv-export';

const PATIENCE = { timeout: 30_000 };
const ANNA_PHONE = '06 11 22 33 44';
const THEME = 'Prêter et donner des objets';
/** The title of the app's "not found" screen (i18n/fr.ts `app.not-found.title`). */
const NOT_FOUND = 'Page introuvable';

const sync = syncServerAndDevices();
let t: Page;
const ids: Record<string, string> = {};

async function look(page: Page, name: string) {
  await shoot(page, `dashboard-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** Clicks the export button and reads back every file it downloads. */
async function exportFiles(page: Page): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const downloaded = new Promise<void>((resolve) => {
    page.on('download', (download) => {
      void download.path().then((path) => {
        files.set(download.suggestedFilename(), readFileSync(path));
        if (files.size === 5) resolve();
      });
    });
  });
  await page.getByRole('button', { name: 'Télécharger les fichiers CSV' }).click();
  await downloaded;
  page.removeAllListeners('download');
  await expect.poll(() => page.getByRole('status').last().innerText()).toBe('5 fichiers téléchargés.');
  return files;
}

describe('the dashboard, the impact report and the CSV export', () => {
  it('the tablet signs up Anna and Hélène, links them and holds a café', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    t = await (await sync.newDevice(TABLET)).newPage();
    await t.goto(`${sync.server.url}#/join/${code}`);
    await waitForServiceWorker(t);
    await describePerimeter(t);
    await t.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
    await t.getByLabel('Lieu de la rencontre').fill('Square des Tilleuls');
    await t.getByRole('radio', { name: 'Apéritif' }).check();
    await t.getByRole('checkbox', { name: 'Fatima' }).check();
    await t.getByRole('button', { name: 'Ouvrir la séance' }).click();
    for (const [name, phone, value] of [
      ['Anna', ANNA_PHONE, 'Je propose'],
      ['Hélène', '', 'Je cherche'],
    ] as const) {
      await signUpHousehold(t, name, async (p) => {
        if (phone) {
          await p.getByRole('textbox', { name: /^Téléphone/ }).fill(phone);
          await p.getByRole('checkbox', { name: /donne mon numéro ou mon e-mail/ }).check();
        }
        const witnesses = p.getByRole('group', { name: /Voisins qui accueillent/ });
        if ((await witnesses.count()) > 0) await witnesses.getByRole('checkbox', { name: 'Fatima' }).check();
      });
      ids[name] = /#\/scan\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
      await answer(t, value);
      await t.getByRole('link', { name: 'Faire une pause' }).click();
      await t.getByRole('link', { name: 'Inscrire un foyer' }).waitFor();
    }

    await t.goto(`${sync.server.url}#/voisins/${ids.Hélène}`);
    const anna = t.locator('.link-card').filter({ has: t.getByRole('heading', { name: 'Anna' }) });
    await anna.getByRole('button', { name: 'Je voudrais le contacter' }).click();
    await expect.poll(() => anna.innerText()).toContain('On attend la réponse du voisin.');

    await t.goto(`${sync.server.url}#/cafes/prevoir`);
    // Held today, in the perimeter's calendar: inside the dashboard's default period.
    await t.getByLabel('Date').fill(perimeterDate());
    await t.getByLabel('Heure de début').fill('00:00');
    await t.getByLabel('Heure de fin').fill('23:59');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Bâtiment A' });
    await t.getByLabel('Thème').selectOption({ label: THEME });
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.getByRole('heading', { level: 1, name: THEME }).waitFor(PATIENCE);
    await t.getByRole('checkbox', { name: /Anna/ }).check();
    await t.getByRole('checkbox', { name: /Hélène/ }).check();
    await expect.poll(() => t.locator('.cafe-count').innerText()).toBe('👥 2 foyers présents');
    await t.getByRole('button', { name: 'Le café est terminé' }).click();
    await t.getByRole('button', { name: 'Oui' }).click();
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('shows the figures, the charts and their tables, at 1024 × 768 and on a 360 px phone', async () => {
    await t.goto(`${sync.server.url}#/`);
    await t.getByRole('link', { name: 'Tableau de bord et export' }).click();
    await t.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    const main = t.locator('main');
    await expect
      .poll(() => main.innerText(), PATIENCE)
      .toContain('Foyers inscrits : 3 sur 80 logements, soit 4 %.');
    const text = await main.innerText();
    expect(text).toContain('Liens demandés : 1 · acceptés : 0 · rencontres faites : 0.');
    expect(text).toContain('Cafés tenus : 1 · présences : 2 · foyers différents : 2.');
    // Every chart's data as a real table with its caption, read as a screen reader reads it.
    for (const details of await t.locator('details.chart-data').all())
      await details.locator('summary').click();
    const coverage = t.getByRole('table', { name: 'Foyers inscrits par rue ou bâtiment' });
    await expect(coverage.getByRole('row', { name: 'Bâtiment A 3' }).count()).resolves.toBe(1);
    const themes = t.getByRole('table', { name: 'Offres et besoins par thème' });
    await expect(themes.getByRole('row', { name: `${THEME} 1 1 0` }).count()).resolves.toBe(1);
    const links = t.getByRole('table', { name: 'Liens entre voisins, par mois' });
    expect(await links.locator('tbody tr').count()).toBeGreaterThan(0);
    const cafes = t.getByRole('table', { name: 'Cafés-Rencontres tenus' }).last();
    await expect(cafes.innerText()).resolves.toContain('Bâtiment A');
    await look(t, 'tablet');
    await t.setViewportSize(SMALL_PHONE);
    await look(t, 'small');
    await t.setViewportSize(TABLET);
  });

  it('prints the impact report on one A4 page with the period’s figures', async () => {
    await t.getByRole('link', { name: 'Rapport d’impact à imprimer' }).click();
    await t.getByRole('heading', { level: 1, name: /Rapport d’impact/ }).waitFor();
    await expect.poll(() => t.locator('main').innerText(), PATIENCE).toContain('Foyers inscrits : 3');
    await look(t, 'report');
    await t.emulateMedia({ media: 'print' });
    await shoot(t, 'dashboard-report-print');
    await t.emulateMedia({ media: null });
    const pdf = await t.pdf({ preferCSSPageSize: true, printBackground: true });
    const { pages, text } = await pdfText(new Uint8Array(pdf));
    expect(pages).toBe(1);
    expect(text).toContain('Rapport d’impact');
    expect(text).toContain('Foyers inscrits : 3 sur 80 logements');
    expect(text).toContain('Cafés tenus : 1 · présences : 2');
    expect(text).toContain('Liens demandés : 1');
    expect(text).toContain(THEME);
    const size = await (await getDocument({ data: new Uint8Array(pdf) }).promise).getPage(1);
    const [, , width, height] = size.view;
    // A4 is 595 × 842 points.
    expect([Math.round(width!), Math.round(height!)]).toEqual([595, 842]);
  });

  it('downloads the CSV files: byte-order mark, ";" then ",", the accented name, contacts when asked', async () => {
    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    await t.getByRole('heading', { level: 2, name: /Exporter/ }).waitFor();
    const plain = await exportFiles(t);
    expect([...plain.keys()].sort()).toEqual([
      'cafes.csv',
      'foyers.csv',
      'liens.csv',
      'presences.csv',
      'reponses.csv',
    ]);
    const households = plain.get('foyers.csv')!;
    expect([...households.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = households.toString('utf8');
    expect(text).toContain('Hélène');
    expect(text.split('\r\n')[0]).toContain(';');
    expect(text).not.toContain(ANNA_PHONE);

    await t.getByRole('radio', { name: /Virgule/ }).check();
    await t.getByRole('checkbox', { name: /Avec les coordonnées/ }).check();
    await look(t, 'csv-contacts');
    const withContacts = await exportFiles(t);
    const rows = withContacts.get('foyers.csv')!.toString('utf8').split('\r\n');
    expect(rows[0]).not.toContain(';');
    expect(rows[0]).toContain(',');
    // Read back as a spreadsheet would: the contact columns by their headers.
    const table = Papa.parse<Record<string, string>>(
      withContacts.get('foyers.csv')!.toString('utf8').slice(1).trimEnd(),
      { header: true, delimiter: ',', newline: '\r\n' },
    ).data;
    const contactsOf = (name: string) => {
      const row = table.find((r) => Object.values(r).includes(name));
      return CONTACT_COLUMNS.map((column) => row?.[column]);
    };
    expect(contactsOf('Anna')[0]).toBe(ANNA_PHONE);
    // Hélène did not consent: her row is there, with every contact cell empty.
    expect(contactsOf('Hélène')).toEqual(['', '', '']);
  });

  it('a household’s phone gets "not found" for the dashboard', async () => {
    await t.goto(`${sync.server.url}#/acces/${ids.Anna}`);
    await t.getByRole('button', { name: 'Créer un accès pour le téléphone' }).click();
    const card = await t.locator('.short-code').innerText();
    const code = /[a-z0-9]{4}(?:[\s-]+[a-z0-9]{4}){3}/.exec(card)?.[0] ?? '';
    const phone = await (await sync.newDevice(PHONE)).newPage();
    await phone.goto(`${sync.server.url}#/code`);
    await phone.getByLabel('Votre code').fill(code);
    await phone.getByRole('button', { name: 'Utiliser ce code' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Anna' }).isVisible(), PATIENCE).toBe(true);
    await phone.goto(`${sync.server.url}#/tableau-de-bord`);
    await phone.reload();
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).innerText(), PATIENCE).toBe(NOT_FOUND);
    expect(await phone.locator('.dash-figures, .dash-csv').count()).toBe(0);
  });
});
