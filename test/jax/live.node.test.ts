// nninit/jax against the real jax 0.10.2 / flax / keras (the reference venv, test/python/venv.ts)
// at seeds, shapes and parameters that the committed vectors do not hold: keys and their
// operations, bits, uniform, normal, truncated normal (bounds with erf values far from round
// numbers), every initializer law, Flax NNX layers and Keras initializers, bit for bit; big draws
// checked through a range and through 2^32-crossing counters; orthogonal to float32 rounding.

import { describe, it, expect } from "vitest";
import { hasModules, runReference } from "../python/venv.js";
import { firstMismatch, run, type Case } from "./cases.js";
import * as J from "../../src/jax/index.js";

const SCRIPT = new URL("../../scripts/jax-reference.py", import.meta.url).pathname;
const ask = (cases: Case[]): Case[] => JSON.parse(runReference(SCRIPT, [], JSON.stringify(cases))) as Case[];

const keys = [[0, 1234567], [0x80000000, 0xffffffff], [31337, 271828]];

function heldOut(): Case[] {
  const cases: Case[] = [];
  for (const seed of ["7", "-1", "4294967296", "123456789012345", "-9000000000000000000"]) cases.push({ op: "key", seed });
  for (const key of keys) {
    cases.push({ op: "split", key, num: 11 }, { op: "fold_in", key, data: 987654321 });
    cases.push({ op: "bits", key, shape: [7, 9, 3] });
    cases.push({ op: "uniform", key, shape: [1001], minval: -0.3, maxval: 7.7 });
    cases.push({ op: "uniform", key, shape: [33], minval: 1e-39, maxval: 3e-38 });
    cases.push({ op: "normal", key, shape: [20000] });
    cases.push({ op: "bernoulli", key, shape: [3, 100], p: 0.3 });
    for (const [lower, upper] of [[-0.7, 2.9], [-3.3, -0.01], [1.5, 9]]) cases.push({ op: "truncated_normal", key, shape: [5000], lower, upper });
  }
  const inits: [string, Record<string, unknown>, number[]][] = [
    ["glorot_normal", {}, [7, 13]], ["he_uniform", {}, [5, 5, 3, 11]], ["lecun_normal", {}, [2, 3, 4, 5, 6]],
    ["variance_scaling", { scale: 1.7, mode: "fan_geo_avg", distribution: "uniform", in_axis: [0, 1], out_axis: -1 }, [3, 4, 9]],
    ["variance_scaling", { scale: 0.2, mode: "fan_in", distribution: "truncated_normal", batch_axis: [0], in_axis: 1, out_axis: 2 }, [2, 6, 5]],
    ["truncated_normal", { stddev: 1.3, lower: -0.5, upper: 3 }, [40]], ["normal", { stddev: 3 }, [31]],
    ["uniform", { scale: 0.125 }, [19]], ["constant", { value: -2.75 }, [3, 3]],
  ];
  for (const [name, kwargs, shape] of inits) cases.push({ op: "init", name, kwargs, key: keys[2], shape });
  cases.push(
    { op: "flax", layer: "Linear", args: [17, 9], seed: 2026 },
    { op: "flax", layer: "Conv", args: [6, 8], kwargs: { kernel_size: [5, 2] }, seed: 77 },
    { op: "flax", layer: "Embed", args: [50, 7], seed: 8 },
    { op: "flax", layer: "LayerNorm", args: [9], seed: 9 },
  );
  for (const name of ["GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform"]) {
    cases.push({ op: "keras", name, kwargs: {}, seed: 4000000000, shape: [3, 3, 5, 8] });
  }
  cases.push({ op: "keras", name: "RandomNormal", kwargs: { mean: -1, stddev: 0.25 }, seed: 123, shape: [64] });
  cases.push({ op: "keras", name: "TruncatedNormal", kwargs: { mean: 0.1, stddev: 3 }, seed: 0, shape: [64] });
  cases.push({ op: "keras", name: "VarianceScaling", kwargs: { scale: 2, mode: "fan_avg", distribution: "uniform" }, seed: 9, shape: [10, 20] });
  return cases;
}

describe.skipIf(!hasModules("jax", "flax", "keras"))("nninit/jax: live against jax 0.10.2, flax, keras (held-out cases)", () => {
  it("every held-out case is bit for bit", () => {
    const cases = ask(heldOut());
    expect(cases.length).toBeGreaterThan(50);
    expect(firstMismatch(cases)).toBeNull();
  }, 300_000);

  it("a 1M-element normal equals jax's, whole and as ranges", () => {
    const [c] = ask([{ op: "normal", key: [5, 6], shape: [1_000_003] }]);
    const whole = run(c) as number[];
    expect(whole).toEqual(c.result);
    const k = J.wrapKeyData([5, 6]);
    const part = J.normal(k, [1_000_003], { range: [654_321, 700_000] });
    expect(Array.from(new Uint32Array(part.buffer))).toEqual((c.result as number[]).slice(654_321, 700_000));
  }, 300_000);

  it("orthogonal, delta_orthogonal and Keras Orthogonal agree with jax/keras to float32 rounding", () => {
    const cases = ask([
      { op: "init", name: "orthogonal", kwargs: {}, key: [0, 3], shape: [12, 5] },
      { op: "init", name: "orthogonal", kwargs: { scale: 2, column_axis: 0 }, key: [0, 4], shape: [4, 3, 6] },
      { op: "init", name: "delta_orthogonal", kwargs: {}, key: [0, 5], shape: [3, 3, 4, 6] },
      { op: "keras", name: "Orthogonal", kwargs: { gain: 1.5 }, seed: 11, shape: [3, 3, 8] },
      { op: "keras", name: "Orthogonal", kwargs: {}, seed: 12, shape: [4, 9] },
    ]);
    for (const c of cases) {
      const mine = new Float32Array(new Uint32Array(run(c) as number[]).buffer);
      const theirs = new Float32Array(new Uint32Array(c.result as number[]).buffer);
      expect(mine.length).toBe(theirs.length);
      let worst = 0;
      for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i] - theirs[i]));
      expect(worst, JSON.stringify(c.shape)).toBeLessThan(1e-5);
    }
  }, 300_000);
});
