// Orthogonal weights: torch's orthogonal (a Haar-random orthogonal matrix from the QR of a
// Gaussian one) and JAX's delta orthogonal (such a matrix at the centre of a convolution kernel).

import { stridesOf, kernelCentreOffset, type Shape } from "../shape.js";
import { DRAW, type RandomGenerator } from "../random/draw.js";
import { orthogonalize, orthogonalFits } from "../linalg/qr.js";
import { axesOf, type Layout } from "../fan.js";
import { numberOption, rangeError, show } from "../validate.js";
import { request, target, output, checkDtypeReach, type Output, type Request, type TensorOptions } from "./tensor-options.js";

/**
 * The rows x cols orthogonal matrix of the generator's next normal draws: a Gaussian matrix G
 * (row-major, as `normal` would fill it), then Q of the QR of G (or of G^T when rows < cols,
 * transposed back) with its columns' signs set by diag(R), times `gain`. Advances the generator
 * past those draws. The caller checked orthogonalFits.
 */
function orthogonalMatrix(fn: string, gen: RandomGenerator, rows: number, cols: number, gain: number, out?: Float32Array): Float32Array {
  const n = rows * cols;
  const g = new Float32Array(n);
  gen[DRAW]({ fn, law: { kind: "normal", mean: 0, std: 1 }, numel: n, start: 0, end: n, out: g });
  const q = out ?? new Float32Array(n);
  orthogonalize(g, rows, cols, gain, q);
  return q;
}

/** Throws before any draw when the matrix cannot be factored in wasm32 memory. */
function checkFits(fn: string, shape: Shape, rows: number, cols: number): void {
  if (!orthogonalFits(rows, cols)) {
    throw rangeError(fn, "shape", `small enough for its ${rows} x ${cols} QR to fit in 4 GiB of wasm memory`, shape);
  }
}

/**
 * An empty range: the generator moves as for the whole matrix (an empty draw of its Gaussian
 * matrix), without the QR, so a pool can check a call and learn where it leaves the generator
 * at no cost.
 */
function skipped(fn: string, req: Request, rows: number, cols: number): Float32Array {
  const n = rows * cols;
  req.generator[DRAW]({ fn, law: { kind: "normal", mean: 0, std: 1 }, numel: n, start: 0, end: 0, out: new Float32Array(0) });
  return target(req);
}

export interface OrthogonalOptions extends TensorOptions {
  /** Multiplies the orthogonal matrix (default 1). */
  gain?: number;
}

/**
 * A (semi-)orthogonal matrix (torch `orthogonal_`), flattened as torch does: rows = shape[0],
 * cols = the product of the rest. Tall and square results have orthonormal columns
 * (Q^T Q = gain^2 I), wide ones orthonormal rows. The matrix is Haar-distributed: Q of the
 * Householder QR of a Gaussian matrix, each column's sign set so that diag(R) > 0. Draws
 * shape[0] * cols words; `range` returns a slice of the whole result.
 *
 * @example
 * ```ts
 * import { orthogonal } from "nninit";
 * const w = orthogonal([128, 128]);                           // recurrent weight
 * const c = orthogonal([64, 32, 3, 3], { gain: Math.SQRT2 }); // 64 orthonormal 288-vectors
 * ```
 */
export function orthogonal<O extends OrthogonalOptions = OrthogonalOptions>(shape: Shape, options?: O): Output<O> {
  const fn = "orthogonal";
  const { req, gain, rows, cols } = orthogonalPlan(shape, options);
  if (req.numel === 0) return output<O>(req, target(req));
  if (req.start === req.end) return output<O>(req, skipped(fn, req, rows, cols));
  if (req.start === 0 && req.end === req.numel) return output<O>(req, orthogonalMatrix(fn, req.generator, rows, cols, gain, target(req)));
  const out = target(req);
  out.set(orthogonalMatrix(fn, req.generator, rows, cols, gain).subarray(req.start, req.end));
  return output<O>(req, out);
}

/** orthogonal's checked call, before anything is drawn: what the function and its catalog law both read. */
export function orthogonalPlan(shape: Shape, options: unknown): { req: Request; gain: number; rows: number; cols: number } {
  const fn = "orthogonal";
  const { req, own } = request<OrthogonalOptions>(fn, shape, options, ["gain"]);
  const gain = numberOption(fn, "gain", own.gain, 1);
  if (req.dims.length < 2) throw rangeError(fn, "shape", "at least 2-D", shape);
  const rows = req.dims[0], cols = rows === 0 ? 0 : req.numel / rows;
  if (req.numel > 0) {
    checkFits(fn, shape, rows, cols);
    // Orthonormal rows or columns: every entry lies in [-1, 1] before the gain.
    checkDtypeReach(req, "gain", gain, Math.abs(gain));
  }
  return { req, gain, rows, cols };
}

export interface DeltaOrthogonalOptions extends TensorOptions {
  /** Multiplies the orthogonal matrix (default 1). */
  scale?: number;
  /** Where the input and output axes are (default "keras": `[...kernel, in, out]`). */
  layout?: Layout;
}

/**
 * The delta orthogonal kernel (JAX `delta_orthogonal`) of a 3, 4 or 5-D convolution weight:
 * zeros, except at the kernel's centre (index floor((k - 1) / 2) of each kernel dimension of
 * size k) where the in x out matrix is orthogonal([in, out]) times `scale`. Needs in <= out, so
 * that the matrix has orthonormal rows. Draws in * out words.
 *
 * @example
 * ```ts
 * import { deltaOrthogonal } from "nninit";
 * const w = deltaOrthogonal([3, 3, 16, 16]);                      // Keras/JAX Conv2D kernel
 * const t = deltaOrthogonal([32, 16, 3, 3], { layout: "torch" }); // torch Conv2d weight
 * ```
 */
export function deltaOrthogonal<O extends DeltaOrthogonalOptions = DeltaOrthogonalOptions>(shape: Shape, options?: O): Output<O> {
  const fn = "deltaOrthogonal";
  const { req, scale, inAxis, outAxis, fanIn, fanOut } = deltaOrthogonalPlan(shape, options);
  const dims = req.dims;
  if (req.numel === 0) return output<O>(req, target(req));
  if (req.start === req.end) return output<O>(req, skipped(fn, req, fanIn, fanOut));
  const m = orthogonalMatrix(fn, req.generator, fanIn, fanOut, scale);
  const strides = stridesOf(dims);
  const centre = kernelCentreOffset(dims, strides, inAxis, outAxis, "jax");
  const out = target(req).fill(0);
  for (let i = 0; i < fanIn; i++) {
    for (let o = 0; o < fanOut; o++) {
      const at = centre + i * strides[inAxis] + o * strides[outAxis];
      if (at >= req.start && at < req.end) out[at - req.start] = m[i * fanOut + o];
    }
  }
  return output<O>(req, out);
}

/** deltaOrthogonal's checked call, before anything is drawn: what the function and its catalog law both read. */
export function deltaOrthogonalPlan(shape: Shape, options: unknown):
  { req: Request; scale: number; inAxis: number; outAxis: number; fanIn: number; fanOut: number } {
  const fn = "deltaOrthogonal";
  const { req, own } = request<DeltaOrthogonalOptions>(fn, shape, options, ["scale", "layout"]);
  const scale = numberOption(fn, "scale", own.scale, 1);
  const dims = req.dims;
  if (dims.length < 3 || dims.length > 5) throw rangeError(fn, "shape", "a 3, 4 or 5-D shape", shape);
  const { inAxis, outAxis } = axesOf(fn, dims, own.layout ?? "keras");
  const fanIn = dims[inAxis], fanOut = dims[outAxis];
  if (fanIn > fanOut) {
    throw new RangeError(`${fn}: the input dimension (shape[${inAxis}] = ${fanIn}) must be <= the output dimension ` +
      `(shape[${outAxis}] = ${fanOut}) for the kernel centre to be orthogonal, got shape ${show(shape)}`);
  }
  if (req.numel > 0) {
    checkFits(fn, shape, fanIn, fanOut);
    checkDtypeReach(req, "scale", scale, Math.abs(scale));
  }
  return { req, scale, inAxis, outAxis, fanIn, fanOut };
}
