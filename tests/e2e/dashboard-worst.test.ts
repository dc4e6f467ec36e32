/**
 * The dashboard and the impact report on the 500-household worst case (issue 13's browser test):
 * bench/dashboard.ts's perimeter (every household answering every idea, twelve places, a year of
 * links, twelve held cafés of 60 present, twenty micro-projects) imported into the real server as
 * the admin tool does, then synced by a facilitator's tablet. The dashboard shows its figures, axe
 * finds nothing, and the report for the year still prints on one A4 page with its key figures
 * (read back from the PDF with pdfjs-dist); the CSV export says "Préparation…" while it works
 * (its button disabled), then downloads its five files. Screenshots: test-results/screens/dashboard-worst-*.png.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { worstYear } from '../../bench/dashboard';
import { readAdminAccess } from '../../src/server/admin-access';
import { TABLET, accessibilityViolations, shoot, waitForServiceWorker } from './harness';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 120_000 };

/**
 * The document's current records in a fresh document, each household's own record marked as the
 * facilitator's: an import is a facilitator's write, which the server's rights check
 * (sync/rights-check.ts `canReplace`) lets write no record authored by a household.
 */
function asFacilitator(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  copy.transact(() => {
    for (const name of doc.share.keys()) {
      const to = copy.getMap(name);
      for (const [key, value] of doc.getMap<Record<string, unknown>>(name).entries())
        to.set(key, value.by === 'household' ? { ...value, by: 'facilitator' } : value);
    }
  });
  return copy;
}
const sync = syncServerAndDevices();
let t: Page;

describe('the dashboard and the report on 500 households', () => {
  it('the tablet syncs the imported worst case and shows its figures', async () => {
    const { perimeterId, code } = sync.server.invite('Quartier des Lilas');
    const document = Buffer.from(Y.encodeStateAsUpdate(asFacilitator(worstYear(perimeterId)))).toString(
      'base64',
    );
    const { key } = readAdminAccess(sync.server.dataDir)!;
    const imported = await fetch(`${sync.server.url}api/admin/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ perimeterId, document, contacts: [] }),
    });
    expect(`${imported.status} ${await imported.text()}`).toMatch(/^200 /);

    t = await (await sync.newDevice(TABLET)).newPage();
    await t.goto(`${sync.server.url}#/join/${code}`);
    await waitForServiceWorker(t);
    await t.getByRole('link', { name: 'Tableau de bord et export' }).waitFor(PATIENCE);
    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    await expect
      .poll(() => t.locator('main').innerText(), PATIENCE)
      .toMatch(/Foyers inscrits : 50\d sur 500 logements/);
    const text = await t.locator('main').innerText();
    expect(text).toMatch(/Cafés tenus : 1[0-2] · présences : \d+/);
    expect(text).toMatch(/Micro-projets : 20 ·/);
    await shoot(t, 'dashboard-worst');
    expect(await accessibilityViolations(t)).toEqual([]);
  });

  it('prints the year’s report on one A4 page', async () => {
    await t.goto(`${sync.server.url}#/rapport/2026-01-01/2026-12-31`);
    await expect.poll(() => t.locator('main').innerText(), PATIENCE).toContain('Cafés tenus : 12');
    expect(await accessibilityViolations(t)).toEqual([]);
    await t.emulateMedia({ media: 'print' });
    await shoot(t, 'dashboard-worst-report-print');
    await t.emulateMedia({ media: null });
    const pdf = new Uint8Array(await t.pdf({ preferCSSPageSize: true, printBackground: true }));
    const document = await getDocument({ data: pdf }).promise;
    expect(document.numPages).toBe(1);
    const content = await (await document.getPage(1)).getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toMatch(/Foyers inscrits : 50\d sur 500 logements/);
    expect(text).toContain('Cafés tenus : 12');
    expect(text).toContain('Micro-projets : 20');
  });

  it('says "Préparation…" while it writes the CSV files, then downloads all five', async () => {
    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    await t.getByRole('heading', { level: 2, name: /Exporter/ }).waitFor(PATIENCE);
    // Every text the button shows from now on, noted in the page: the state cannot be missed.
    await t.evaluate(() => {
      const button = document.querySelector('.dash-csv button')!;
      const seen: string[] = [];
      (window as unknown as { csvStates: string[] }).csvStates = seen;
      new MutationObserver(() =>
        seen.push(`${button.textContent} ${String(button.hasAttribute('disabled'))}`),
      ).observe(button, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const files: string[] = [];
    const all = new Promise<void>((resolve) =>
      t.on('download', (download) => {
        files.push(download.suggestedFilename());
        if (files.length === 5) resolve();
      }),
    );
    await t.getByRole('button', { name: 'Télécharger les fichiers CSV' }).click();
    await all;
    await expect
      .poll(() => t.evaluate(() => (window as unknown as { csvStates: string[] }).csvStates))
      .toEqual(expect.arrayContaining(['Préparation… true', 'Télécharger les fichiers CSV false']));
    expect(files.sort()).toEqual(['cafes.csv', 'foyers.csv', 'liens.csv', 'presences.csv', 'reponses.csv']);
    await expect
      .poll(() => t.getByRole('button', { name: 'Télécharger les fichiers CSV' }).isEnabled())
      .toBe(true);
  });
});
