// Shapes: a dimension list (or a single length) of non-negative integers.

import { typeError, rangeError } from "./validate.js";

/** A tensor shape: one length, or the list of dimensions. */
export type Shape = number | readonly number[];

/** The validated dimension list. */
export function dimsOf(fn: string, shape: unknown): number[] {
  if (typeof shape === "number") shape = [shape];
  if (!Array.isArray(shape)) throw typeError(fn, "shape", "an array of non-negative integers", shape);
  const dims: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (typeof d !== "number") throw typeError(fn, `shape[${i}]`, "a non-negative integer", d);
    if (!Number.isSafeInteger(d) || d < 0) throw rangeError(fn, `shape[${i}]`, "a non-negative integer", d);
    dims.push(d);
  }
  const n = dims.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(n)) throw rangeError(fn, "shape", "a shape with fewer than 2^53 elements", shape);
  return dims;
}

/** Number of elements of a validated dimension list. */
export function numel(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** Row-major strides of a shape: how far apart in the flat array consecutive indices of each axis are. */
export function stridesOf(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length);
  for (let i = dims.length - 1, s = 1; i >= 0; s *= dims[i], i--) strides[i] = s;
  return strides;
}

/**
 * Where a convolution kernel's centre tap sits along a kernel dimension of size k. The two
 * conventions differ only for even k (k = 4: torch picks 2, JAX picks 1):
 * - torch `dirac_` writes at `k // 2` (the later of the two middle taps);
 * - JAX `delta_orthogonal` writes at `(k - 1) // 2` (the earlier one).
 */
export type KernelCentre = "torch" | "jax";

/** The centre tap's index along a kernel dimension of size k, by convention (see {@link KernelCentre}). */
export function centreIndex(k: number, convention: KernelCentre): number {
  return convention === "torch" ? Math.floor(k / 2) : Math.floor((k - 1) / 2);
}

/**
 * Flat index of the kernel centre of a weight: the centre tap on every axis other than the input
 * and output axes, index 0 on those two.
 */
export function kernelCentreOffset(dims: readonly number[], strides: readonly number[], inAxis: number, outAxis: number, convention: KernelCentre): number {
  let centre = 0;
  for (let i = 0; i < dims.length; i++) if (i !== inAxis && i !== outAxis) centre += centreIndex(dims[i], convention) * strides[i];
  return centre;
}
