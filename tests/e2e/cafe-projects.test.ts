/**
 * Micro-projects between cafés (issue 12, tester's faults): a household's phone reaches its
 * projects and « Proposer une idée » from its home when no café is coming (« Mes projets et
 * idées »), and leaves a project itself; the tablet changes a project's next step and its date
 * (a date already passed is refused at once, with the summary focused) and its participants. The
 * project is started by another tablet (a facilitator's direct sync connection writing the records
 * a tablet writes), so that the phone has it before any café is planned. Bruno's phone is a small
 * phone at 32 px text; the tablet's edit form is checked at 320 px with 32 px text: no sideways
 * scroll, axe clean. On the café's check-in list, « bâtiment b » does not find Bruno of Bâtiment A,
 * a double tap on a box leaves the household ticked, and a re-scan of the theme started there
 * ends on a summary that leads back to the café. At 360×640, the relay's codes come into view with focus on their heading
 * (they were below the screen), with what to do in words. Two cafés on one theme: the list puts
 * the soonest first and names each « Ouvrir » with its day. Every screen is looked at
 * (test-results/screens/cafe-projects-*.png).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { membershipKey, projectKey } from '../../src/domain/records';
import { formatDate } from '../../src/i18n';
import { connect, postJson, synced } from '../server/helpers';
import {
  answer,
  enterPhoneCode,
  issuePhoneAccess,
  joinAndDescribe,
  openSessionWithFatima,
  signUpWithPhone,
  syncState,
} from './app-steps';
import {
  SMALL_PHONE,
  TABLET,
  accessibilityViolations,
  launch,
  newProfileDir,
  setDefaultFont,
  shoot,
  sidewaysOverflow,
} from './harness';
import { syncServerAndDevices } from './sync-harness';
import { perimeterDate } from './cafe-steps';

const PATIENCE = { timeout: 30_000 };
const PROJECT = 'Grainothèque';

const sync = syncServerAndDevices();
const phoneProfile = newProfileDir();
const tabletProfile = newProfileDir();
const closers: (() => Promise<void>)[] = [];
const ids: Record<string, string> = {};
let perimeterId = '';
let t: Page;
let bruno: Page;

afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  phoneProfile.remove();
  tabletProfile.remove();
});

async function look(page: Page, name: string): Promise<void> {
  await shoot(page, `cafe-projects-${name}`);
  expect(await accessibilityViolations(page), name).toEqual([]);
  expect(await sidewaysOverflow(page), name).toEqual([]);
}

/** Another tablet starts « Grainothèque » with Anna and Bruno, as its createProject would write it. */
async function startProjectElsewhere(): Promise<string> {
  const response = await postJson(`${sync.server.url}api/invitations/redeem`, {
    code: sync.server.inviteTo(perimeterId),
  });
  const { token } = (await response.json()) as { token: string };
  const other = connect(`${sync.server.url.replace(/^http/, 'ws')}sync`, perimeterId, token);
  try {
    await synced(other);
    const at = new Date().toISOString();
    const key = projectKey(null, randomUUID());
    other.doc.transact(() => {
      other.doc.getMap('projects').set(key, {
        name: PROJECT,
        ideaId: null,
        nextStep: 'Trouver une étagère',
        nextStepDate: null,
        createdAt: at,
        updatedAt: at,
      });
      for (const name of ['Anna', 'Bruno']) {
        other.doc
          .getMap('memberships')
          .set(membershipKey(key, ids[name]!), { member: true, by: 'facilitator', at });
      }
    });
    await expect.poll(() => other.provider.unsyncedChanges, PATIENCE).toBe(0);
    return key;
  } finally {
    other.destroy();
  }
}

describe('micro-projects between cafés', () => {
  it('the tablet signs up Anna and Bruno and gives Bruno a phone access', async () => {
    const { code, perimeterId: id } = sync.server.invite('Résidence des Tilleuls');
    perimeterId = id;
    setDefaultFont(tabletProfile.dir, 32);
    const tablet = await launch(tabletProfile.dir, TABLET);
    closers.push(() => tablet.close());
    t = await tablet.newPage();
    await joinAndDescribe(t, sync.server.url, code);
    await expect.poll(() => syncState(t), PATIENCE).toBe('stored');
    await openSessionWithFatima(t);
    for (const name of ['Anna', 'Bruno']) {
      ids[name] = await signUpWithPhone(t, name, '');
      await answer(t, 'Je propose');
      await t.getByRole('link', { name: 'Faire une pause' }).click();
    }
    const code2 = await issuePhoneAccess(t, sync.server.url, ids.Bruno!);
    await startProjectElsewhere();
    setDefaultFont(phoneProfile.dir, 32);
    const phone = await launch(phoneProfile.dir, SMALL_PHONE);
    closers.push(() => phone.close());
    bruno = await phone.newPage();
    await enterPhoneCode(bruno, sync.server.url, code2);
    await bruno.getByRole('heading', { level: 1, name: 'Bruno' }).waitFor(PATIENCE);
  });

  it('with no café coming, Bruno’s home leads to his project and to proposing an idea', async () => {
    await expect(bruno.getByRole('heading', { name: 'Prochain Café-Rencontre' }).count()).resolves.toBe(0);
    await bruno.getByRole('link', { name: 'Mes projets et idées' }).click();
    await bruno.getByRole('heading', { name: 'Proposer une idée' }).waitFor(PATIENCE);
    await bruno.getByRole('button', { name: `Quitter ce projet : ${PROJECT}` }).waitFor(PATIENCE);
    await expect(bruno.getByText('Pas de café prévu pour l’instant.').isVisible()).resolves.toBe(true);
    await look(bruno, 'phone-no-cafe');
  });

  it('the tablet changes the next step: a date passed is refused at once, then it is taken', async () => {
    await t.goto(`${sync.server.url}#/`);
    await t.getByRole('link', { name: 'Cafés-Rencontres' }).click();
    await t.getByRole('link', { name: 'Prévoir un café' }).click();
    await t.getByLabel('Date').fill(perimeterDate(1));
    await t.getByLabel('Heure de début').fill('15:00');
    await t.getByLabel('Heure de fin').fill('17:30');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await t.getByLabel('Autre lieu (à écrire)').fill('Square des Tilleuls');
    await t.getByLabel('Thème').selectOption({ index: 1 });
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.getByRole('button', { name: `Modifier : ${PROJECT}` }).waitFor(PATIENCE);

    // The check-in list: « bâtiment b » is nobody here (Anna and Bruno live in Bâtiment A; it
    // found Bruno, "b" from his name); a double tap on Anna's box leaves her ticked.
    const search = t.getByLabel('Chercher un nom ou un bâtiment');
    await search.fill('bâtiment b');
    await expect.poll(() => t.locator('.cafe-checkin li').count(), PATIENCE).toBe(0);
    await search.fill('bâtiment a');
    await expect.poll(() => t.locator('.cafe-checkin li').count(), PATIENCE).toBeGreaterThanOrEqual(2);
    await t.getByRole('checkbox', { name: /Anna/ }).dblclick();
    await t.getByRole('checkbox', { name: /Bruno/ }).click();
    await expect.poll(() => t.locator('.cafe-count').innerText(), PATIENCE).toContain('2 foyers présents');
    await expect(t.getByRole('checkbox', { name: /Anna/ }).isChecked()).resolves.toBe(true);
    await search.fill('');

    // « Refaire le thème » for Anna, left half-way: her summary leads back to the café.
    const board = t.url();
    await t.getByRole('link', { name: 'Refaire le thème : Anna' }).click();
    await t.getByRole('link', { name: 'Revenir au résumé' }).click();
    await t.getByRole('link', { name: 'Retour au café' }).click(PATIENCE);
    await expect.poll(() => t.url(), PATIENCE).toBe(board);

    await t.getByRole('button', { name: `Modifier : ${PROJECT}` }).click();

    const form = t.getByRole('form', { name: `Modifier « ${PROJECT} »` });
    await form.getByRole('textbox', { name: 'Prochaine étape (facultatif)' }).fill('Peindre l’étagère');
    await form.getByLabel('Date de la prochaine étape').fill(perimeterDate(-1));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const summary = form.locator('[data-error-summary]');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement), PATIENCE).toBe(true);
    await expect(summary.innerText()).resolves.toContain('Cette date est déjà passée');
    await expect(form.getByLabel('Date de la prochaine étape').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await t.setViewportSize({ width: 320, height: 640 });
    await look(t, 'edit-refused-320-32px');
    await t.setViewportSize(TABLET);

    await form.getByLabel('Date de la prochaine étape').fill(perimeterDate(10));
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await t.getByText('C’est enregistré.').waitFor(PATIENCE);
    await expect
      .poll(() => t.evaluate(() => document.activeElement?.textContent ?? ''), PATIENCE)
      .toContain(`Modifier : ${PROJECT}`);
    await t.getByText('Prochaine étape : Peindre l’étagère').waitFor();
  });

  it('the tablet removes Anna and adds her back; Bruno’s phone shows the new step', async () => {
    await t.getByRole('button', { name: 'Retirer : Anna' }).click();
    await expect.poll(() => t.getByRole('button', { name: 'Retirer : Anna' }).count(), PATIENCE).toBe(0);
    await t.getByLabel('Ajouter un participant').selectOption({ label: 'Anna' });
    await t.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await t.getByRole('button', { name: 'Retirer : Anna' }).waitFor(PATIENCE);
    await t.setViewportSize({ width: 320, height: 640 });
    await look(t, 'board-320-32px');
    await t.setViewportSize(TABLET);
    await bruno.getByText('Prochaine étape : Peindre l’étagère').waitFor(PATIENCE);
  });

  it('Bruno leaves the project from his phone; the tablet no longer lists him', async () => {
    await bruno.getByRole('button', { name: `Quitter ce projet : ${PROJECT}` }).click();
    await bruno.getByText(`Vous ne participez plus à « ${PROJECT} ».`).waitFor(PATIENCE);
    await bruno.getByText('Pas encore de projet.').waitFor();
    await look(bruno, 'phone-left');
    await expect.poll(() => t.getByRole('button', { name: 'Retirer : Bruno' }).count(), PATIENCE).toBe(0);
  });

  it('at 360×640, « Montrer mes codes » brings the codes into view, focus on their heading, and says what to do', async () => {
    await bruno.setViewportSize({ width: 360, height: 640 });
    await bruno.getByRole('button', { name: 'Se mettre à jour sans réseau' }).click();
    await bruno.getByRole('button', { name: 'Montrer mes codes' }).click();
    const heading = bruno.getByRole('heading', { name: 'Montrez cet écran à l’autre appareil' });
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement), PATIENCE).toBe(true);
    const canvas = bruno.locator('.relay-panel canvas');
    await expect
      .poll(
        () =>
          canvas.evaluate(
            (el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < 640,
          ),
        PATIENCE,
      )
      .toBe(true);
    await expect(bruno.locator('.relay-show').innerText()).resolves.toContain(
      'jusqu’à ce qu’il dise qu’il a tout reçu',
    );
    await look(bruno, 'phone-relay-show-360x640');
  });

  it('the café list puts the soonest planned café first, and each « Ouvrir » names its day', async () => {
    await t.goto(`${sync.server.url}#/`);
    await t.getByRole('link', { name: 'Cafés-Rencontres' }).click();
    await t.getByRole('link', { name: 'Prévoir un café' }).click();
    await t.getByLabel('Date').fill(perimeterDate(5));
    await t.getByLabel('Heure de début').fill('15:00');
    await t.getByLabel('Heure de fin').fill('17:30');
    await t.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Autre lieu' });
    await t.getByLabel('Autre lieu (à écrire)').fill('Square des Tilleuls');
    await t.getByLabel('Thème').selectOption({ index: 1 });
    await t.getByRole('button', { name: 'Prévoir ce café' }).click();
    await t.getByRole('link', { name: 'Imprimer l’affiche' }).waitFor(PATIENCE);
    await t.goto(`${sync.server.url}#/cafes`);
    const opens = t.locator('.cafe-list li a');
    await expect.poll(() => opens.count(), PATIENCE).toBe(2);
    // The same theme twice: the spoken names differ by the day, the soonest first.
    const names = await opens.evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(names[0]).toContain(formatDate(perimeterDate(1)));
    expect(names[1]).toContain(formatDate(perimeterDate(5)));
    expect(new Set(names).size).toBe(2);
    await look(t, 'list');
  });
});
