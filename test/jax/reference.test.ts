// nninit/jax against committed vectors of jax 0.10.2 / flax 0.12.8 / keras 3.15.1 on CPU
// (test/jax/reference.json, made by scripts/jax-reference.py --committed): keys, split, fold_in,
// bits, uniform, normal, truncated_normal, every jax.nn.initializers law, Flax NNX layers and
// Keras initializers, compared bit for bit. The live test checks other seeds and shapes.

import { describe, it, expect } from "vitest";
import reference from "./reference.json" with { type: "json" };
import { run, type Case } from "./cases.js";

const cases = (reference as { cases: Case[] }).cases;

describe("nninit/jax: committed jax 0.10.2 vectors", () => {
  const ops = [...new Set(cases.map((c) => c.op))];
  it("covers every op", () => {
    expect(ops.sort()).toEqual(["bernoulli", "bits", "flax", "fold_in", "init", "keras", "key", "normal", "split", "truncated_normal", "uniform"]);
  });
  for (const op of ops) {
    it(`${op}: bit for bit`, () => {
      for (const c of cases.filter((x) => x.op === op)) {
        const { result, ...what } = c;
        expect(run(c), JSON.stringify(what)).toEqual(result);
      }
    });
  }
});
