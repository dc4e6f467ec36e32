/**
 * Opening a 500-household perimeter on the built app, offline, in headless Chromium, against the
 * same data kept as one plain JSON string in IndexedDB.
 *
 * The perimeter is seeded straight into IndexedDB (the document as one Yjs update in y-indexeddb's
 * store, the perimeter chosen in tissage-device), as if the tablet had just synced it: the first
 * open then finds no read model and rebuilds it (cold), the second finds it current (warm).
 * Times are from navigation start; heaps are the page's whole V8 heap after a forced collection.
 */
import type { Page } from 'playwright';
import * as Y from 'yjs';
import { summarize } from '../src/domain/matching';
import { parseAnswerKey } from '../src/domain/records';
import { DEVICE_DB_NAME } from '../src/storage/device-db';
import { packAnswers, packedAnswersViews, readModelDbName } from '../src/storage/read-model';
import { AnswerIndex } from '../src/sync/answer-index';
import { PerimeterDoc } from '../src/sync/perimeter-doc';
import { docName } from '../src/workspace/perimeter-workspace';
import { goOfflineAfterFirstLoad, heapAfterGc, markTimes, openBrowser } from './browser';
import { median } from './stats';
import {
  installIdbHelpers,
  readJson,
  readSummaryAnswers,
  readUpdates,
  seedPerimeter,
  storageUsage,
  watchHome,
  writeJson,
} from './page-idb';
import { type Workload, asJson, catalogue, syntheticPerimeter } from './synthetic';

export interface OpenTimes {
  /** The Home screen painted with the perimeter's household count. */
  homeShown: number;
  /** `tissage:document-ready`: document loaded, read model caught up. */
  documentReady: number;
  /** The lazily loaded command layer (with Yjs) arrived: the document load starts about then. */
  appCodeLoaded: number;
}

export interface OpenFigures {
  workload: Workload;
  households: number;
  answers: number;
  cold: OpenTimes;
  warm: OpenTimes;
  /** The Yjs update log after the warm open (y-indexeddb adds a small entry per open). */
  updates: { entries: number; bytes: number; rawReadMs: number };
  /** Growth of Chromium's IndexedDB usage estimate, per step (LevelDB files: compressed, lagging). */
  estimate: { seededDocument: number; readModelCold: number; readModelWarm: number; json: number };
  json: { bytes: number; readMs: number; parseMs: number };
  /**
   * The summary screen's matches: from the read model on disk, as before the document is loaded
   * (in the page, after the warm open: page-idb.ts, median of SUMMARY_READS and the slowest), and
   * from the document in memory, as once it is (in Node, median of 5: AnswerIndex.all once built,
   * then summarize). `readMs` is the disk read's reads alone (median); `fromRowsMs` the matching
   * over rows as the read model stores them
   * (in Node, median of 5: read-model.ts `packedAnswersViews`, then summarize).
   */
  summaryRead: {
    households: number;
    pairs: number;
    ms: number;
    slowestMs: number;
    readMs: number;
    inMemoryMs: number;
    fromRowsMs: number;
  };
  heap: { appIdle: number; appOpen: number; blankPage: number; jsonKept: number };
}

const BLANK = 'api/bench-blank';
/** How many times the summary's disk read is timed (median and slowest reported). */
const SUMMARY_READS = 7;

export async function openFigures(url: string, workload: Workload): Promise<OpenFigures> {
  const { doc, perimeterId, answers } = syntheticPerimeter(workload);
  const view = new PerimeterDoc(doc, catalogue);
  const perimeter = view.perimeter();
  if (!perimeter) throw new Error('synthetic perimeter has no perimeter record');
  const count = doc.getMap('profiles').size;
  const summaryHousehold = mostAnswers(doc);
  // Built once, as the app does at its first summary; then kept current change by change.
  const answerIndex = new AnswerIndex(view);
  answerIndex.all();
  const summaryInMemoryMs = median(
    Array.from({ length: 5 }, () => {
      const start = performance.now();
      summarize(summaryHousehold, answerIndex.all());
      return performance.now() - start;
    }),
  );
  // The packed rows as the read model keeps them (read-model.ts PackedAnswersRow), in memory.
  const ideas = [...new Set([...answerIndex.all().values()].flatMap((byIdea) => [...byIdea.keys()]))];
  const places = new Map(ideas.map((ideaId, i) => [ideaId, i]));
  const rows = [...answerIndex.all()].map(([householdId, byIdea]) => ({
    householdId,
    codes: packAnswers(Object.fromEntries(byIdea), places),
  }));
  const summaryFromRowsMs = median(
    Array.from({ length: 5 }, () => {
      const start = performance.now();
      summarize(summaryHousehold, packedAnswersViews(ideas, rows));
      return performance.now() - start;
    }),
  );
  const expected = `${count.toLocaleString('fr-FR')} foyers inscrits sur ${perimeter.dwellings.toLocaleString('fr-FR')} logements`;
  const update = Y.encodeStateAsUpdate(doc);
  const json = asJson(doc);
  doc.destroy();

  const browser = await openBrowser();
  const { context } = browser;
  try {
    await context.addInitScript(installIdbHelpers);
    await context.addInitScript(watchHome, expected);
    // A page of the app's origin that runs none of its code: the service worker leaves /api/ to
    // the network, and this route answers it, online or not.
    await context.route(`**/${BLANK}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
    );
    let page = browser.page;
    await goOfflineAfterFirstLoad(browser, url);
    await page.getByRole('heading', { name: 'Bienvenue dans Tissage' }).waitFor();
    const appIdle = await heapAfterGc(context, page);
    const usage0 = await page.evaluate(storageUsage);
    await page.evaluate(seedPerimeter, {
      perimeterId,
      docDb: docName(perimeterId),
      deviceDb: DEVICE_DB_NAME,
      name: perimeter.name,
      addedAt: new Date().toISOString(),
      updateBase64: Buffer.from(update).toString('base64'),
    });
    const usage1 = await page.evaluate(storageUsage);
    const cold = await timeOpen(page, perimeter.name);
    const usage2 = await page.evaluate(storageUsage);
    const warm = await timeOpen(page, perimeter.name);
    const appOpen = await heapAfterGc(context, page);
    const usage3 = await page.evaluate(storageUsage);
    const stored = await page.evaluate(readUpdates, docName(perimeterId));
    // Read several times: one read on a shared machine can land on a busy moment.
    const summaryReads = [];
    for (let i = 0; i < SUMMARY_READS; i++)
      summaryReads.push(
        await page.evaluate(readSummaryAnswers, {
          readDb: readModelDbName(perimeterId),
          householdId: summaryHousehold,
        }),
      );
    const summaryRead = {
      ...summaryReads[0]!,
      ms: median(summaryReads.map((read) => read.ms)),
      slowestMs: Math.max(...summaryReads.map((read) => read.ms)),
      readMs: median(summaryReads.map((read) => read.readMs)),
    };

    // The JSON side, in a fresh tab once the app's is closed: the heap reading covers the tab's
    // whole renderer, which must not still hold the app.
    await page.close();
    page = await context.newPage();
    await page.goto(url + BLANK);
    const usage4 = await page.evaluate(storageUsage);
    await page.evaluate(writeJson, json);
    const usage5 = await page.evaluate(storageUsage);
    await page.reload();
    const blankPage = await heapAfterGc(context, page);
    const { readMs, parseMs } = await page.evaluate(readJson);
    const jsonKept = await heapAfterGc(context, page);
    const rawRead = await page.evaluate(readUpdates, docName(perimeterId));

    return {
      workload,
      households: count,
      answers,
      cold,
      warm,
      updates: { entries: stored.entries, bytes: stored.bytes, rawReadMs: rawRead.ms },
      estimate: {
        seededDocument: usage1.indexedDB - usage0.indexedDB,
        readModelCold: usage2.indexedDB - usage1.indexedDB,
        readModelWarm: usage3.indexedDB - usage1.indexedDB,
        json: usage5.indexedDB - usage4.indexedDB,
      },
      json: { bytes: Buffer.byteLength(json), readMs, parseMs },
      summaryRead: { ...summaryRead, inMemoryMs: summaryInMemoryMs, fromRowsMs: summaryFromRowsMs },
      heap: { appIdle, appOpen, blankPage, jsonKept },
    };
  } finally {
    await browser.close();
  }
}

/** The household with the most answers: its summary reads the most. */
function mostAnswers(doc: Y.Doc): string {
  const counts = new Map<string, number>();
  for (const key of doc.getMap('answers').keys()) {
    const householdId = parseAnswerKey(key)?.householdId;
    if (householdId) counts.set(householdId, (counts.get(householdId) ?? 0) + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['', 0])[0];
}

/** Reloads (offline: served by the service worker) and times the open of the seeded perimeter. */
async function timeOpen(page: Page, name: string): Promise<OpenTimes> {
  const response = await page.reload();
  if (!response?.fromServiceWorker()) throw new Error('the reload did not come from the service worker');
  const shown = page.waitForFunction(
    () =>
      ['bench:home-shown', 'tissage:document-ready'].every((wanted) =>
        performance.getEntriesByType('mark').some((mark) => mark.name === wanted),
      ),
    null,
    { timeout: 120_000 },
  );
  await shown.catch(async (error: unknown) => {
    const lead = await page.locator('p.lead').allInnerTexts();
    throw new Error(`the seeded perimeter did not open (count line: ${JSON.stringify(lead)})`, {
      cause: error,
    });
  });
  const title = await page.getByRole('heading', { level: 1 }).innerText();
  if (title !== name) throw new Error(`the app opened "${title}", not the seeded "${name}"`);
  const [homeShown] = await markTimes(page, 'bench:home-shown');
  const [documentReady] = await markTimes(page, 'tissage:document-ready');
  const appCodeLoaded = await page.evaluate(() => {
    const chunk = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) =>
      entry.name.includes('/assets/perimeter-workspace-'),
    );
    return chunk?.responseEnd ?? Number.NaN;
  });
  return { homeShown: homeShown ?? Number.NaN, documentReady: documentReady ?? Number.NaN, appCodeLoaded };
}
