// Runs a reference case with nninit: the module constructor or stateDict it names, from a fresh
// TorchGenerator at the case's seed and torch build, then the generator's next draws.

import * as torch from "../../src/torch/index.js";
import { uniform, normal } from "../../src/index.js";
import type { Case, ModuleCase } from "./compare.js";

type Tensor = { shape: number[]; data: Float32Array | BigInt64Array };

/** Module constructors that draw nothing take no generator. */
const NO_DRAWS = new Set(["layerNorm", "groupNorm", "batchNorm1d", "batchNorm2d", "batchNorm3d"]);

/** What the module case gives in nninit, and the 5 uniform + 3 normal values drawn after it. */
export function runModuleCase(c: ModuleCase): { tensors: Map<string, Tensor>; after: { uniform: number[]; normal: number[] } } {
  const generator = new torch.TorchGenerator(c.seed, { build: c.build });
  const fn = (torch as unknown as Record<string, (...a: unknown[]) => Map<string, Tensor>>)[c.fn];
  const tensors = fn(...c.args, NO_DRAWS.has(c.fn) ? c.options : { ...c.options, generator });
  return { tensors, after: { uniform: [...uniform([5], { generator })], normal: [...normal([3], { generator })] } };
}

/** stateDict of a model case, with buffers. */
export function runModelCase(c: Case & { kind: "model" }): Map<string, Tensor> {
  return torch.stateDict(c.model as torch.ModelName, c.config, { seed: c.seed, build: c.build, buffers: true });
}

/**
 * The ulp bound for a tensor whose bytes may differ from torch's: only normal_ draws under torch's
 * DEFAULT kernel build, which calls libm's logf/sinf/cosf (matched within a few ulp, not bit for
 * bit). Everything else is exact.
 */
export function toleranceOf(c: Case): (name: string) => number {
  // In the models every weight is drawn by normal_ (biases and norms are constants, exact anyway).
  const normalDrawn = (name: string) => c.kind === "model" || c.fn === "embedding" || name === "bias_k" || name === "bias_v";
  return (name) => (c.build === "default" && normalDrawn(name) ? DEFAULT_BUILD_NORMAL_ULPS : 0);
}

/** The bound the engine states for the DEFAULT build's normal_ (docs/torch.md, "What is verified, op by op"). */
export const DEFAULT_BUILD_NORMAL_ULPS = 16;
