// Summaries of one layer's numbers: mean and std in float64, the fraction of exact zeros, a
// histogram, and how many distinct units (columns) a batch of activations holds.

/** Counts of values in `bins` equal bins over [lo, hi] (the last bin closed). */
export interface Histogram {
  readonly lo: number;
  readonly hi: number;
  readonly counts: readonly number[];
}

/** Mean and population std of `x`, two passes in float64. */
export function meanStd(x: Float32Array): { mean: number; std: number } {
  const n = x.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) { const d = x[i]! - mean; q += d * d; }
  return { mean, std: Math.sqrt(q / n) };
}

/** Fraction of elements for which `test` holds. */
export function fraction(x: Float32Array, test: (v: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (test(x[i]!)) c++;
  return x.length === 0 ? 0 : c / x.length;
}

/** Histogram of `x` over its own range [min, max] (one bin holds everything when min = max). */
export function histogram(x: Float32Array, bins: number): Histogram {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) { const v = x[i]!; if (v < lo) lo = v; if (v > hi) hi = v; }
  const counts = new Array<number>(bins).fill(0);
  if (x.length === 0) return { lo: 0, hi: 0, counts };
  const scale = hi > lo ? bins / (hi - lo) : 0;
  for (let i = 0; i < x.length; i++) {
    const b = Math.min(bins - 1, Math.floor((x[i]! - lo) * scale));
    counts[b]!++;
  }
  return { lo, hi, counts };
}

/**
 * How many distinct columns a rows x cols row-major matrix has (bitwise equal over every row):
 * the number of different units in a layer, as the batch sees them.
 */
export function distinctColumns(x: Float32Array, rows: number, cols: number): number {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const hash = new Uint32Array(cols).fill(0x811c9dc5);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) hash[j] = Math.imul(hash[j]! ^ bits[i * cols + j]!, 0x01000193);
  }
  const groups = new Map<number, number[]>();
  let distinct = 0;
  for (let j = 0; j < cols; j++) {
    const reps = groups.get(hash[j]!) ?? [];
    if (!reps.some((r) => sameColumn(bits, rows, cols, r, j))) {
      reps.push(j);
      groups.set(hash[j]!, reps);
      distinct++;
    }
  }
  return distinct;
}

function sameColumn(bits: Uint32Array, rows: number, cols: number, a: number, b: number): boolean {
  for (let i = 0; i < rows; i++) if (bits[i * cols + a] !== bits[i * cols + b]) return false;
  return true;
}
