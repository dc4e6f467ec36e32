/**
 * Node-side figures of the shared document for the synthetic perimeters: encoded size, time to
 * load it, heap held, against the same data as plain JSON in the same run.
 */
import * as Y from 'yjs';
import { asJson, syntheticPerimeter, type Workload } from './synthetic';
import { heapUsed, median } from './stats';

export interface DocFigures {
  workload: Workload;
  households: number;
  answers: number;
  yjsBytes: number;
  jsonBytes: number;
  yjsLoadMs: number;
  jsonParseMs: number;
  yjsHeapBytes: number;
  jsonHeapBytes: number;
}

export function docFigures(workload: Workload): DocFigures {
  const { doc, households, answers } = syntheticPerimeter(workload);
  const update = Y.encodeStateAsUpdate(doc);
  const json = asJson(doc);
  doc.destroy();
  const yjsLoadMs = median(
    Array.from({ length: 5 }, () => {
      const start = performance.now();
      const loaded = new Y.Doc();
      Y.applyUpdate(loaded, update);
      const took = performance.now() - start;
      loaded.destroy();
      return took;
    }),
  );
  const jsonParseMs = median(
    Array.from({ length: 5 }, () => {
      const start = performance.now();
      JSON.parse(json);
      return performance.now() - start;
    }),
  );
  // JSON first: a Y.Doc measured first stays reachable a while and would be collected inside the
  // JSON measurement, making it negative.
  const jsonHeapBytes = heapUsed(() => JSON.parse(json) as unknown);
  const yjsHeapBytes = heapUsed(() => {
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, update);
    return loaded;
  });
  return {
    workload,
    households,
    answers,
    yjsBytes: update.length,
    jsonBytes: Buffer.byteLength(json),
    yjsLoadMs,
    jsonParseMs,
    yjsHeapBytes,
    jsonHeapBytes,
  };
}
