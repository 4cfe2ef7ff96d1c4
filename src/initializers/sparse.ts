// torch's sparse initializer, made reproducible: torch draws the values from the generator but
// picks the zeros with a global randperm that ignores it; here both come from the tape.

import type { Shape } from "../shape.js";
import { sampleNormal, sampleBits } from "../random/sample.js";
import { finiteNumber, nonNegative, rangeError } from "../validate.js";
import { request, target, type TensorOptions } from "./tensor-options.js";
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
 * The generator advances by rows * cols + cols * z, whatever `range` asks for.
 *
 * @example
 * const w = sparse([1000, 100], { sparsity: 0.9 }); // 900 zeros in every column
 */
export function sparse(shape: Shape, options?: SparseOptions): Float32Array {
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

  const out = target(req);
  const count = req.end - req.start;
  sampleNormal(gen, { target: out, offset: 0, count, position: gen.position + req.start }, 0, std);
  if (z > 0 && count > 0) {
    const words = new Uint32Array(cols * z);
    sampleBits(gen, words, 0, words.length, gen.position + req.numel);
    zeroRows(out, req.start, req.end, rows, cols, z, words);
  }
  gen.advance(req.numel + cols * z);
  return out;
}

/** Sets the z picked rows of every column to zero, in the slice [start, end) held by out. */
function zeroRows(out: Float32Array, start: number, end: number, rows: number, cols: number, z: number, words: Uint32Array): void {
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  const swaps = new Int32Array(z);
  for (let c = 0; c < cols; c++) {
    for (let t = 0; t < z; t++) {
      const j = t + Math.floor(words[c * z + t] * TWO_M32 * (rows - t));
      swaps[t] = j;
      const x = order[t]; order[t] = order[j]; order[j] = x;
    }
    for (let t = 0; t < z; t++) {
      const at = order[t] * cols + c;
      if (at >= start && at < end) out[at - start] = 0;
    }
    // Undo the swaps, last first, so the next column starts from 0..rows-1 again in O(z).
    for (let t = z - 1; t >= 0; t--) {
      const j = swaps[t];
      const x = order[t]; order[t] = order[j]; order[j] = x;
    }
  }
}
