// torch's sparse initializer, made reproducible: torch draws the values from the generator but
// picks the zeros with a global randperm that ignores it; here both come from the tape.

import type { Shape } from "../shape.js";
import type { Generator } from "../random/generator.js";
import { sampleNormal, sampleBits } from "../random/sample.js";
import { finiteNumber, nonNegative, rangeError } from "../validate.js";
import { request, target, output, checkDtypeReach, type Output, type TensorOptions } from "./tensor-options.js";
import { checkNormalRange } from "./distributions.js";

export interface SparseOptions extends TensorOptions {
  /** Fraction of each column set to zero, in [0, 1] (required, as in torch). */
  sparsity?: number;
  /** Standard deviation of the non-zero values (default 0.01), >= 0. */
  std?: number;
}

/** 2^-32: a tape word times this is an exact double in [0, 1). */
const TWO_M32 = 2 ** -32;

/**
 * A sparse matrix (torch `sparse_`, Martens 2010): N(0, std^2) values, with
 * ceil(sparsity * rows) entries of every column set to zero.
 *
 * Tape layout, from the generator's head h, for a rows x cols matrix and z = ceil(sparsity * rows):
 * - words [h, h + rows * cols): the values, exactly as `normal([rows, cols], { std })` draws them;
 * - words [h + rows * cols, h + rows * cols + cols * z): z words per column, column by column,
 *   that pick its zero rows by a partial Fisher-Yates shuffle of 0..rows-1: word t swaps
 *   position t with position t + floor(word * (rows - t) / 2^32) (bias below rows / 2^32),
 *   and the first z positions are the zero rows.
 * The generator advances by rows * cols + cols * z, whatever `range` asks for; a `range` costs
 * only its own values and the z words of each column it touches.
 *
 * @example
 * const w = sparse([1000, 100], { sparsity: 0.9 }); // 900 zeros in every column
 */
export function sparse<O extends SparseOptions = SparseOptions>(shape: Shape, options?: O): Output<O> {
  const fn = "sparse";
  const { req, own } = request<SparseOptions>(fn, shape, options, ["sparsity", "std"]);
  const sparsity = finiteNumber(fn, "sparsity", own.sparsity);
  if (sparsity < 0 || sparsity > 1) throw rangeError(fn, "sparsity", "a number in [0, 1]", sparsity);
  const std = own.std === undefined ? 0.01 : nonNegative(fn, "std", own.std);
  checkNormalRange(fn, 0, std);
  if (req.dims.length !== 2) throw rangeError(fn, "shape", "a 2-D shape [rows, cols]", shape);
  const [rows, cols] = req.dims;
  const z = Math.ceil(sparsity * rows);
  const gen = req.generator;
  gen.checkRoom(fn, req.numel + cols * z);
  checkDtypeReach(req, "std", std, 6 * std);

  const out = target(req);
  const count = req.end - req.start;
  sampleNormal(gen, { target: out, offset: 0, count, position: gen.position + req.start }, 0, std);
  if (z > 0 && count > 0) zeroRows(gen, out, req.start, req.end, rows, cols, z, gen.position + req.numel);
  gen.advance(req.numel + cols * z);
  return output<O>(req, out);
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
