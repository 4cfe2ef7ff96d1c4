// The tape Generator's draw of `sparse` (see ../initializers/sparse.ts for the tape layout):
// the values as `normal` draws them, then z words per column that pick its zero rows by a
// partial Fisher-Yates shuffle; a `range` costs only its own values and the z words of each
// column it touches.

import type { Generator } from "./generator.js";
import type { Draw, DrawLaw } from "./draw.js";
import { sampleNormal, sampleBits } from "./sample.js";

/** 2^-32: a tape word times this is an exact double in [0, 1). */
const TWO_M32 = 2 ** -32;

/** Fills d.out with elements [d.start, d.end) of the sparse matrix; the caller moves the head. */
export function sampleSparse(gen: Generator, d: Draw, law: Extract<DrawLaw, { kind: "sparse" }>): void {
  const { rows, cols, zeros: z, std } = law;
  const count = d.end - d.start;
  // `sparse` always draws float32 values (it rounds to a half dtype afterwards).
  const out = d.out as Float32Array;
  sampleNormal(gen, { target: out, offset: 0, count, position: gen.position + d.start }, 0, std);
  if (z > 0 && count > 0) zeroRows(gen, out, d.start, d.end, rows, cols, z, gen.position + d.numel);
}

/** Tape words read per sampleBits call while shuffling: bounded memory whatever the matrix. */
const WORDS_PER_READ = 1 << 16;
/** Up to this many rows, the shuffle runs on a dense permutation array; beyond, on a Map of moved rows. */
const DENSE_ROWS = 1 << 22;

/**
 * Sets the z picked rows of every column that the slice [start, end) touches to zero. Only those
 * columns' words are read (z each), so the cost follows the slice: at most min(end - start, cols)
 * columns, one or two contiguous runs of them.
 */
function zeroRows(gen: Generator, out: Float32Array, start: number, end: number, rows: number, cols: number, z: number, base: number): void {
  const shuffle = new PartialShuffle(rows, z);
  const runs: [number, number][] = end - start >= cols ? [[0, cols]]
    : start % cols < (end - 1) % cols + 1 ? [[start % cols, (end - 1) % cols + 1]]
    : [[start % cols, cols], [0, (end - 1) % cols + 1]];
  const words = new Uint32Array(Math.min(WORDS_PER_READ, (end - start >= cols ? cols : end - start) * z));
  for (const [c0, c1] of runs) {
    let c = c0, t = 0;
    for (let pos = base + c0 * z, stop = base + c1 * z; pos < stop; pos += words.length) {
      const n = Math.min(words.length, stop - pos);
      sampleBits(gen, words, 0, n, pos);
      for (let i = 0; i < n; i++) {
        // Row `zero` is the t-th zero row of column c: later swaps only touch positions > t.
        const zero = shuffle.step(t, words[i]);
        const at = zero * cols + c;
        if (at >= start && at < end) out[at - start] = 0;
        if (++t === z) {
          shuffle.reset();
          t = 0;
          c++;
        }
      }
    }
  }
}

/**
 * A partial Fisher-Yates shuffle of 0..rows-1, one swap per tape word, undone in O(z) between
 * columns. Dense (an Int32Array of rows) for up to DENSE_ROWS rows, otherwise a Map holding only
 * the positions that moved, so that a slice of a matrix with 2^30 rows costs O(z), not O(rows).
 */
class PartialShuffle {
  readonly #rows: number;
  readonly #order: Int32Array | null;
  readonly #moved = new Map<number, number>();
  readonly #swaps: Float64Array;

  constructor(rows: number, z: number) {
    this.#rows = rows;
    this.#order = rows <= DENSE_ROWS ? new Int32Array(rows) : null;
    if (this.#order) for (let i = 0; i < rows; i++) this.#order[i] = i;
    this.#swaps = new Float64Array(this.#order ? z : 0);
  }

  /** Swaps position t with t + floor(word * (rows - t) / 2^32); returns the row now at t. */
  step(t: number, word: number): number {
    const j = t + Math.floor(word * TWO_M32 * (this.#rows - t));
    const order = this.#order;
    if (order) {
      this.#swaps[t] = j;
      const x = order[t]; order[t] = order[j]; order[j] = x;
      return order[t];
    }
    const moved = this.#moved;
    const atT = moved.get(t) ?? t, atJ = moved.get(j) ?? j;
    moved.set(j, atT);
    moved.set(t, atJ);
    return atJ;
  }

  /** Back to the identity: the swaps undone last first (dense), or the moved positions forgotten. */
  reset(): void {
    const order = this.#order;
    if (!order) {
      this.#moved.clear();
      return;
    }
    for (let t = this.#swaps.length - 1; t >= 0; t--) {
      const j = this.#swaps[t];
      const x = order[t]; order[t] = order[j]; order[j] = x;
    }
  }
}
