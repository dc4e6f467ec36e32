/**
 * `npm run bench`: builds (the npm script does), then prints every figure and writes them to
 * bench/results/latest.json. Nothing here fails on a timing; only the first-screen budget and the
 * rights check's aim are judged, and printed, not turned into an exit code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { serveDist } from '../tests/e2e/harness';
import { startSyncServer } from '../tests/e2e/sync-harness';
import { type AnswerFigures, answerFigures } from './browser-answer';
import { type OpenFigures, openFigures } from './browser-open';
import { bundleFigures, firstScreenWire, servedWire } from './bundle-size';
import { type DashboardPaint, dashboardPaint, printDashboardPaint } from './dashboard-paint';
import { erasureFigures, printErasure } from './erasure';
import { floodFigures } from './flood';
import { neighbourContactsFigures, printNeighbourContacts } from './neighbour-contacts';
import { type LighthouseRun, lighthouseFigures, lighthouseVersion, printLighthouse } from './lighthouse';
import { printQr, qrFigures } from './qr';
import { printRelay, relayFigures } from './qr-relay';
import { matchingFigures, printMatching } from './matching';
import { cafeOpenFigures, printCafeOpen } from './cafe-open';
import {
  BUDGET,
  printAnswers,
  printBundle,
  printDocuments,
  printFlood,
  printFreshPhone,
  printOpens,
  printReconnect,
  printRightsCheck,
  printSaved,
  printThroughput,
} from './report';
import { rightsCheckFigures } from './rights-check';
import { printFirstScreenWire, printFreshPhoneBytes, printServedWire } from './report-compression';
import { freshPhoneBytes, freshPhoneFigures } from './sync-fresh-phone';
import { printJoinGoal, printServerMemory } from './report-server';
import { memoryFigures } from './sync-memory';
import { reconnectFigures } from './sync-reconnect';
import { savedFigures } from './sync-saved';
import { throughputFigures } from './sync-throughput';
import { docFigures } from './yjs-doc';

const RESULTS = new URL('./results/', import.meta.url);
/** What one scenario left behind must not be collected inside the next one's measurements. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

console.log(`Tissage bench, ${new Date().toISOString()}, Node ${process.version}`);

const bundle = bundleFigures();
printBundle(bundle);
const firstScreen = firstScreenWire();
printFirstScreenWire(firstScreen);
const servedFiles = await servedWire();
printServedWire(servedFiles);

const documents = (['realistic', 'worst'] as const).map((workload) => docFigures(workload));
printDocuments(documents);
const qr = qrFigures();
printQr(qr);
const relay = relayFigures();
printRelay(relay);

const served = await serveDist();
let answer: AnswerFigures | undefined;
const opens: OpenFigures[] = [];
let paint: DashboardPaint | undefined;
try {
  answer = await answerFigures(served.url);
  console.log(`\nBrowser: ${answer.userAgent}`);
  printAnswers(answer);
  for (const workload of ['realistic', 'worst'] as const) opens.push(await openFigures(served.url, workload));
  printOpens(opens);
  paint = await dashboardPaint(served.url);
  printDashboardPaint(paint);
} finally {
  await served.close();
}

const rightsCheck = rightsCheckFigures();
printRightsCheck(rightsCheck);
collect();
const matching = await matchingFigures();
printMatching(matching);
const cafeOpen = await cafeOpenFigures();
printCafeOpen(cafeOpen);
collect();

console.log('\nSync (Hocuspocus server, real providers over ws on loopback)');
const freshPhone = await freshPhoneFigures();
printFreshPhone(freshPhone);
printJoinGoal(freshPhone);
collect();
const serverMemory = await memoryFigures();
printServerMemory(serverMemory);
collect();
const freshPhoneWire = [];
for (const workload of ['realistic', 'worst'] as const) {
  freshPhoneWire.push(await freshPhoneBytes(workload));
  collect();
}
printFreshPhoneBytes(freshPhoneWire);
const reconnect = await reconnectFigures();
printReconnect(reconnect);
collect();
const saved = [];
for (const workload of ['realistic', 'worst'] as const) {
  saved.push(await savedFigures(workload));
  collect();
}
printSaved(saved);
const throughput = await throughputFigures();
printThroughput(throughput);
collect();
const flood = await floodFigures();
printFlood(flood);
collect();
const neighbourContacts = await neighbourContactsFigures();
printNeighbourContacts(neighbourContacts);
collect();
const erasure = await erasureFigures();
printErasure(erasure);
collect();

// Last: two Lighthouse runs per throttling method take about three minutes.
const lighthouseServer = await startSyncServer();
let lighthouse: LighthouseRun[] | undefined;
try {
  lighthouse = await lighthouseFigures(lighthouseServer.url);
  printLighthouse(lighthouse, await lighthouseVersion());
} finally {
  await lighthouseServer.stop();
}

mkdirSync(RESULTS, { recursive: true });
const total = bundle.firstScreenJs + bundle.firstScreenCss;
const results = {
  at: new Date().toISOString(),
  node: process.version,
  firstScreen,
  servedFiles,
  lighthouse,
  bundle: { ...bundle, firstScreenTotal: total, budget: BUDGET, withinBudget: total < BUDGET },
  documents,
  qr,
  relay,
  answer,
  opens,
  rightsCheck,
  matching,
  cafeOpen,
  dashboardPaint: paint,
  sync: {
    freshPhone,
    freshPhoneWire,
    reconnect,
    saved,
    throughput,
    flood,
    serverMemory,
    neighbourContacts,
    erasure,
  },
};
writeFileSync(new URL('latest.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWritten: bench/results/latest.json');
