export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Heap retained by what `build` returns, measured between forced collections (node --expose-gc). */
export function heapUsed(build: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Twice: what the previous measurement left may need a second full collection to go.
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('nothing kept');
  return after - before;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** For sub-millisecond figures. */
export const ms3 = (value: number) => `${value.toFixed(3)} ms`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
