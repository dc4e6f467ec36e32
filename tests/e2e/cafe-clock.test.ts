/**
 * A café's state by the clock (domain/cafe-status.ts) on the screens, against the real sync
 * server, each browser's clock set by Playwright into or past the café's hours (tomorrow in
 * Paris, whatever this machine's time zone): the tablet's list and board say « En cours » during
 * the café, Anna's phone says it on its home and its café page; once the end is past and nobody
 * marked it, the tablet says « À clore » and offers to mark it held or cancelled, the phone no
 * longer shows it, and the dashboard counts it held from Anna's presence. A cancelled café's
 * poster and slips, and the past café's poster, say so on screen and, printed (read back from the
 * PDF with pdfjs-dist), carry « Annulé » or « Terminé » and no code. The new states are laid out
 * at 320 px with text at 32 px (no sideways overflow, WCAG 1.4.10).
 *
 * Screens: test-results/screens/cafe-clock-*.png.
 */
import type { BrowserContext, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { wallTime, zonedInstant } from '../../src/domain/cafe-status';
import {
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionAndSignUp,
  syncState,
} from './app-steps';
import {
  TABLET,
  type Viewport,
  accessibilityViolations,
  launch,
  newProfileDir,
  setDefaultFont,
  shoot,
  sidewaysOverflow,
} from './harness';
import { pdfText } from './pdf';
import { syncServerAndDevices } from './sync-harness';

const PATIENCE = { timeout: 30_000 };
const THEME = 'Prêter et donner des objets';
const NARROW: Viewport = { width: 320, height: 640 };

const sync = syncServerAndDevices();
const tabletProfile = newProfileDir();
const phoneProfile = newProfileDir();
const contexts: BrowserContext[] = [];
let t: Page;
let phone: Page;
let cafeId = '';
let cancelledId = '';
let anna = '';
let annaCode = '';
/** Tomorrow in Paris: the cafés' day. */
const day = wallTime(Date.now() + 24 * 3600 * 1000).slice(0, 10);
/** The instant Paris's clocks show `time` on the cafés' day. */
const inParis = (time: string) => new Date(zonedInstant(day, time));

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  tabletProfile.remove();
  phoneProfile.remove();
});

async function open(profileDir: string, viewport: Viewport): Promise<Page> {
  const context = await launch(profileDir, viewport);
  contexts.push(context);
  return context.pages()[0] ?? (await context.newPage());
}

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `cafe-clock-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** The state a café's card shows in the tablet's list, found by its id. */
const listed = (page: Page, id: string) =>
  page
    .locator('.cafe-list > li')
    .filter({ has: page.locator(`a[href$="/cafe/${id}"]`) })
    .locator('.cafe-status')
    .innerText();

async function planCafe(start: string, end: string): Promise<string> {
  await t.goto(`${sync.server.url}#/cafes/prevoir`);
  await t.getByLabel('Date').fill(day);
  await t.getByLabel('Heure de début').fill(start);
  await t.getByLabel('Heure de fin').fill(end);
  await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Bâtiment A' });
  await t.getByLabel('Thème').selectOption({ label: THEME });
  await t.getByRole('button', { name: 'Prévoir ce café' }).click();
  await t.getByRole('heading', { level: 1, name: THEME }).waitFor(PATIENCE);
  return /#\/cafe\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
}

describe('a café’s state by the clock', () => {
  it('the tablet signs Anna up, gives her phone an access, plans two cafés tomorrow, cancels one', async () => {
    const { code } = sync.server.invite('Résidence des Tilleuls');
    t = await open(tabletProfile.dir, TABLET);
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionAndSignUp(t, 'Anna');
    anna = /#\/scan\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
    annaCode = await issuePhoneAccess(t, sync.server.url, anna);
    expect(annaCode).not.toBe('');
    cafeId = await planCafe('15:00', '17:00');
    cancelledId = await planCafe('10:00', '11:00');
    await t.getByRole('button', { name: 'Annuler le café' }).click();
    await t.getByRole('button', { name: 'Oui' }).click();
    await expect.poll(() => t.locator('.lead .cafe-status').innerText(), PATIENCE).toBe('Annulé');
    await t.goto(`${sync.server.url}#/cafes`);
    await expect.poll(() => listed(t, cafeId), PATIENCE).toBe('Prévu');
  });

  it('at 15:30 in Paris the tablet shows « En cours » in the list and on the board', async () => {
    await t.clock.setFixedTime(inParis('15:30'));
    await t.reload();
    await expect.poll(() => listed(t, cafeId), PATIENCE).toBe('En cours');
    await expect(listed(t, cancelledId)).resolves.toBe('Annulé');
    await look(t, 'list-in-progress');
    await t.goto(`${sync.server.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.lead .cafe-status').innerText(), PATIENCE).toBe('En cours');
    await t.getByRole('checkbox', { name: /Anna/ }).check();
    await expect.poll(() => t.locator('.cafe-count').innerText()).toBe('👥 1 foyer présent');
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await look(t, 'board-in-progress');
  });

  it('Anna’s phone, at 320 px and 32 px text, says « En cours » on its home and its café page', async () => {
    setDefaultFont(phoneProfile.dir, 32);
    phone = await open(phoneProfile.dir, NARROW);
    await phone.clock.setFixedTime(inParis('15:30'));
    await enterPhoneCode(phone, sync.server.url, annaCode);
    await phone.getByRole('heading', { name: 'Prochain Café-Rencontre' }).waitFor(PATIENCE);
    await expect
      .poll(() => phone.locator('.cafe-next .cafe-now').innerText(), PATIENCE)
      .toContain('En cours');
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await look(phone, 'phone-home-in-progress');
    await phone.getByRole('link', { name: 'Voir le café' }).click();
    await phone.getByRole('heading', { name: 'Le Café-Rencontre' }).waitFor(PATIENCE);
    await expect.poll(() => phone.locator('.cafe-now').innerText(), PATIENCE).toContain('En cours');
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await look(phone, 'phone-cafe-in-progress');
  });

  it('past 17:00 and not marked: « À clore » on the tablet, gone from the phone, held in the dashboard', async () => {
    await t.clock.setFixedTime(inParis('17:05'));
    await t.reload();
    await expect.poll(() => t.locator('.lead .cafe-status').innerText(), PATIENCE).toBe('À clore');
    const toClose = t.getByRole('region', { name: /L’heure de fin est passée/ });
    await expect(toClose.getByRole('button', { name: 'Le café est terminé' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(toClose.getByRole('button', { name: 'Annuler le café' }).isVisible()).resolves.toBe(true);
    await look(t, 'board-to-close');
    await t.goto(`${sync.server.url}#/cafes`);
    await expect.poll(() => listed(t, cafeId), PATIENCE).toBe('À clore');
    await look(t, 'list-to-close');

    await phone.clock.setFixedTime(inParis('17:05'));
    await phone.goto(`${sync.server.url}#/`);
    await phone.getByRole('heading', { level: 1 }).first().waitFor(PATIENCE);
    await expect.poll(() => phone.locator('.cafe-next').count(), PATIENCE).toBe(0);

    await t.goto(`${sync.server.url}#/tableau-de-bord`);
    const cafes = t.locator('section[aria-labelledby="dash-cafes"]');
    await expect.poll(() => cafes.locator('.dash-key').innerText(), PATIENCE).toContain('Cafés tenus : 1');
    await expect(cafes.innerText()).resolves.toContain('compte comme tenu');
    // The figures' table (folded under "Voir les chiffres en tableau") says which café it is.
    await expect(cafes.locator('table').textContent()).resolves.toContain('(pas encore clos)');
    await shoot(t, 'cafe-clock-dashboard');
  });

  it('printed, a cancelled café says « Annulé » and a past one « Terminé », with no code to scan', async () => {
    for (const [id, kind, word, screen] of [
      [cancelledId, 'affiche', 'Annulé', 'Ce café est annulé.'],
      [cancelledId, 'invitations', 'Annulé', 'Ce café est annulé.'],
      [cafeId, 'affiche', 'Terminé', 'Ce café est passé.'],
    ] as const) {
      await t.goto(`${sync.server.url}#/cafe/${id}/${kind}`);
      await expect.poll(() => t.locator('.cafe-print .card-warn').innerText(), PATIENCE).toContain(screen);
      await expect(t.locator('.cafe-stamp').innerText()).resolves.toBe(word);
      await expect(t.locator('.cafe-print img').count()).resolves.toBe(0);
      await expect(t.locator('.cafe-poster-typed').count()).resolves.toBe(0);
      await look(t, `print-${kind}-${word}`);
      await t.emulateMedia({ media: 'print' });
      await shoot(t, `cafe-clock-print-${kind}-${word}-paper`);
      const pdf = await pdfText(new Uint8Array(await t.pdf({ format: 'A4', printBackground: true })));
      await t.emulateMedia({ media: 'screen' });
      expect(pdf.pages, `${kind} ${word}`).toBe(1);
      // The large word across the page, and on each slip (a slip is handed on alone).
      expect(pdf.text.split(word).length - 1).toBe(kind === 'invitations' ? 9 : 1);
      expect(pdf.text).toContain(THEME);
      // No "Je suis là" code: neither the words that go with the QR nor the code to type.
      expect(pdf.text).not.toContain('lisez ce code');
      expect(pdf.text).not.toContain('tapez ce code');
      // The screen's warning is not printed.
      expect(pdf.text).not.toContain('Si vous imprimez');
    }
  });

  it('at 320 px and 32 px text the tablet’s new states fit the screen', async () => {
    const tablet = t.context();
    await tablet.close();
    contexts.splice(contexts.indexOf(tablet), 1);
    setDefaultFont(tabletProfile.dir, 32);
    t = await open(tabletProfile.dir, NARROW);
    await t.clock.setFixedTime(inParis('17:05'));
    for (const [hash, ready, name] of [
      ['#/cafes', '.cafe-list .cafe-is-to-close', 'list-to-close'],
      [`#/cafe/${cafeId}`, '#cafe-to-close', 'board-to-close'],
      [`#/cafe/${cancelledId}/affiche`, '.cafe-stamp', 'poster-cancelled'],
      [`#/cafe/${cancelledId}/invitations`, '.cafe-stamp', 'slips-cancelled'],
    ] as const) {
      await t.goto(`${sync.server.url}${hash}`);
      await t.locator(ready).first().waitFor(PATIENCE);
      await t.evaluate(() => document.fonts.ready.then(() => undefined));
      expect(await sidewaysOverflow(t), name).toEqual([]);
      await look(t, `narrow-${name}`);
    }
    await t.clock.setFixedTime(inParis('15:30'));
    await t.goto(`${sync.server.url}#/cafes`);
    await t.locator('.cafe-list .cafe-is-in-progress').first().waitFor(PATIENCE);
    expect(await sidewaysOverflow(t)).toEqual([]);
    await look(t, 'narrow-list-in-progress');
  });
});
