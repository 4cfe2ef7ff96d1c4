// A recipe's tensors as writer sources whose fills run on a pool of workers. They give the bytes
// of the recipe's own sources (tensorSources in ../models/recipe.ts): the same initializer call
// with the same `range` on the same generator state, which pool.fill reproduces bit for bit. Only
// where the work goes differs: large ranges are split across the workers (writing straight into
// the writer's shared chunk buffers), small ones are cheaper on the calling thread than a message.

import type { Dtype } from "../dtype.js";
import type { Pool } from "../parallel/pool.js";
import { tensorReservations, applyZeroRanges, type ModelRecipe } from "../models/recipe.js";
import type { TensorSource } from "../io/write.js";

/** Elements below which a fill stays on the calling thread: a pool round trip costs about as much as this many normals. */
export const POOL_MIN_ELEMENTS = 1 << 16;

/**
 * The recipe's sources, in `dtype` from `seed`, filled on `pool` (aborted with `signal`). Each
 * tensor's segment is the one tensorSources gives it (tensorReservations).
 */
export function poolTensorSources(recipe: ModelRecipe, seed: number | bigint, dtype: Dtype, pool: Pool, signal?: AbortSignal): TensorSource[] {
  const segments = tensorReservations(recipe, seed, dtype);
  return recipe.tensors.map((t, i) => ({
    name: t.name,
    shape: t.shape,
    dtype,
    async fill(out: Float32Array | Uint16Array | BigInt64Array, s: number, e: number) {
      const words = out as Float32Array | Uint16Array;
      if (e - s < POOL_MIN_ELEMENTS) {
        segments[i].fill(s, e, words);
      } else {
        const filled = pool.fill(t.fn, t.shape, { ...t.options, generator: segments[i].origin(), range: [s, e], dtype, out: words as Float32Array, signal });
        // The calling thread fills chunks too, beside the workers (and alone while they start),
        // but only once the writer has started every chunk it can and waits (its loop runs
        // synchronously until then): the workers then have the next chunks' fills queued while
        // this thread helps. Helping at once kept the next chunk's fill unsubmitted until this
        // thread's last claim ended, and the worker idle meanwhile (measured: 32% of a 2-thread
        // llama-1b run).
        await Promise.resolve();
        pool.help();
        await filled;
      }
      applyZeroRanges(t, words, s, e);
    },
  }));
}
