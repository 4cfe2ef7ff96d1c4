// JaxGenerator: nninit's initializers drawing JAX's numbers from a Flax-style key stream (draw n
// uses fold_in(key, n)); fillAsync, which reserves and restores it, gives the same bits in any
// chunking; bad uses are TypeErrors.

import { describe, it, expect } from "vitest";
import { normal, uniform, truncNormal, kaimingUniform, sparse, fillAsync } from "../../src/index.js";
import * as J from "../../src/jax/index.js";

const fr = Math.fround;
const affine = (v: Float32Array, std: number, mean: number) => v.map((x) => fr(fr(x * fr(std)) + fr(mean)));

describe("JaxGenerator", () => {
  it("draws JAX's values with fold_in(key, n) keys, one per draw", () => {
    const k = J.key(3);
    const g = new J.JaxGenerator(k);
    const a = normal([4, 5], { mean: 0.5, std: 2, generator: g });
    const b = uniform([7], { a: -1, b: 3, generator: g });
    const c = truncNormal([9], { mean: 1, std: 0.5, a: 0, b: 2, generator: g });
    expect(g.count).toBe(3);
    expect(a).toEqual(affine(J.normal(J.foldIn(k, 0), [20]), 2, 0.5));
    expect(b).toEqual(J.uniform(J.foldIn(k, 1), [7], { minval: -1, maxval: 3 }));
    expect(c).toEqual(affine(J.truncatedNormal(J.foldIn(k, 2), -2, 2, [9]), 0.5, 1));
    // The stream of nnx.Rngs(3): the same keys.
    const rngs = new J.nnx.Rngs(3);
    expect(J.keyData(rngs.params())).toEqual(J.keyData(J.foldIn(k, 0)));
  });

  it("ranges, clone and state", () => {
    const g = new J.JaxGenerator(J.key(8));
    const copy = g.clone();
    const whole = kaimingUniform([64, 32], { generator: g });
    const part = kaimingUniform([64, 32], { generator: copy, range: [100, 900] });
    expect(part).toEqual(whole.subarray(100, 900));
    expect(copy.getState()).toEqual(g.getState());
    expect(new J.JaxGenerator(J.key(0)).setState(g.getState()).count).toBe(1);
  });

  it("fillAsync gives the same bits for any chunk size", async () => {
    const sync = normal([1000, 37], { std: 0.1, generator: new J.JaxGenerator(J.key(5)) });
    for (const chunkSize of [1000, 4096, 37_000]) {
      const g = new J.JaxGenerator(J.key(5));
      const v = await fillAsync(normal, [1000, 37], { std: 0.1, generator: g, chunkSize });
      expect(v).toEqual(sync);
      expect(g.count).toBe(1);
    }
  });

  it("refuses what JAX has no float32 counterpart for", () => {
    const g = new J.JaxGenerator(J.key(1));
    expect(() => new J.JaxGenerator(5 as never)).toThrow(/^JaxGenerator: key must be a JaxKey/);
    expect(() => normal([4], { generator: g, dtype: "bfloat16" })).toThrow(/normal: a JaxGenerator draws float32 only/);
    expect(() => sparse([4, 4], { sparsity: 0.5, generator: g })).toThrow(/sparse: jax.nn.initializers has no sparse initializer/);
    expect(g.count).toBe(0);
  });
});
