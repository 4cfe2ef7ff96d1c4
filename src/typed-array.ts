// Result arrays, allocated with an error that says what was asked for. Every engine caps the
// length of one typed array (V8 in Node 20 at 2^32 elements, others elsewhere, and a browser tab
// may refuse less); past it, the engine's own message ("Invalid typed array length: 8589934592")
// names neither the function, nor the shape, nor the cap.

import { show } from "./validate.js";

/** The engine's largest Float32Array length, once probed. */
let probed: number | undefined;

/**
 * The largest Float32Array length this engine allocates, found by bisection below a length it
 * refused (the first time only). Lengths the engine accepts are allocated and dropped during the
 * search; engines map large buffers lazily, so this costs address space, not memory.
 */
export function maxFloat32Length(refused: number): number {
  if (probed !== undefined && probed < refused) return probed;
  let lo = 0, hi = refused;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    try {
      new Float32Array(mid);
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return (probed = lo);
}

/**
 * A new Float32Array of `length` elements for `fn`'s result of `shape`. Throws a RangeError
 * naming the function, the shape and the engine's limit when the engine refuses it.
 */
export function allocateFloat32(fn: string, shape: readonly number[], length: number): Float32Array {
  try {
    return new Float32Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const limit = maxFloat32Length(length);
    throw new RangeError(`${fn}: shape ${show(shape)} needs a Float32Array of ${length} elements, more than this engine ` +
      `allocates in one typed array (${limit} elements, probed); fill it in slices with range and out`);
  }
}
