/**
 * The sign-up café on a tablet with no network: the app is loaded once, then everything happens
 * offline. Three households sign up one after the other, each witnessed by a founding resident,
 * each answering 30+ ideas; the tablet is switched off mid-scan and on again, still offline, with
 * the web server gone: every answer is there and the interrupted scan resumes at the right idea.
 */
import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Served,
  accessibilityViolations,
  launch,
  newProfileDir,
  serveDist,
  shoot,
  waitForServiceWorker,
} from './harness';

const ANSWERS = ['Je propose', 'Je cherche', 'Je propose et je cherche', 'Pas pour moi'];

let served: Served;
const profile = newProfileDir();
const a11y: Record<string, unknown[]> = {};

beforeAll(async () => {
  served = await serveDist();
});

afterAll(async () => {
  await served.close().catch(() => {});
  profile.remove();
});

async function check(page: Page, screen: string) {
  await shoot(page, screen);
  a11y[screen] = await accessibilityViolations(page);
}

const ideaTitle = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

/** Answers `count` ideas, waiting each time for the next idea to be on screen. */
async function answerIdeas(page: Page, count: number, shootFirst?: string) {
  await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
  for (let i = 0; i < count; i++) {
    const before = await ideaTitle(page);
    if (i === 0 && shootFirst) await check(page, shootFirst);
    const join = page.getByRole('button', { name: 'Je participerais' });
    const choice =
      (await join.count()) > 0 ? join : page.getByRole('button', { name: ANSWERS[i % 4], exact: true });
    await choice.click();
    await expect.poll(() => ideaTitle(page)).not.toBe(before);
  }
}

async function signUp(page: Page, name: string, place: string, phone: string) {
  await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await page.getByLabel('Nom que les voisins verront').fill(name);
  await page.getByLabel('Rue ou bâtiment').selectOption(place);
  await page.getByLabel('Téléphone').fill(phone);
  await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
  await page
    .getByRole('group', { name: /Voisins qui accueillent/ })
    .getByRole('checkbox', { name: 'Fatima' })
    .check();
  await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
}

describe('the sign-up café, offline', () => {
  let context: BrowserContext;
  let page: Page;
  let interruptedAt = '';

  it('loads once online, then works with the network off', async () => {
    context = await launch(profile.dir);
    page = await context.newPage();
    await page.goto(served.url);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Bienvenue dans Tissage' }).isVisible())
      .toBe(true);
    await check(page, '01-welcome');
  });

  it('creates the perimeter and its founding resident, and says what is wrong in French', async () => {
    await page.getByRole('button', { name: 'Créer un périmètre' }).click();
    await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
    await expect.poll(() => page.getByText('Ce champ est à remplir.').first().isVisible()).toBe(true);
    await check(page, '02-welcome-errors');

    await page.getByLabel('Nom du périmètre').fill('Résidence des Tilleuls');
    await page.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
    await page.getByRole('button', { name: 'Ajouter une rue ou un bâtiment' }).click();
    await page.getByLabel('Rue ou bâtiment n° 2').fill('Bâtiment B');
    await page.getByLabel('Nombre de logements').fill('120');
    const founder = page.getByRole('group', { name: 'Personne n° 1' });
    await founder.getByLabel('Nom').fill('Fatima');
    await founder.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
    await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
    await expect.poll(() => page.getByText('1 foyer inscrit sur 120 logements').isVisible()).toBe(true);
    await check(page, '03-home');
  });

  it('refuses a sign-up when no registered neighbour is present', async () => {
    await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
    await page.getByLabel('Lieu de la rencontre').fill('Salle commune');
    await page.getByRole('radio', { name: 'Café' }).check();
    await check(page, '04-open-session');
    await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
    await expect.poll(() => page.getByText('Il faut un voisin déjà inscrit').isVisible()).toBe(true);
    await expect(page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).count()).resolves.toBe(
      0,
    );
    await check(page, '05-signup-refused');
  });

  it('signs up three households one after the other, each answering 30 ideas or more', async () => {
    await page.getByRole('checkbox', { name: 'Fatima' }).check();
    await expect.poll(() => page.getByLabel('Nom que les voisins verront').isVisible()).toBe(true);
    await page.goBack();
    await expect.poll(() => page.getByRole('link', { name: 'Inscrire un foyer' }).isVisible()).toBe(true);
    await check(page, '06-session');

    await signUp(page, 'Léa', 'Bâtiment B', '06 12 34 56 78');
    await answerIdeas(page, 30, '07-scan');
    await page.getByRole('link', { name: 'Faire une pause' }).click();

    await signUp(page, 'Omar', 'Bâtiment A', '');
    await answerIdeas(page, 31);
    await page.getByRole('link', { name: 'Faire une pause' }).click();

    await expect.poll(() => page.getByRole('link', { name: 'Inscrire un foyer' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
    await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
    await expect.poll(() => page.getByRole('alert').first().isVisible()).toBe(true);
    await check(page, '08-signup-errors');
    await page.goBack();

    await signUp(page, 'Mireille', 'Bâtiment B', '');
    await answerIdeas(page, 34);
    interruptedAt = await ideaTitle(page);
    await check(page, '09-scan-interrupted');
  });

  it('after the tablet is switched off and on, offline, every answer is there and the scan resumes', async () => {
    await context.close();
    await served.close();

    context = await launch(profile.dir);
    await context.setOffline(true);
    page = await context.newPage();
    const response = await page.goto(served.url);
    expect(response?.fromServiceWorker()).toBe(true);

    const counts = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const dbs = indexedDB.databases();
        void dbs.then((all) => {
          const name = all.find((d) => d.name?.startsWith('tissage-read-'))?.name ?? '';
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
      });
      const rows = await new Promise<{ householdId: string; answers: object }[]>((resolve) => {
        const request = db.transaction('householdAnswers').objectStore('householdAnswers').getAll();
        request.onsuccess = () => resolve(request.result as { householdId: string; answers: object }[]);
      });
      const households = await new Promise<{ id: string; name: string }[]>((resolve) => {
        const request = db.transaction('households').objectStore('households').getAll();
        request.onsuccess = () => resolve(request.result as { id: string; name: string }[]);
      });
      return Object.fromEntries(
        households.map((h) => {
          const row = rows.find((candidate) => candidate.householdId === h.id);
          return [h.name, Object.keys(row?.answers ?? {}).length];
        }),
      );
    });
    expect(counts).toEqual({ Fatima: 0, Léa: 30, Omar: 31, Mireille: 34 });

    await page.getByRole('link', { name: 'Reprendre la séance' }).click();
    await expect.poll(() => page.getByText('en cours : 35 / 169').isVisible()).toBe(true);
    await expect(page.getByText('en cours : 31 / 169').isVisible()).resolves.toBe(true);
    await check(page, '10-session-after-restart');
    await page.getByRole('link', { name: /Continuer.*Mireille/ }).click();
    await expect.poll(() => ideaTitle(page)).toBe(interruptedAt);
    await expect(page.getByText('35 / 169').first().isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Retour' }).click();
    await expect.poll(() => page.locator('[aria-pressed="true"]').count()).toBe(1);
    await check(page, '11-scan-back');
  });

  it('ends with a summary of what the household offers and looks for', async () => {
    await page.getByRole('link', { name: 'Faire une pause' }).click();
    await page.getByRole('link', { name: /Continuer.*Léa/ }).click();
    await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
    const theme = () => page.evaluate(() => document.querySelector('.theme-title')?.textContent ?? 'summary');
    for (let before = await theme(); before !== 'summary'; before = await theme()) {
      await page.getByRole('button', { name: 'Passer ce thème' }).click();
      await expect.poll(theme).not.toBe(before);
    }
    await expect.poll(() => page.getByRole('heading', { name: 'Merci, Léa !' }).isVisible()).toBe(true);
    await expect(page.getByRole('heading', { name: 'Vous proposez' }).isVisible()).resolves.toBe(true);
    await check(page, '12-summary');
    await page.getByRole('link', { name: 'Terminer' }).click();
    await page
      .getByRole('link', { name: /Accueil/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'Gérer les idées du catalogue' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Les idées du catalogue' }).isVisible())
      .toBe(true);
    await check(page, '13-catalogue');
  });

  it('shows no accessibility violation (WCAG 2.1 AA) on any screen of the flow', async () => {
    await context.close();
    expect(Object.keys(a11y).length).toBeGreaterThanOrEqual(12);
    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((screen) => [screen, []])));
  });
});
