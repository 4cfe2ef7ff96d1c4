// torch's sparse initializer, made reproducible: torch draws the values from the generator but
// picks the zeros with a global randperm that ignores it; here both come from the tape (the tape
// Generator's draw is ../random/tape-sparse.ts). With a TorchGenerator, whose words are the
// global generator's, the zeros are torch's own randperm's.

import type { Shape } from "../shape.js";
import { DRAW } from "../random/draw.js";
import { finiteNumber, nonNegative, rangeError } from "../validate.js";
import { request, target, output, checkDtypeReach, type Output, type Request, type TensorOptions } from "./tensor-options.js";
import { checkNormalRange } from "./distributions.js";

export interface SparseOptions extends TensorOptions {
  /** Fraction of each column set to zero, in [0, 1] (required, as in torch). */
  sparsity?: number;
  /** Standard deviation of the non-zero values (default 0.01), >= 0. */
  std?: number;
}

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
 * ```ts
 * import { sparse } from "nninit";
 * const w = sparse([1000, 100], { sparsity: 0.9 }); // 900 zeros in every column
 * ```
 */
export function sparse<O extends SparseOptions = SparseOptions>(shape: Shape, options?: O): Output<O> {
  const { req, rows, cols, zeros, std } = sparsePlan(shape, options);
  const out = target(req);
  if (req.numel > 0) {
    req.generator[DRAW]({ fn: req.fn, law: { kind: "sparse", rows, cols, zeros, std }, numel: req.numel, start: req.start, end: req.end, out });
  }
  return output<O>(req, out);
}

/** sparse's checked call, before anything is drawn: what the function and its catalog law both read. */
export function sparsePlan(shape: Shape, options: unknown): { req: Request; rows: number; cols: number; zeros: number; std: number } {
  const fn = "sparse";
  const { req, own } = request<SparseOptions>(fn, shape, options, ["sparsity", "std"]);
  const sparsity = finiteNumber(fn, "sparsity", own.sparsity);
  if (sparsity < 0 || sparsity > 1) throw rangeError(fn, "sparsity", "a number in [0, 1]", sparsity);
  const std = own.std === undefined ? 0.01 : nonNegative(fn, "std", own.std);
  checkNormalRange(fn, 0, std);
  if (req.dims.length !== 2) throw rangeError(fn, "shape", "a 2-D shape [rows, cols]", shape);
  const [rows, cols] = req.dims;
  checkDtypeReach(req, "std", std, 6 * std);
  return { req, rows, cols, zeros: Math.ceil(sparsity * rows), std };
}
