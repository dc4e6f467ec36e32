/**
 * The Café-Rencontre's screens (issue 12) on a tablet and a phone against the real sync server.
 * The tablet signs up Anna (offers the first idea) and Bruno (looks for it), plans a café on that
 * idea's theme, prints the poster and the invitation slips (read back from the PDF: one A4 page
 * each, theme, date and place), and ticks Anna in on the check-in list found by searching her
 * name. Bruno's phone shows the next café on its home and downloads its .ics event (read back
 * with ical.js: start, place, title); then, its clock at the café's hours (Playwright's clock:
 * a phone's own check-in is taken only from an hour before the start), says "Je suis là" by
 * filming the poster's QR code
 * (Chromium's fake camera plays scripts/make-qr-video.ts's video of it), and sees Anna first
 * among its matches, marked as there. The tablet then counts two present and shows the theme's
 * link between them, and signs Claire up at the café, witnessed by Anna. Bruno proposes an idea
 * from his phone, which the tablet accepts. Other posters' refusals (another perimeter's,
 * another café's, a cancelled café's) are the domain's, tested in
 * tests/unit/domain/cafe-calendar.test.ts and tests/unit/workspace/cafe-services.test.ts.
 * Dina's phone has no camera: "Je suis là" shows at once the box for the code printed beside the
 * poster's QR (read off the tablet's poster page; the slips do not carry it); a wrong code is
 * refused and records nothing (her phone, the server), so is the right code typed the day before
 * (the phone says when the café starts); on the day, the poster's code records her presence.
 * Filmed or typed, the confirmation then has the focus, in view on a small phone.
 *
 * Every screen is looked at (test-results/screens/cafe-*.png) and checked with axe.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { BrowserContext, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { qrVideo } from '../../scripts/make-qr-video';
import { posterCode } from '../../src/domain/cafe-poster-code';
import {
  answer,
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpHousehold,
  syncState,
} from './app-steps';
import { SMALL_PHONE, TABLET, accessibilityViolations, launch, newProfileDir, shoot } from './harness';
import { syncServerAndDevices } from './sync-harness';
import { frenchDay, inParis, perimeterDate } from './cafe-steps';

const PATIENCE = { timeout: 30_000 };
const THEME = 'Prêter et donner des objets';
const PLACE = 'Square des Tilleuls, côté fontaine';
const WELCOME = 'Café, thé et gâteaux offerts.';

const sync = syncServerAndDevices();
const work = mkdtempSync(join(tmpdir(), 'tissage-cafe-'));
const cameraProfile = newProfileDir();
const noCameraProfile = newProfileDir();
let phoneContext: BrowserContext | undefined;
let dinaContext: BrowserContext | undefined;
/** The code printed beside the poster's QR, as the poster shows it ("KM7 X4P"). */
let posterTyped = '';
let t: Page;
let bruno: Page;
let dina: Page;
let cafeId = '';
let perimeterId = '';
let firstIdea = '';
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

afterAll(async () => {
  await phoneContext?.close().catch(() => {});
  await dinaContext?.close().catch(() => {});
  cameraProfile.remove();
  noCameraProfile.remove();
  rmSync(work, { recursive: true, force: true });
});

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `cafe-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
}

/** The text of every page of a PDF, and its page count and first page's size in points. */
async function readPdf(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const page = await document.getPage(1);
  const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  return { pages: document.numPages, text, size: page.view.slice(2) };
}

/** Whether the "C'est noté" confirmation has the focus and lies wholly within the screen. */
function confirmationShown(page: Page): Promise<{ focused: boolean; inView: boolean }> {
  return page.evaluate(() => {
    const done = document.querySelector('.cafe-here');
    const box = done?.getBoundingClientRect();
    return {
      focused: !!done && document.activeElement === done,
      inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

/** Dina's presence at the café in `doc` (the server's), as `present` and `how`, if any. */
function dinaPresence(doc: Y.Doc): { present: boolean; how: string } | undefined {
  const value = doc.getMap<{ present: boolean; how: string }>('attendance').get(`${cafeId}/${ids.Dina}`);
  return value && { present: value.present, how: value.how };
}

async function signUpWith(page: Page, name: string, first: string): Promise<void> {
  await signUpHousehold(page, name, async (p) => {
    const witnesses = p.getByRole('group', { name: /Voisins qui accueillent/ });
    if ((await witnesses.count()) > 0) await witnesses.getByRole('checkbox', { name: 'Fatima' }).check();
  });
  ids[name] = /#\/scan\/([a-z0-9-]+)/.exec(page.url())?.[1] ?? '';
  firstIdea = await page.getByRole('heading', { level: 1 }).innerText();
  await answer(page, first);
  await page.getByRole('link', { name: 'Faire une pause' }).click();
}

describe('the Café-Rencontre on a tablet and a phone', () => {
  it('the tablet signs up Anna and Bruno and gives Bruno a phone access', async () => {
    const { code, perimeterId: id } = sync.server.invite('Résidence des Tilleuls');
    perimeterId = id;
    t = await (await sync.newDevice(TABLET)).newPage();
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    await signUpWith(t, 'Anna', 'Je propose');
    await signUpWith(t, 'Bruno', 'Je cherche');
    await signUpWith(t, 'Dina', 'Je cherche');
    codes.Bruno = await issuePhoneAccess(t, sync.server.url, ids.Bruno!);
    expect(codes.Bruno).not.toBe('');
  });

  it('the tablet plans a café: date, times, a place typed, the theme, a welcome', async () => {
    await t.goto(`${sync.server.url}#/`);
    await t.getByRole('link', { name: 'Cafés-Rencontres' }).click();
    await t.getByRole('heading', { name: 'Les Cafés-Rencontres' }).waitFor();
    await look(t, 'list-empty');
    await t.getByRole('link', { name: 'Prévoir un café' }).click();
    await t.getByLabel('Date').fill(perimeterDate(1));
    await t.getByLabel('Heure de début').fill('15:00');
    await t.getByLabel('Heure de fin').fill('17:30');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await t.getByLabel('Autre lieu (à écrire)').fill(PLACE);
    await t.getByLabel('Thème').selectOption({ label: THEME });
    await t.getByLabel(/Mot d’accueil/).fill(WELCOME);
    await look(t, 'plan');
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.getByRole('heading', { level: 1, name: THEME }).waitFor(PATIENCE);
    cafeId = /#\/cafe\/([a-z0-9-]+)/.exec(t.url())?.[1] ?? '';
    expect(cafeId).not.toBe('');
    await expect(t.locator('.cafe-count').innerText()).resolves.toBe('👥 0 foyer présent');
    await look(t, 'board-empty');
  });

  it('prints the poster and the slips on one A4 page each, with theme, date and place', async () => {
    for (const [link, name] of [
      ['Imprimer l’affiche', 'poster'],
      ['Imprimer les invitations', 'slips'],
    ] as const) {
      await t.goto(`${sync.server.url}#/cafe/${cafeId}`);
      await t.getByRole('link', { name: link }).click();
      await t.locator('.cafe-print img').first().waitFor(PATIENCE);
      await look(t, `print-${name}`);
      if (name === 'poster') {
        posterTyped = (await t.locator('.cafe-poster-typed').innerText())
          .replace('Code à taper :', '')
          .trim();
        expect(posterTyped).toMatch(/^[2-9A-HJ-NP-Z]{3}\s+[2-9A-HJ-NP-Z]{3}$/);
      }
      await t.emulateMedia({ media: 'print' });
      await shoot(t, `cafe-print-${name}-paper`);
      const pdf = await readPdf(await t.pdf({ format: 'A4', printBackground: true }));
      await t.emulateMedia({ media: 'screen' });
      expect(pdf.pages, name).toBe(1);
      expect(pdf.text).toContain(THEME);
      expect(pdf.text).toContain('Square des Tilleuls');
      expect(pdf.text).toMatch(/de 15 h à 17 h 30/);
      // A4 is 210 × 297 mm, 595.3 × 841.9 points.
      expect(Math.abs(pdf.size[0]! - 595.3)).toBeLessThan(2);
      expect(Math.abs(pdf.size[1]! - 841.9)).toBeLessThan(2);
      // The code to type says "I am at the café": on the poster, never on the slips sent before.
      // Its letters are spaced out, so the PDF's text has a space between each: compared without.
      const bare = (text: string) => text.replace(/\s+/g, '');
      expect(bare(pdf.text).includes(bare(posterTyped)), name).toBe(name === 'poster');
      if (name === 'slips') expect(pdf.text.match(/Vous êtes invités/g)).toHaveLength(8);
      // The welcome's "ff" comes out of the PDF as a ligature, split: a word without one.
      else expect(pdf.text).toContain('gâteaux');
    }
  });

  it('ticks Anna in, found by her name, and counts one present', async () => {
    await t.goto(`${sync.server.url}#/cafe/${cafeId}`);
    await t.getByLabel('Chercher un nom ou un bâtiment').fill('ann');
    await expect.poll(() => t.locator('.cafe-checkin > li').count()).toBe(1);
    await t.getByRole('checkbox', { name: /Anna/ }).check();
    await expect.poll(() => t.locator('.cafe-count').innerText()).toBe('👥 1 foyer présent');
    await t.getByLabel('Chercher un nom ou un bâtiment').fill('');
    await look(t, 'board-one');
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
  });

  it('Bruno’s phone shows the next café on its home and adds it to the calendar (.ics)', async () => {
    const video = join(work, 'poster.y4m');
    writeFileSync(video, qrVideo(posterCode(perimeterId, cafeId)));
    phoneContext = await launch(cameraProfile.dir, SMALL_PHONE, video);
    bruno = await phoneContext.newPage();
    // Bruno's phone is at the café, tomorrow at 15:10 (a phone's own "Je suis là" is taken from an
    // hour before the start until the end); the tablet keeps this machine's clock.
    await bruno.clock.setFixedTime(inParis(perimeterDate(1), '15:10'));
    await enterPhoneCode(bruno, sync.server.url, codes.Bruno!);
    await bruno.getByRole('heading', { name: 'Prochain Café-Rencontre' }).waitFor(PATIENCE);
    await look(bruno, 'phone-home');
    const [download] = await Promise.all([
      bruno.waitForEvent('download'),
      bruno.getByRole('link', { name: 'Ajouter à mon agenda' }).click(),
    ]);
    const ics = readFileSync((await download.path())!, 'utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toString()).toBe(`${perimeterDate(1)}T15:00:00`);
    expect(event.endDate.toString()).toBe(`${perimeterDate(1)}T17:30:00`);
    expect(event.location).toBe(PLACE);
    expect(event.summary).toBe(`Café-Rencontre : ${THEME}`);
    expect(download.suggestedFilename()).toBe(`cafe-rencontre-${perimeterDate(1)}.ics`);
  });

  it('Bruno says "Je suis là" by filming the poster, and sees Anna there first', async () => {
    await bruno.getByRole('link', { name: 'Voir le café' }).click();
    await bruno.getByRole('heading', { name: 'Le Café-Rencontre' }).waitFor();
    await look(bruno, 'phone-cafe');
    await bruno.getByRole('button', { name: 'Je suis là' }).click();
    await expect
      .poll(() => bruno.getByText('C’est noté : vous êtes au café.').isVisible(), PATIENCE)
      .toBe(true);
    // The reader closed: the confirmation is in view and has the focus, not the page's top.
    await expect.poll(() => confirmationShown(bruno), PATIENCE).toEqual({ focused: true, inView: true });
    const first = bruno.locator('.cafe-links > li').first();
    await expect.poll(() => first.innerText(), PATIENCE).toContain('Anna');
    await expect(first.innerText()).resolves.toContain('Est au café');
    await look(bruno, 'phone-here');
  });

  it('the tablet counts two present, one by the poster, and shows their link on the theme', async () => {
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toBe('👥 2 foyers présents');
    await expect(t.locator('.cafe-checkin').innerText()).resolves.toContain('a scanné l’affiche');
    await expect
      .poll(() => t.locator('.cafe-links').innerText())
      .toBe(`Anna propose, Bruno cherche : ${firstIdea}`);
    await look(t, 'board-two');
  });

  it('the tablet signs Claire up at the café, witnessed by Anna: she counts as present at once', async () => {
    await t.getByRole('link', { name: 'Inscrire un nouveau foyer' }).click();
    await t.getByLabel('Nom que les voisins verront').fill('Claire');
    await t.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    await t
      .getByRole('group', { name: /Voisins qui accueillent/ })
      .getByRole('checkbox', { name: 'Anna' })
      .check();
    await t.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
    await look(t, 'signup');
    await t.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await t.getByRole('group', { name: 'Votre réponse' }).waitFor(PATIENCE);
    await t.goto(`${sync.server.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toBe('👥 3 foyers présents');
    await expect(t.locator('.cafe-checkin .is-present').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Anna'),
      expect.stringContaining('Bruno'),
      expect.stringContaining('Claire'),
    ]);
  });

  it('Bruno proposes an idea from his phone; the tablet accepts it and his phone says so', async () => {
    await bruno.getByLabel('Votre idée').fill('Prêter un diable');
    await bruno.getByLabel('Thème', { exact: true }).selectOption({ label: THEME });
    await bruno.getByLabel('Pour qui ?').selectOption({ label: 'Entre deux voisins' });
    await bruno.getByRole('button', { name: 'Proposer' }).click();
    await bruno.getByText('Merci ! L’association va lire votre idée.').waitFor();
    await expect.poll(() => bruno.locator('.cafe-proposals').innerText()).toContain('En attente');
    await look(bruno, 'phone-proposed');
    const proposals = t.locator('.cafe-proposals');
    await expect.poll(() => proposals.innerText(), PATIENCE).toContain('Prêter un diable');
    await expect(proposals.innerText()).resolves.toContain('Proposée par Bruno');
    await look(t, 'board-proposal');
    await proposals.getByRole('button', { name: 'Accepter : Prêter un diable' }).click();
    await expect.poll(() => proposals.innerText()).toContain('Acceptée');
    await expect.poll(() => bruno.locator('.cafe-proposals').innerText(), PATIENCE).toContain('Acceptée');
  });

  it('the café opens the relay with no network on both: the phone shows its codes, the tablet reads', async () => {
    await bruno.getByRole('button', { name: 'Se mettre à jour sans réseau' }).click();
    await bruno.getByRole('button', { name: 'Montrer mes codes' }).click();
    await bruno.locator('.relay-panel canvas').waitFor(PATIENCE);
    await look(bruno, 'phone-relay-show');
    await t.getByRole('button', { name: 'Mettre à jour un téléphone sans réseau' }).click();
    await t.getByRole('button', { name: 'Lire les codes de l’autre appareil' }).click();
    await t.getByRole('heading', { name: 'Lire les codes de l’autre appareil' }).waitFor(PATIENCE);
    await look(t, 'relay-read');
  });
  it('Dina’s phone has no camera: the box for the poster’s code is there; a wrong code records nothing', async () => {
    codes.Dina = await issuePhoneAccess(t, sync.server.url, ids.Dina!);
    dinaContext = await launch(noCameraProfile.dir, { width: 320, height: 640 });
    dina = await dinaContext.newPage();
    await enterPhoneCode(dina, sync.server.url, codes.Dina);
    await dina.getByRole('link', { name: 'Voir le café' }).click(PATIENCE);
    await dina.getByRole('button', { name: 'Je suis là' }).click();
    // No camera: the reason, and right under it the box the reason asks to type in.
    await expect
      .poll(() => dina.getByRole('status').filter({ hasText: 'appareil photo' }).innerText(), PATIENCE)
      .toBe('⚠️ Ce téléphone n’a pas d’appareil photo. Tapez le code à la place.');
    const box = dina.getByRole('textbox', { name: 'Code de l’affiche' });
    await expect(box.isVisible()).resolves.toBe(true);
    await look(dina, 'phone-no-camera');

    const submit = dina.getByRole('button', { name: 'Valider le code' });
    await submit.click();
    await expect
      .poll(() => dina.locator('#poster-code-error').innerText())
      .toContain('Tapez le code écrit sur l’affiche, à côté du grand carré.');
    // One character changed: the shape of a code, not this café's.
    const last = posterTyped.at(-1)!;
    await box.fill(posterTyped.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z'));
    await submit.click();
    await expect
      .poll(() => dina.locator('#poster-code-error').innerText())
      .toContain('Ce n’est pas le code de ce café.');
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');
    await look(dina, 'phone-typed-wrong');
    // The right code, but at home the day before (this machine's clock): the poster goes up days
    // ahead, and a code typed then is not a presence. The phone says when to come back.
    await box.fill(posterTyped);
    await submit.click();
    await expect
      .poll(() => dina.locator('#poster-code-error').innerText())
      .toContain(`Ce café commence le ${frenchDay(perimeterDate(1))} à 15 h. Revenez à ce moment-là.`);
    await look(dina, 'phone-typed-early');
    // Nothing recorded: her page still asks, and once her phone has nothing left to send, the
    // server holds no presence of hers.
    await expect(dina.getByText('C’est noté : vous êtes au café.').count()).resolves.toBe(0);
    await expect.poll(() => syncState(dina), PATIENCE).toBe('stored');
    expect(dinaPresence(await sync.server.serverDocument(perimeterId))).toBeUndefined();
  });

  it('Dina types the poster’s code, small letters, no space: she is there, on the tablet too', async () => {
    // Now at the café, an hour before its start: the first minute a phone's own check-in is taken.
    await dina.clock.setFixedTime(inParis(perimeterDate(1), '14:00'));
    await dina
      .getByRole('textbox', { name: 'Code de l’affiche' })
      .fill(posterTyped.replace(/\s+/, '').toLowerCase());
    await dina.getByRole('button', { name: 'Valider le code' }).click();
    await dina.getByText('C’est noté : vous êtes au café.').waitFor(PATIENCE);
    await expect.poll(() => confirmationShown(dina), PATIENCE).toEqual({ focused: true, inView: true });
    await look(dina, 'phone-typed-here');
    await expect
      .poll(async () => dinaPresence(await sync.server.serverDocument(perimeterId)), PATIENCE)
      .toEqual({ present: true, how: 'scanned' });
    await t.goto(`${sync.server.url}#/cafe/${cafeId}`);
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toBe('👥 4 foyers présents');
    await expect(t.locator('.cafe-checkin .is-present', { hasText: 'Dina' }).innerText()).resolves.toContain(
      'a scanné l’affiche',
    );
  });
});
