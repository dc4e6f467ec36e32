/**
 * What a resident feels on each answer, on the built app, offline, on a tablet-sized headless
 * Chromium: from the tap to the answer being durable in IndexedDB (`tissage:answer-durable`), and
 * to the next idea on screen. The app's own marks are read from the page; Playwright's round trips
 * between answers are outside the measured spans.
 */
import type { Page } from 'playwright';
import { type BenchBrowser, goOfflineAfterFirstLoad, markTimes, openBrowser } from './browser';
import { median, percentile } from './stats';

const ANSWERS = ['Je propose', 'Je cherche', 'Je propose et je cherche', 'Pas pour moi'];
const COLLECTIVE = ['Je participerais', 'Pas pour moi'];

export interface Spread {
  median: number;
  p90: number;
  max: number;
}

export interface AnswerFigures {
  answers: number;
  tapToDurable: Spread;
  /** To the app's `tissage:idea-painted` mark: the frame that shows the next idea, before it paints. */
  tapToPainted: Spread;
  /** To the first task after that frame painted (`bench:after-paint`). */
  tapToAfterPaint: Spread;
  userAgent: string;
}

export async function answerFigures(url: string, count = 60): Promise<AnswerFigures> {
  const browser = await openBrowser();
  try {
    await goOfflineAfterFirstLoad(browser, url);
    await startScan(browser);
    const { page } = browser;
    await page.evaluate(() => performance.clearMarks());
    await answerIdeas(page, count);
    const taps = await markTimes(page, 'tissage:answer-tap');
    const since = async (name: string) => {
      const ends = await markTimes(page, name);
      // One of each per answer, in order: the buttons stay disabled until the previous answer settled.
      if (ends.length !== taps.length) throw new Error(`${taps.length} taps but ${ends.length} ${name}`);
      return spread(ends.map((end, i) => end - taps[i]!));
    };
    return {
      answers: taps.length,
      tapToDurable: await since('tissage:answer-durable'),
      tapToPainted: await since('tissage:idea-painted'),
      tapToAfterPaint: await since('bench:after-paint'),
      userAgent: await page.evaluate(() => navigator.userAgent),
    };
  } finally {
    await browser.close();
  }
}

/** The café's opening steps, clicked by accessible name as tests/e2e/cafe-offline.test.ts does. */
async function startScan({ page }: BenchBrowser): Promise<void> {
  await page.getByRole('heading', { name: 'Bienvenue dans Tissage' }).waitFor();
  await page.getByRole('button', { name: 'Créer un périmètre' }).click();
  await page.getByLabel('Nom du périmètre').fill('Résidence des Tilleuls');
  await page.getByLabel('Rue ou bâtiment n° 1').fill('Bâtiment A');
  await page.getByLabel('Nombre de logements').fill('120');
  const founder = page.getByRole('group', { name: 'Personne n° 1' });
  await founder.getByLabel('Nom').fill('Fatima');
  await founder.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
  await page.getByRole('button', { name: 'Créer notre périmètre' }).click();
  await page.getByText('1 foyer inscrit sur 120 logements').waitFor();

  await page.getByRole('link', { name: 'Ouvrir une séance d’inscription' }).click();
  await page.getByLabel('Lieu de la rencontre').fill('Salle commune');
  await page.getByRole('checkbox', { name: 'Fatima' }).check();
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();

  await page.getByRole('link', { name: 'Inscrire un foyer' }).click();
  await page.getByLabel('Nom que les voisins verront').fill('Léa');
  await page.getByLabel('Rue ou bâtiment').selectOption('Bâtiment A');
  await page.getByRole('checkbox', { name: /J’accepte que l’association garde/ }).check();
  await page
    .getByRole('group', { name: /Voisins qui accueillent/ })
    .getByRole('checkbox', { name: 'Fatima' })
    .check();
  await page.getByRole('button', { name: 'Inscrire ce foyer et commencer' }).click();
  await page.getByRole('group', { name: 'Votre réponse' }).waitFor();
}

/** Rotates through the answers; waits, after each tap, for the next idea to have painted. */
async function answerIdeas(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const collective = (await page.getByRole('button', { name: COLLECTIVE[0] }).count()) > 0;
    const name = collective ? COLLECTIVE[i % 2]! : ANSWERS[i % 4]!;
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForFunction(
      (done) =>
        performance.getEntriesByType('mark').filter((m) => m.name === 'bench:after-paint').length >= done,
      i + 1,
      { timeout: 30_000 },
    );
  }
}

function spread(values: number[]): Spread {
  return { median: median(values), p90: percentile(values, 90), max: Math.max(...values) };
}
