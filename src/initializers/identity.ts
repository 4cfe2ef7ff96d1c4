// Identity-like weights that draw nothing: torch's eye and dirac, Keras's identity. A layer
// initialized this way passes its input through unchanged (at the kernel centre for dirac).

import { stridesOf, kernelCentreOffset, type Shape } from "../shape.js";
import { axesOf, type Layout } from "../fan.js";
import { integer, numberOption, rangeError, show } from "../validate.js";
import { request, target, output, checkDtypeReach, type Output, type Request, type TensorOptions } from "./tensor-options.js";

/** Zeros, with `value` at the given flat indices that fall in the request's range. */
export function placeValues(req: Request, value: number, indices: Iterable<number>): Float32Array {
  const out = target(req).fill(0);
  for (const i of indices) if (i >= req.start && i < req.end) out[i - req.start] = value;
  return out;
}

/** Flat indices of the diagonal of a rows x cols matrix. */
function* diagonal(rows: number, cols: number): Generator<number> {
  for (let i = 0; i < Math.min(rows, cols); i++) yield i * cols + i;
}

/** Throws unless the shape is a matrix. */
function checkMatrix(fn: string, shape: Shape, dims: readonly number[]): void {
  if (dims.length !== 2) throw rangeError(fn, "shape", "a 2-D shape [rows, cols]", shape);
}

/**
 * The identity matrix, rectangular allowed (torch `eye_`): ones on the main diagonal.
 *
 * @example
 * ```ts
 * import { eye } from "nninit";
 * const w = eye([3, 5]); // [1,0,0,0,0, 0,1,0,0,0, 0,0,1,0,0]
 * ```
 */
export function eye<O extends TensorOptions = TensorOptions>(shape: Shape, options?: O): Output<O> {
  const fn = "eye";
  const { req } = request<TensorOptions>(fn, shape, options, []);
  checkMatrix(fn, shape, req.dims);
  return output<O>(req, placeValues(req, 1, diagonal(req.dims[0], req.dims[1])));
}

export interface IdentityOptions extends TensorOptions {
  /** The diagonal's value (default 1). */
  gain?: number;
}

/**
 * `gain` times the identity matrix, rectangular allowed (Keras `Identity`).
 *
 * @example
 * ```ts
 * import { identity } from "nninit";
 * const w = identity([4, 4], { gain: 0.5 });
 * ```
 */
export function identity<O extends IdentityOptions = IdentityOptions>(shape: Shape, options?: O): Output<O> {
  const { req, gain } = identityPlan(shape, options);
  return output<O>(req, placeValues(req, gain, diagonal(req.dims[0], req.dims[1])));
}

/** identity's checked request and diagonal value (also the catalog's law). */
export function identityPlan(shape: Shape, options: unknown): { req: Request; gain: number } {
  const fn = "identity";
  const { req, own } = request<IdentityOptions>(fn, shape, options, ["gain"]);
  const gain = numberOption(fn, "gain", own.gain, 1);
  checkMatrix(fn, shape, req.dims);
  checkDtypeReach(req, "gain", gain, Math.abs(gain));
  return { req, gain };
}

export interface DiracOptions extends TensorOptions {
  /** Number of groups the output channels split into (default 1); each group gets its own identity. */
  groups?: number;
  /** Where the input and output axes are (default "torch": `[out, in, ...kernel]`). */
  layout?: Layout;
}

/**
 * The Dirac delta (torch `dirac_`): for a 3, 4 or 5-D convolution weight, 1 at
 * [g * out_per_group + d, d, centre...] for each group g and d < min(out_per_group, in), where
 * the centre of a kernel dimension of size k is floor(k / 2); zeros elsewhere. The convolution
 * then copies its input channels to its output channels (per group).
 *
 * @example
 * ```ts
 * import { dirac } from "nninit";
 * const w = dirac([16, 16, 3, 3]);            // an identity 3x3 convolution
 * const g = dirac([32, 8, 3], { groups: 4 }); // grouped conv1d
 * ```
 */
export function dirac<O extends DiracOptions = DiracOptions>(shape: Shape, options?: O): Output<O> {
  const { req, inAxis, outAxis, groups } = diracPlan(shape, options);
  return output<O>(req, placeValues(req, 1, diracIndices(req.dims, inAxis, outAxis, groups)));
}

/** dirac's checked request, axes and groups; it places groups * min(out / groups, in) ones. */
export function diracPlan(shape: Shape, options: unknown): { req: Request; inAxis: number; outAxis: number; groups: number } {
  const fn = "dirac";
  const { req, own } = request<DiracOptions>(fn, shape, options, ["groups", "layout"]);
  const groups = own.groups === undefined ? 1 : integer(fn, "groups", own.groups, 1);
  const dims = req.dims;
  if (dims.length < 3 || dims.length > 5) throw rangeError(fn, "shape", "a 3, 4 or 5-D shape", shape);
  const { inAxis, outAxis } = axesOf(fn, dims, own.layout ?? "torch");
  if (dims[outAxis] % groups !== 0) {
    throw new RangeError(`${fn}: the output dimension (shape[${outAxis}] = ${dims[outAxis]}) must be divisible by groups, got groups = ${show(groups)}`);
  }
  return { req, inAxis, outAxis, groups };
}

/** Flat indices of dirac's ones. */
function* diracIndices(dims: readonly number[], inAxis: number, outAxis: number, groups: number): Generator<number> {
  const strides = stridesOf(dims);
  const centre = kernelCentreOffset(dims, strides, inAxis, outAxis, "torch");
  const perGroup = dims[outAxis] / groups;
  const count = Math.min(perGroup, dims[inAxis]);
  for (let g = 0; g < groups; g++) {
    for (let d = 0; d < count; d++) yield centre + (g * perGroup + d) * strides[outAxis] + d * strides[inAxis];
  }
}
