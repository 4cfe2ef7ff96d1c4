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
