// nninit/torch's module constructors and stateDict against committed reference data from real
// torch 1.13.1 + torchvision 0.14.1 (scripts/torch-models-reference.py): every name in torch's
// order, every shape, every tensor's bytes (SHA-256), and the generator's position afterwards.
// Runs in Node and in Chromium; the live comparison is in live.node.test.ts.

import { describe, expect, it } from "vitest";
import refs from "./references.json" with { type: "json" };
import { differences, label, type References } from "./compare.js";
import { stateDict } from "../../src/torch/index.js";
import { runModuleCase, runModelCase, toleranceOf } from "./run-case.js";

const { cases } = refs as unknown as References;

describe("module constructors equal torch's, bit for bit", () => {
  const modules = cases.filter((c) => c.kind === "module");
  it("covers every constructor, seeds 0, 1337, -1, 2^32+5, both kernel builds", () => {
    const fns = new Set(modules.map((c) => c.kind === "module" && c.fn));
    expect([...fns].sort()).toEqual([
      "batchNorm1d", "batchNorm2d", "batchNorm3d", "bilinear", "conv1d", "conv2d", "conv3d", "convTranspose1d",
      "convTranspose2d", "convTranspose3d", "embedding", "groupNorm", "gru", "layerNorm", "linear", "lstm",
      "multiheadAttention", "rnn",
    ]);
    expect(new Set(modules.map((c) => c.seed))).toEqual(new Set([0, 1337, -1, 2 ** 32 + 5]));
    expect(new Set(modules.map((c) => c.build))).toEqual(new Set(["avx2", "default"]));
  });
  for (const c of modules) {
    if (c.kind !== "module") continue;
    it(label(c), async () => {
      const { tensors, after } = runModuleCase(c);
      expect(await differences(c, tensors, toleranceOf(c))).toEqual([]);
      // The next draws pin the words consumed and the cached normal sample.
      expect(after.uniform).toEqual(c.after.uniform.map(Math.fround));
      expect(after.normal).toEqual(c.after.normal.map(Math.fround));
    });
  }
});

describe("stateDict equals torch.manual_seed(seed); Model(config), bit for bit (DEFAULT build: within the ulp bound)", () => {
  for (const c of cases) {
    if (c.kind !== "model") continue;
    it(label(c), async () => {
      const got = runModelCase(c);
      expect(await differences(c, got, toleranceOf(c))).toEqual([]);
      // The parameters among them come in named_parameters() order.
      expect([...got.keys()].filter((k) => c.parameters.includes(k))).toEqual(c.parameters);
      // Without buffers: exactly named_parameters() (checked on the small models: it redraws).
      if (c.model === "nanogpt") expect([...stateDict(c.model, c.config, { seed: c.seed }).keys()]).toEqual(c.parameters);
    });
  }
});
