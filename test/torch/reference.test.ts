// nninit/torch against real PyTorch (1.13.1, Debian's x86-64 build, and the torch 2.13 wheel), from the committed
// references of scripts/torch-reference.py: for 5 seeds and 50 ops in one sequence, every
// result's SHA-256 (bit for bit) or its sampled values within the stated bound, and the
// generator's state after every op (the words each op consumed, the cached normal sample).

import { describe, expect, it } from "vitest";
import { TorchGenerator } from "../../src/torch/index.js";
import { runOp, exactness, sha256, floatOfHex, ulpDistance, stateOf, bytesOf, type RefFile } from "./ops.js";
import { BOUNDS } from "./bounds.js";
import avx2 from "./reference.avx2.json" with { type: "json" };
import plain from "./reference.default.json" with { type: "json" };
import torch213 from "./reference.2.13.json" with { type: "json" };


describe.each([["avx2", avx2 as unknown as RefFile], ["default", plain as unknown as RefFile]] as const)("torch %s build", (build, ref) => {
  it.each(Object.keys(ref.seeds))("seed %s: every op as torch, and the same generator state after it", async (seed) => {
    const { initialSeed, ops } = ref.seeds[seed];
    const g = new TorchGenerator(BigInt(seed), { build, version: "1.13" });
    expect(g.initialSeed).toBe(BigInt(initialSeed));
    for (const op of ops) {
      const what = `${op.op}(${JSON.stringify(op.shape)}, ${JSON.stringify(op.params)})`;
      const got = runOp(op, g);
      const kind = exactness(op, build);
      if (kind === "exact") {
        expect(await sha256(bytesOf(got)), what).toBe(op.sha256);
      } else {
        for (const [i, hex] of op.samples) {
          const want = floatOfHex(hex);
          if (kind === "ulp") expect(ulpDistance(got[i], want), `${what}[${i}]: ${got[i]} vs ${want}`).toBeLessThanOrEqual(BOUNDS.ulp);
          else expect(Math.abs(got[i] - want), `${what}[${i}]`).toBeLessThanOrEqual(BOUNDS.abs);
        }
      }
      const state = await stateOf(g);
      expect({ ...state, normal: null }, `state after ${what}`).toEqual({ ...op.state, normal: null });
      // The cached sample is r sin(theta) in float64: JS's sin/log may differ from glibc's by an ulp.
      if (op.state.normal === null) expect(state.normal).toBeNull();
      else expect(Math.abs(state.normal! - op.state.normal), `cached normal after ${what}`).toBeLessThanOrEqual(4 * 2 ** -52 * Math.abs(op.state.normal));
    }
  });
});

// torch 2.13.0 (the official x86-64 CPU wheel, default dispatch: AVX-512 here, whose normal_ is the
// AVX2 kernel) with version "2.13": every op bit for bit, trunc_normal_ included (>= 2.12 rules),
// orthogonal_ within the LAPACK bound.

describe("torch 2.13 wheel, default dispatch, version 2.13", () => {
  const ref = torch213 as unknown as RefFile;
  it.each(Object.keys(ref.seeds))("seed %s: every op as torch, and the same generator state after it", async (seed) => {
    const g = new TorchGenerator(BigInt(seed), { version: "2.13" });
    for (const op of ref.seeds[seed].ops) {
      const what = `${op.op}(${JSON.stringify(op.shape)}, ${JSON.stringify(op.params)})`;
      const got = runOp(op, g);
      if (op.op === "orthogonal") {
        for (const [i, hex] of op.samples) expect(Math.abs(got[i] - floatOfHex(hex)), `${what}[${i}]`).toBeLessThanOrEqual(BOUNDS.abs);
      } else {
        expect(await sha256(bytesOf(got)), what).toBe(op.sha256);
      }
      const state = await stateOf(g);
      expect({ ...state, normal: null }, `state after ${what}`).toEqual({ ...op.state, normal: null });
    }
  });
});
