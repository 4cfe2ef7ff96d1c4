// jax.random.normal has only 2^23 possible float32 outputs: the value depends on the top 23 bits
// of the element's threefry word alone (the uniform keeps 23 mantissa bits). Computing one value
// costs ~25 emulated FMAs, so for big draws it is cheaper to compute all 2^23 once (the same
// kernel, 32 MiB) and look each element up. Exact by construction: the table holds the kernel's
// own values, which test/jax/kernels.test.ts checks against jax for every input.

import { jax, JAX_WINDOW_ELEMENTS, type JaxKernels } from "../wasm/jax.js";

/** Entries: one per 23-bit input. */
const SIZE = 1 << 23;
/** A single draw at least this big builds the table (it costs about as much as 2^23 values). */
export const TABLE_BUILD_ELEMENTS = 1 << 23;
/** Once built, draws at least this big use it. */
export const TABLE_USE_ELEMENTS = 1 << 12;

let table: Float32Array | null = null;

/** The table if built; built now when `n` is big enough to pay for it. */
export function normalTable(n: number, k: JaxKernels = jax.current()): Float32Array | null {
  if (table !== null) return n >= TABLE_USE_ELEMENTS ? table : null;
  if (n < TABLE_BUILD_ELEMENTS) return null;
  const t = new Float32Array(SIZE);
  for (let i = 0; i < SIZE; i += JAX_WINDOW_ELEMENTS) {
    const u = k.windowU32();
    for (let j = 0; j < JAX_WINDOW_ELEMENTS; j++) u[j] = (i + j) << 9;
    k.exports.jax_normal_words(k.window, JAX_WINDOW_ELEMENTS);
    t.set(k.windowF32().subarray(0, JAX_WINDOW_ELEMENTS), i);
  }
  table = t;
  return t;
}

/** Drops the table (32 MiB); the next big normal draw rebuilds it. */
export function releaseNormalTable(): void {
  table = null;
}
