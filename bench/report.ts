/** The bench's figures as plain-text tables; bench/run.ts gathers them. */
import type { AnswerFigures } from './browser-answer';
import type { OpenFigures } from './browser-open';
import type { BundleFigures } from './bundle-size';
import type { FloodFigures } from './flood';
import type { RightsCheckFigures } from './rights-check';
import { kb, mb, ms, ms3, ratio } from './stats';
import type { FreshPhoneFigures } from './sync-fresh-phone';
import type { ReconnectFigures, Spread } from './sync-reconnect';
import type { SavedFigures } from './sync-saved';
import type { ThroughputFigures } from './sync-throughput';
import { printNotes, printTable } from './table';
import type { DocFigures } from './yjs-doc';

export const BUDGET = 90 * 1024;
export const AIM = 60 * 1024;

export function printBundle(bundle: BundleFigures): void {
  const total = bundle.firstScreenJs + bundle.firstScreenCss;
  const verdict = total < BUDGET ? 'PASS' : `OVER by ${kb(total - BUDGET)}`;
  printTable(
    'First screen, gzipped (JS and CSS the entry loads before the first paint)',
    ['', 'size', 'note'],
    [
      ['JS', kb(bundle.firstScreenJs), bundle.firstScreenFiles.filter((f) => f.endsWith('.js')).join(' ')],
      ['CSS', kb(bundle.firstScreenCss), ''],
      ['total', kb(total), `budget ${kb(BUDGET)}: ${verdict}; aim ${kb(AIM)}`],
    ],
  );
  printTable(
    'Lazy chunks, gzipped (loaded after the first screen)',
    ['chunk', 'size'],
    bundle.lazy.map((chunk) => [chunk.file, kb(chunk.gzip)]),
  );
}

export function printDocuments(docs: DocFigures[]): void {
  printTable(
    'Shared document in Node (bench/yjs-doc.ts): Yjs update vs the same data as JSON',
    [
      'workload',
      'households',
      'answers',
      'Yjs',
      'JSON',
      'Yjs/JSON',
      'load',
      'parse',
      'Yjs/JSON',
      'heap Yjs',
      'heap JSON',
    ],
    docs.map((d) => [
      d.workload,
      d.households,
      d.answers,
      mb(d.yjsBytes),
      mb(d.jsonBytes),
      ratio(d.yjsBytes, d.jsonBytes),
      ms(d.yjsLoadMs),
      ms(d.jsonParseMs),
      ratio(d.yjsLoadMs, d.jsonParseMs),
      mb(d.yjsHeapBytes),
      mb(d.jsonHeapBytes),
    ]),
  );
}

export function printAnswers(a: AnswerFigures): void {
  printTable(
    `One answer on the tablet, offline, built app (N = ${a.answers} answers)`,
    ['from the tap to', 'median', 'p90', 'max'],
    [
      [
        'answer durable (tissage:answer-durable)',
        ms(a.tapToDurable.median),
        ms(a.tapToDurable.p90),
        ms(a.tapToDurable.max),
      ],
      [
        'next idea rendered (tissage:idea-painted)',
        ms(a.tapToPainted.median),
        ms(a.tapToPainted.p90),
        ms(a.tapToPainted.max),
      ],
      [
        'that frame painted (bench:after-paint)',
        ms(a.tapToAfterPaint.median),
        ms(a.tapToAfterPaint.p90),
        ms(a.tapToAfterPaint.max),
      ],
      [
        "the answer's transaction opened",
        ms(a.transactions.tapToAnswerWrite.median),
        ms(a.transactions.tapToAnswerWrite.p90),
        ms(a.transactions.tapToAnswerWrite.max),
      ],
      [
        '  then that strict transaction, to complete',
        ms(a.transactions.answerWrite.median),
        ms(a.transactions.answerWrite.p90),
        ms(a.transactions.answerWrite.max),
      ],
      ['goal: next idea rendered (issue 10)', ms(TAP_GOAL_MS), '', ''],
    ],
  );
  const { transactions: tx } = a;
  printTable(
    'IndexedDB transactions per tap (IDBDatabase.prototype.transaction wrapped in the page)',
    ['', 'per tap'],
    [
      ['all, from one tap to the next', tx.perTap.toFixed(2)],
      ['opened before the next idea rendered', tx.beforePainted.toFixed(2)],
      ['databases touched', String(tx.databases)],
      ...tx.kinds.map(({ kind, perTap }) => [`  ${kind}`, perTap.toFixed(2)]),
    ],
  );
}

/** Issue 10's aim for one tap: the next idea within one frame at 60 Hz. */
export const TAP_GOAL_MS = 17;

/** Issue 10's aims for a first open (cold: the read model is rebuilt) and the summary's read. */
export const OPEN_GOAL_MS = { realistic: 500, worst: 1500 } as const;
export const SUMMARY_READ_GOAL_MS = 50;

export function printOpens(opens: OpenFigures[]): void {
  const head = ['', ...opens.map((o) => `${o.workload} (${o.answers} answers)`)];
  const row = (label: string, cell: (o: OpenFigures) => string) => [label, ...opens.map(cell)];
  const appHeap = (o: OpenFigures) => o.heap.appOpen - o.heap.appIdle;
  const jsonHeap = (o: OpenFigures) => o.heap.jsonKept - o.heap.blankPage;
  const yjsData = (o: OpenFigures) => o.warm.documentReady - o.warm.appCodeLoaded;
  const jsonData = (o: OpenFigures) => o.json.readMs + o.json.parseMs;
  printTable('Opening a perimeter, offline, built app (ms from navigation start)', head, [
    row('cold: Home painted with the count', (o) => ms(o.cold.homeShown)),
    row('cold: document ready', (o) => ms(o.cold.documentReady)),
    row('warm: Home painted with the count', (o) => ms(o.warm.homeShown)),
    row('warm: document ready', (o) => ms(o.warm.documentReady)),
    row('warm: command layer chunk loaded', (o) => ms(o.warm.appCodeLoaded)),
    row('cold - warm document ready (rebuild)', (o) => ms(o.cold.documentReady - o.warm.documentReady)),
    row('goal: cold document ready', (o) => ms(OPEN_GOAL_MS[o.workload])),
  ]);
  printTable(`Summary screen: the matches' answers read (goal < ${SUMMARY_READ_GOAL_MS} ms)`, head, [
    row('households read', (o) => String(o.summaryRead.households)),
    row('answers kept (ideas the busiest household answered)', (o) => String(o.summaryRead.pairs)),
    row('document loaded: in memory, with the matching (Node)', (o) => ms(o.summaryRead.inMemoryMs)),
    row('before it is: read model on disk, read and grouped (median of 7)', (o) => ms(o.summaryRead.ms)),
    row('  slowest of the 7', (o) => ms(o.summaryRead.slowestMs)),
    row('  of which the reads (median)', (o) => ms(o.summaryRead.readMs)),
    row('  then the matching over those rows (Node)', (o) => ms(o.summaryRead.fromRowsMs)),
  ]);
  printTable('Stored in IndexedDB', head, [
    row('Yjs update log (values, after warm open)', (o) => `${mb(o.updates.bytes)} in ${o.updates.entries}`),
    row('JSON string (UTF-8)', (o) => mb(o.json.bytes)),
    row('Yjs/JSON', (o) => ratio(o.updates.bytes, o.json.bytes)),
    row('estimate growth: seeded document', (o) => mb(o.estimate.seededDocument)),
    row('estimate growth: read model, after cold open', (o) => mb(o.estimate.readModelCold)),
    row('estimate growth: read model, after warm open', (o) => mb(o.estimate.readModelWarm)),
    row('estimate growth: JSON string', (o) => mb(o.estimate.json)),
  ]);
  printTable('JS heap after a forced GC (whole page)', head, [
    row('app, no perimeter open', (o) => mb(o.heap.appIdle)),
    row('app, perimeter open (warm)', (o) => mb(o.heap.appOpen)),
    row('blank page', (o) => mb(o.heap.blankPage)),
    row('blank page holding the parsed JSON', (o) => mb(o.heap.jsonKept)),
    row('Yjs/JSON (growth over each baseline)', (o) => ratio(appHeap(o), jsonHeap(o))),
  ]);
  printTable('Loading the data itself (ms)', head, [
    row('Yjs: warm document ready - chunk loaded', (o) => ms(yjsData(o))),
    row('Yjs: raw read of the update log', (o) => ms(o.updates.rawReadMs)),
    row('JSON: read', (o) => ms(o.json.readMs)),
    row('JSON: parse', (o) => ms(o.json.parseMs)),
    row('Yjs/JSON', (o) => ratio(yjsData(o), jsonData(o))),
  ]);
}

/** The aim stated for the server's rights check, per incoming update. */
export const RIGHTS_CHECK_AIM_MS = 1;

export function printRightsCheck(r: RightsCheckFigures): void {
  printTable(
    `Server rights check per incoming update (bench/rights-check.ts): ${r.households} households × ` +
      `${r.answersPerHousehold} answers, ${(r.encodedBytes / 1e6).toFixed(2)} million bytes encoded; ` +
      `aim under ${ms(RIGHTS_CHECK_AIM_MS)}`,
    ['update checked', 'runs', 'median', 'p95', 'within aim'],
    r.cases.map((c) => [
      c.label,
      c.runs,
      ms3(c.medianMs),
      ms3(c.p95Ms),
      c.comparison ? '(not a check)' : c.medianMs < RIGHTS_CHECK_AIM_MS ? 'yes' : 'NO',
    ]),
  );
  printNotes([
    'Time of checkUpdate() alone (decode, resolve origins and deletes in the live document, SQLite',
    'lookups of client-id owners), in this process; "within aim" judges the median.',
  ]);
}

export function printFreshPhone(f: FreshPhoneFigures): void {
  const raw = f.rawWebSocket.median;
  const row = (label: string, j: FreshPhoneFigures['documentInMemory']) => [
    label,
    ms(j.median),
    ms(j.untilArrivedMedian),
    ms(j.applyMedian),
    ratio(j.median, raw),
    j.runs.map((run) => run.toFixed(0)).join(' '),
  ];
  printTable(
    `A fresh phone joins the worst-case perimeter (${f.households} households, ${f.answers} answers, ` +
      `${mb(f.bytesReceived)} received), server in its own process, median of ${f.rawWebSocket.runs.length}`,
    ['', 'total', 'msg arrived', 'applied', 'vs raw ws', 'runs (ms)'],
    [
      row('Hocuspocus, document in server memory', f.documentInMemory),
      row('Hocuspocus, server loads it from SQLite', f.documentLoadedFromDisk),
      [
        `raw ws, one ${mb(f.bytesReceived)} binary message`,
        ms(raw),
        '',
        '',
        '1.00×',
        f.rawWebSocket.runs.map((run) => run.toFixed(0)).join(' '),
      ],
    ],
  );
  printNotes([
    "total: from new PerimeterSync (the app's provider, over ws on loopback, household token) until synced",
    'with every answer. msg arrived: until the message carrying the document reached the phone',
    '(connect, auth, server loads/encodes, transfer); applied: the phone applying it (Yjs + listeners).',
    'raw ws: a bare ws server sends the same number of bytes to a fresh client; connect to receipt.',
    `Seeding: the tablet pushed the whole perimeter (${mb(f.documentBytes)}) in one update; stored ack after ` +
      `${ms(f.seedPushToStoredMs)}.`,
  ]);
}

export function printReconnect(r: ReconnectFigures): void {
  const wall = r.agreedMs ?? r.allStoredMs;
  const cores = (cpu: number, of: number) => `${(cpu / of).toFixed(2)} cores`;
  const time = (value: number | null) => (value === null ? 'never (timeout)' : ms(value));
  printTable(
    `${r.phones} phones back online at once, ${r.answersEach} answers each written offline ` +
      `(realistic perimeter: ${r.households} households, ${r.answers} answers), server in its own process`,
    ['from the `online` event to', 'time'],
    [
      ['every phone online (PerimeterSync status)', time(r.allOnlineMs)],
      ['every phone holds a `stored` ack covering its own changes', time(r.allStoredMs)],
      ["every phone's state vector equals the last stored one (agreed)", time(r.agreedMs)],
      ...spreadRows("one phone's socket open (upgrade done)", r.perPhoneOpened),
      ...spreadRows(
        `a probe socket's upgrade, from an idle thread (${r.upgradeProbes?.count ?? 0} probes)`,
        r.upgradeProbes,
      ),
      ...spreadRows('one phone sent its offline answers', r.perPhoneSent),
      ...spreadRows('one phone got the ack covering them', r.perPhoneStored),
    ],
  );
  printTable(
    'Stores the phones were told about after the `online` event',
    ['first seen at', 'phones whose offline answers it covers'],
    r.stores.map((s) => [ms(s.atMs), `${s.phonesCovered} / ${r.phones}`]),
  );
  const m = r.memory;
  printTable(
    'The same reconnection: server memory, CPU and outcome',
    ['', 'value'],
    [
      ['server RSS, idle (started, no perimeter loaded)', mb(m.idle)],
      ['server RSS, after the tablet pushed the perimeter', mb(m.afterSeed)],
      [`server peak RSS until the reconnection (incl. ${r.phones} first syncs)`, mb(m.peakUntilReconnect)],
      ['server RSS just before the `online` event (document unloaded)', mb(m.beforeReconnect)],
      [
        'server peak RSS during the reconnection (VmHWM, reset before)',
        m.peakDuringReconnect === null ? 'n/a' : mb(m.peakDuringReconnect),
      ],
      ['server RSS once all agreed', mb(m.afterReconnect)],
      ['CPU until all agreed: server process', ms(r.cpu.server)],
      [`CPU until all agreed: the ${r.phones} phones (${r.threads} threads)`, ms(r.cpu.phones)],
      ["phones' event loop delay, mean / max", `${ms(r.eventLoopDelay.mean)} / ${ms(r.eventLoopDelay.max)}`],
      ['WebSockets opened by the phones (one each = no failed attempt)', r.socketsOpened],
      ['`rejected` messages received', r.rejected],
      ['answers written offline missing from the final document (lost)', r.lostChanges],
      ["phones whose final document differs from a fresh reader's", r.phonesDiffering],
      [`for scale: the ${r.phones} phones' first sync, ${r.joinBatch} at a time`, ms(r.firstSyncMs)],
    ],
  );
  printNotes([
    `Phones: the app's PerimeterSync with its default backoff, over ws, in ${r.threads} worker threads of this`,
    'process; the network is cut and restored with the browser events PerimeterSync listens to',
    `(\`offline\`, then \`online\` for all; the last thread dispatched it ${ms(r.onlineSkewMs)} after the first).`,
    ...(wall === null
      ? []
      : [
          `Until all agreed, the phones used ${cores(r.cpu.phones, wall)} on average and the server ` +
            `${cores(r.cpu.server, wall)},`,
          `of the ${r.threads} this machine has. Where the phones use most of them, the wall times above`,
          'measure this simulation as much as the server: each phone applies the updates of all the',
          `others (${r.phones} x ${r.phones - 1} in all), which real phones would do each on its own CPU.`,
        ]),
    'Lost and differing: against a fresh client that synced the final document afterwards.',
  ]);
}

function spreadRows(label: string, spread: Spread | null): string[][] {
  return [
    [`${label}: median`, spread ? ms(spread.median) : '-'],
    [`${label}: p90`, spread ? ms(spread.p90) : '-'],
    [`${label}: max`, spread ? ms(spread.max) : '-'],
  ];
}

export function printSaved(saved: SavedFigures[]): void {
  const head = [
    'from the change to its `stored` ack',
    ...saved.map((s) => `${s.workload} (${s.answers} answers)`),
  ];
  const row = (label: string, cell: (s: SavedFigures) => string) => [label, ...saved.map(cell)];
  const first = saved[0];
  if (!first) return;
  printTable(
    `Change -> "saved" on an idle server (in this process), store debounce ${first.debounceMs} ms, ` +
      `at most ${first.maxDebounceMs} ms`,
    head,
    [
      row(`one change at a time (${first.single.runs.length}): median`, (s) => ms(s.single.median)),
      row('one change at a time: p90', (s) => ms(s.single.p90)),
      row('one change at a time: max', (s) => ms(s.single.max)),
      row(`${first.burst.changes} taps ${first.burst.spacingMs} ms apart: last tap to ack`, (s) =>
        ms(s.burst.fromLastMedian),
      ),
      row(`${first.burst.changes} taps ${first.burst.spacingMs} ms apart: first tap to ack`, (s) =>
        ms(s.burst.fromFirstMedian),
      ),
    ],
  );
  printNotes([
    'The tablet (PerimeterSync, facilitator) writes one answer per tap through the domain command.',
    'Each change is appended to the durable log (SQLite, synchronous=FULL) before it is forwarded',
    'or acknowledged; the debounced store only compacts the log (whole document encoded and written),',
    'and a change arriving meanwhile waits for it. Bursts: median of 5.',
  ]);
}

export function printThroughput(t: ThroughputFigures): void {
  printTable(
    `${t.phones} phones writing at once (server in its own process, phones in ${t.threads} threads)`,
    ['figure', 'measured', 'goal'],
    [
      [
        'accepted updates per second of server CPU',
        `${t.perServerCpuSecond.toFixed(0)} /s`,
        `>= ${t.goal} /s`,
      ],
      ['accepted updates per second (wall clock)', `${t.perSecond.toFixed(0)} /s`, ''],
      [`accepted updates (${t.tapsEach} taps per phone)`, String(t.accepted), ''],
      ['first tap to last "stored"', ms(t.elapsedMs), ''],
      ['change -> "saved" under this load: median', ms(t.saved.median), ''],
      ['change -> "saved" under this load: p90', ms(t.saved.p90), ''],
      ['change -> "saved" under this load: max', ms(t.saved.max), ''],
      ['server CPU meanwhile', ms(t.serverCpuMs), ''],
      ['refusals', String(t.refusals), '0'],
    ],
  );
  printNotes([
    'Each phone taps again as soon as the previous tap is acknowledged as stored. Each update is',
    'checked, appended to the durable log (SQLite, synchronous=FULL), forwarded to every other',
    'phone, then acknowledged. The phones run on the same cores and need more CPU than the server:',
    'the wall-clock rate is a floor; the rate per second of server CPU is what a server core sustains.',
  ]);
}

/** `/health` must answer within this (ms) at the 99th percentile while one household floods. */
export const HEALTH_P99_GOAL_MS = 100;

export function printFlood(f: FloodFigures): void {
  const change = (before: number, after: number) => `${mb(before)} -> ${mb(after)}`;
  printTable(
    `One household floods for ${f.seconds} s from ${f.flooders} sockets (server in its own process)`,
    ['figure', 'measured', 'goal'],
    [
      ['/health while flooding: p50', ms(f.health.p50), ''],
      ['/health while flooding: p99', ms(f.health.p99), `< ${HEALTH_P99_GOAL_MS} ms`],
      ['/health while flooding: max', ms(f.health.max), ''],
      ['/health unanswered (10 s) while flooding', String(f.health.failures), '0'],
      ['/health before the flood: p99', ms(f.health.idleP99), ''],
      ['server resident memory (RSS), before -> after', change(f.rss.before, f.rss.after), 'unchanged'],
      ['server peak RSS during the flood', mb(f.rss.peak), ''],
      [
        'documents.sqlite (+ WAL), before -> after',
        change(f.storedBytes.before, f.storedBytes.after),
        'unchanged',
      ],
      [
        'document a device downloads, before -> after',
        change(f.documentBytes.before, f.documentBytes.after),
        'unchanged',
      ],
      [`update messages sent (${mb(f.sentBytes)})`, String(f.sent), ''],
      ['flooding sockets closed by the server', String(f.closes), ''],
      [`server CPU during the ${f.seconds} s flood`, ms(f.serverCpuMs), ''],
      [
        'largest household sync message (measured)',
        kb(f.householdMessage.bytes),
        `< ${kb(f.householdMessage.limit)}`,
      ],
    ],
  );
  printNotes([
    'Every flooded update answers ideas that exist nowhere, new ones each time, alternately ~12 MB',
    '(150,000 answers) and just under a household message limit. The largest household message:',
    'a phone on the worst-case perimeter that changed its 169 answers twice offline (its sync step 2',
    'carries the whole delete set). A facilitator update is checked on the event loop: see the rights',
    "check table's first-sync line for the largest one.",
  ]);
}
