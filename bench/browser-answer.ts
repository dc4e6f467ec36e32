/**
 * What a resident feels on each answer, on the built app, offline, on a tablet-sized headless
 * Chromium: from the tap to the answer being durable in IndexedDB (`tissage:answer-durable`), and
 * to the next idea on screen. The app's own marks are read from the page; Playwright's round trips
 * between answers are outside the measured spans.
 *
 * It also counts the IndexedDB transactions each tap opens, by wrapping
 * `IDBDatabase.prototype.transaction` in the page (Dexie and y-indexeddb both open theirs through
 * it): all of them from one tap to the next, and those opened before the next idea was rendered.
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
  transactions: TransactionFigures;
  userAgent: string;
}

/** IndexedDB transactions per tap, counted in the page (`countTransactions`). */
export interface TransactionFigures {
  /** Mean per tap, from one tap to the next (the last tap: until the page is quiet). */
  perTap: number;
  /** Mean per tap, opened between the tap and its `tissage:idea-painted` mark. */
  beforePainted: number;
  /** How many distinct databases one tap's transactions touch (the most over all taps). */
  databases: number;
  /** Each kind of transaction ("database mode [stores]"), with its mean count per tap. */
  kinds: { kind: string; perTap: number }[];
  /** From the tap to the answer's own transaction (the shared document's `updates`) opening. */
  tapToAnswerWrite: Spread;
  /** That transaction, from opening to its `complete` event (durable: it is `strict`). */
  answerWrite: Spread;
}

/** One transaction as the page saw it open, and when it completed (NaN if it did not). */
interface OpenedTransaction {
  at: number;
  done: number;
  db: string;
  mode: string;
  stores: string;
}

export async function answerFigures(url: string, count = 60): Promise<AnswerFigures> {
  const browser = await openBrowser();
  try {
    await browser.context.addInitScript(countTransactions);
    await goOfflineAfterFirstLoad(browser, url);
    await startScan(browser);
    const { page } = browser;
    await page.evaluate(() => performance.clearMarks());
    await answerIdeas(page, count);
    const taps = await markTimes(page, 'tissage:answer-tap');
    const painted = await markTimes(page, 'tissage:idea-painted');
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
      transactions: transactionFigures(await quietTransactions(page), taps, painted),
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

/**
 * Runs in the page before its scripts: keeps every transaction opened, with its database, mode,
 * stores and time, on `window.benchTransactions`.
 */
function countTransactions(): void {
  const opened: OpenedTransaction[] = [];
  (globalThis as typeof globalThis & { benchTransactions?: OpenedTransaction[] }).benchTransactions = opened;
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    stores: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) {
    const names = typeof stores === 'string' ? [stores] : [...stores];
    const tx = open.call(this, stores, mode, options);
    const entry = {
      at: performance.now(),
      done: Number.NaN,
      db: this.name,
      mode: mode ?? 'readonly',
      stores: names.join(','),
    };
    opened.push(entry);
    tx.addEventListener('complete', () => {
      entry.done = performance.now();
    });
    return tx;
  };
}

/** The page's transactions once none opened for half a second (the last tap's background work). */
async function quietTransactions(page: Page): Promise<OpenedTransaction[]> {
  const read = () =>
    page.evaluate(
      () => (globalThis as typeof globalThis & { benchTransactions: OpenedTransaction[] }).benchTransactions,
    );
  let seen = -1;
  for (;;) {
    const all = await read();
    if (all.length === seen) return all;
    seen = all.length;
    await page.waitForTimeout(500);
  }
}

function transactionFigures(all: OpenedTransaction[], taps: number[], painted: number[]): TransactionFigures {
  const perTap = taps.map((tap, i) => all.filter((tx) => tx.at >= tap && tx.at < (taps[i + 1] ?? Infinity)));
  const mean = (count: number) => count / taps.length;
  const kinds = new Map<string, number>();
  for (const tx of perTap.flat()) {
    // Perimeter ids differ between runs: the database's kind is what matters.
    const kind = `${tx.db.replace(/^(\w+-(?:doc|read))-.+$/, '$1-…')} ${tx.mode} [${tx.stores}]`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const answerWrites = perTap.map((txs) => txs.find((tx) => /-doc-/.test(tx.db) && tx.mode === 'readwrite'));
  return {
    tapToAnswerWrite: spread(answerWrites.flatMap((tx, i) => (tx ? [tx.at - taps[i]!] : []))),
    answerWrite: spread(answerWrites.flatMap((tx) => (tx ? [tx.done - tx.at] : []))),
    perTap: mean(perTap.flat().length),
    beforePainted: mean(perTap.flatMap((txs, i) => txs.filter((tx) => tx.at < painted[i]!)).length),
    databases: Math.max(...perTap.map((txs) => new Set(txs.map((tx) => tx.db)).size)),
    kinds: [...kinds]
      .map(([kind, count]) => ({ kind, perTap: mean(count) }))
      .sort((a, b) => b.perTap - a.perTap),
  };
}

function spread(values: number[]): Spread {
  return { median: median(values), p90: percentile(values, 90), max: Math.max(...values) };
}
