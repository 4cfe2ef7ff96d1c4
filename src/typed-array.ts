// Result arrays, allocated with an error that says what was asked for. Every engine caps one
// typed array (V8 in Node 20 at 2^32 elements; Node 22 and later only by memory), and a browser
// tab may refuse less; past it, the engine's own message ("Invalid typed array length:
// 8589934592", "Array buffer allocation failed") names neither the function nor the shape.
//
// The engine's limit is not probed: a bisection allocates buffers up to the limit, which in Node
// 22 and later means tens of GB of memory being zeroed (measured: 9.5 minutes, then the process
// was killed). The error passes the engine's own reason on instead.

import { show } from "./validate.js";

type ArrayConstructor<A> = { new (length: number): A; readonly BYTES_PER_ELEMENT: number; readonly name: string };

/**
 * A new `Float32Array` or `Uint16Array` of `length` elements for `fn`'s result of `shape`.
 * Throws a RangeError naming the function, the shape, the size and the engine's reason when the
 * engine refuses it.
 */
export function allocate<A>(fn: string, shape: readonly number[], length: number, type: ArrayConstructor<A>): A {
  try {
    return new type(length);
  } catch (error) {
    throw refused(fn, shape, length, type, "", error);
  }
}

/**
 * {@link allocate} over a new SharedArrayBuffer (what pool workers write into), with the same
 * error, saying it was shared memory that was refused.
 */
export function allocateShared<A>(fn: string, shape: readonly number[], length: number,
  type: { new (buffer: SharedArrayBuffer): A; readonly BYTES_PER_ELEMENT: number; readonly name: string }): A {
  try {
    return new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT));
  } catch (error) {
    throw refused(fn, shape, length, type, " over a SharedArrayBuffer", error);
  }
}

function refused(fn: string, shape: readonly number[], length: number, type: { BYTES_PER_ELEMENT: number; name: string },
  where: string, error: unknown): unknown {
  if (!(error instanceof RangeError)) return error;
  const gib = (length * type.BYTES_PER_ELEMENT / 2 ** 30).toPrecision(3);
  return new RangeError(`${fn}: shape ${show(shape)} needs a ${type.name} of ${length} elements (${gib} GiB)${where}, more than this ` +
    `engine allocates in one typed array (it said: ${error.message}); fill it in slices with range and out`);
}

/** {@link allocate} for float32 results. */
export function allocateFloat32(fn: string, shape: readonly number[], length: number): Float32Array {
  return allocate(fn, shape, length, Float32Array);
}
