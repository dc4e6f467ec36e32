/** The bench's figures as plain-text tables; bench/run.ts gathers them. */
import type { AnswerFigures } from './browser-answer';
import type { OpenFigures } from './browser-open';
import type { BundleFigures } from './bundle-size';
import { kb, mb, ms, ratio } from './stats';
import { printTable } from './table';
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
    ],
  );
}

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
