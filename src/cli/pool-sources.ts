// A recipe's tensors as writer sources whose fills run on a pool of workers. They give the bytes
// of the recipe's own sources (tensorSources in ../models/recipe.ts): the same initializer call
// with the same `range` on the same generator state, which pool.fill reproduces bit for bit. Only
// where the work goes differs: large ranges are split across the workers (writing straight into
// the writer's shared chunk buffers), small ones are cheaper on the calling thread than a message.

import { Generator } from "../random/generator.js";
import type { Dtype } from "../dtype.js";
import type { Pool } from "../parallel/pool.js";
import { RECIPE_INITIALIZERS, tensorSources, type ModelRecipe } from "../models/recipe.js";
import type { TensorSource } from "../io/write.js";

/** Elements below which a fill stays on the calling thread: a pool round trip costs about as much as this many normals. */
export const POOL_MIN_ELEMENTS = 1 << 16;

/**
 * The recipe's sources, in `dtype` from `seed`, filled on `pool` (aborted with `signal`). Each
 * tensor's generator state is the one tensorSources gives it: the state after every earlier
 * tensor's zero-length call.
 */
export function poolTensorSources(recipe: ModelRecipe, seed: number | bigint, dtype: Dtype, pool: Pool, signal?: AbortSignal): TensorSource[] {
  const local = tensorSources(recipe, seed, dtype);
  const generator = new Generator(seed);
  return recipe.tensors.map((t, i) => {
    const start = generator.clone();
    const init = RECIPE_INITIALIZERS[t.fn] as (shape: number[], options: object) => unknown;
    init(t.shape, { ...t.options, generator, range: [0, 0] });
    return {
      ...local[i],
      async fill(out: Float32Array | Uint16Array | BigInt64Array, s: number, e: number) {
        if (e - s < POOL_MIN_ELEMENTS) return local[i].fill(out, s, e);
        const filled = pool.fill(t.fn, t.shape, { ...t.options, generator: start.clone(), range: [s, e], dtype, out: out as Float32Array, signal });
        // The calling thread fills chunks too, beside the workers (and alone while they start).
        pool.help();
        await filled;
        for (const [zs, ze] of t.zeroRanges ?? []) {
          const a = Math.max(zs, s), b = Math.min(ze, e);
          if (a < b) (out as Float32Array).fill(0, a - s, b - s);
        }
      },
    };
  });
}
