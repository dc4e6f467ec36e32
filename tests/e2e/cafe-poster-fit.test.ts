/**
 * The café's A4 poster stays one page with the longest texts the planning form takes (issue 12,
 * tester's fault: a 200-character welcome, an 80-character theme of our own and a long place
 * pushed the QR code and the code to type onto a second page). The tablet plans such a café, prints
 * the poster to PDF at the browser's default text size (16 px) and at 32 px (the same profile,
 * relaunched with the larger text), and reads the PDF back with pdfjs-dist: one page, with the
 * theme and the code to type on it.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { joinAndDescribe, syncState } from './app-steps';
import { TABLET, launch, setDefaultFont, shoot } from './harness';
import { pdfText } from './pdf';
import { syncServerAndDevices } from './sync-harness';
import { perimeterDate } from './cafe-steps';

const PATIENCE = { timeout: 30_000 };

/** `text` repeated and cut to exactly `length` characters: a field filled to its limit. */
const filled = (text: string, length: number) =>
  text.repeat(Math.ceil(length / text.length)).slice(0, length);

/** The form's limits (domain/cafe-commands.ts cafeInput): theme and place 80, welcome 200. */
const THEME = filled('Échanges de savoir-faire entre générations, jardinage et cuisines du monde ', 80);
const PLACE = filled('Salle polyvalente Marguerite-Yourcenar, rez-de-chaussée du bâtiment Mermoz ', 80);
const WELCOME = filled(
  'Bienvenue à toutes et à tous, venez nombreux avec vos enfants, vos voisins et vos amis ! ',
  200,
);

const sync = syncServerAndDevices();

/** The poster of `cafeId` printed to an A4 PDF, and the code to type as its page shows it. */
async function printPoster(page: Page, cafeId: string, name: string) {
  await page.goto(`${sync.server.url}#/cafe/${cafeId}/affiche`);
  const typed = page.locator('.cafe-poster-typed');
  await typed.waitFor(PATIENCE);
  const code = (await typed.innerText()).replace('Code à taper :', '').replace(/\s+/g, '');
  await page.emulateMedia({ media: 'print' });
  await shoot(page, `cafe-poster-fit-${name}`);
  const pdf = await pdfText(new Uint8Array(await page.pdf({ format: 'A4', printBackground: true })));
  await page.emulateMedia({ media: 'screen' });
  return { ...pdf, code };
}

describe('the A4 poster with the longest texts', () => {
  it('is one page with its QR code and the code to type, at 16 px and at 32 px text', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    const device = await sync.newDevice(TABLET);
    const t = await device.newPage();
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await t.goto(`${sync.server.url}#/cafes/prevoir`);
    await t.getByLabel('Date').fill(perimeterDate(1));
    await t.getByLabel('Heure de début').fill('15:00');
    await t.getByLabel('Heure de fin').fill('17:30');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await t.getByLabel('Autre lieu (à écrire)').fill(PLACE);
    await t.getByLabel('Thème').selectOption({ label: 'Un thème à nous' });
    await t.getByLabel('Nom de notre thème').fill(THEME);
    await t.getByLabel(/Mot d’accueil/).fill(WELCOME);
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.waitForURL(/#\/cafe\/[a-z0-9-]+$/, PATIENCE);
    const cafeId = /#\/cafe\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
    expect(cafeId).not.toBe('');

    const bare = (text: string) => text.replace(/\s+/g, '');
    const at16 = await printPoster(t, cafeId, '16px');
    expect(at16.pages).toBe(1);
    expect(at16.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    // Its letters are spaced out, so the PDF's text has a space between each: compared without.
    expect(bare(at16.text)).toContain(at16.code);
    expect(bare(at16.text)).toContain(bare(THEME));

    // The same tablet, its text at 32 px: sizes on paper are in pt and mm, the page is the same.
    const dir = sync.profileDir(device);
    await device.close();
    setDefaultFont(dir, 32);
    const large = await launch(dir, TABLET);
    try {
      const page = large.pages()[0] ?? (await large.newPage());
      const at32 = await printPoster(page, cafeId, '32px');
      expect(at32.pages).toBe(1);
      expect(at32.code).toBe(at16.code);
      expect(bare(at32.text)).toContain(at32.code);
    } finally {
      await large.close();
    }
  });
});
