// The torch kernels (assembly/torch.entry.ts: PyTorch's mt19937 and its float32 uniform_ and
// normal_ transforms), a wasm module of their own that only the `nninit/torch` subpath loads.

import { SIMD_BASE64, SCALAR_BASE64 } from "./torch.generated.js";
import { kernelModule, type BaseExports, type Instance } from "./module.js";

/** The raw exports of assembly/torch.entry.ts (a test compares the two). */
export interface TorchExports extends BaseExports {
  torch_words(state: number, next: number, dst: number, n: number): number;
  torch_skip(state: number, next: number, n: number): number;
  torch_uniform(state: number, next: number, dst: number, n: number, from: number, range: number, fused: number): number;
  torch_normal(state: number, next: number, dst: number, blocks: number, mean: number, std: number, fused: number): number;
  torch_normal_units(dst: number, blocks: number, mean: number, std: number, fused: number): void;
  torch_fma(a: number, b: number, c: number, dst: number, n: number): void;
}

export const TORCH_EXPORT_NAMES = [
  "memory", "heap_base", "is_simd", "torch_words", "torch_skip", "torch_uniform", "torch_normal", "torch_normal_units", "torch_fma",
] as const satisfies readonly (keyof TorchExports)[];

export type TorchKernels = Instance<TorchExports>;

/** Bytes of the mt19937 state at the start of the window (624 words, padded to 64). */
export const TORCH_STATE_BYTES = 2560;
/** Values per kernel call: 64 Ki floats (256 KiB, L2-resident), a multiple of 16. */
export const TORCH_WINDOW_ELEMENTS = 1 << 16;

/** The torch module: the state, then the output window. */
export const torch = /* @__PURE__ */ kernelModule<TorchExports>(
  { name: "torch", simd: SIMD_BASE64, scalar: SCALAR_BASE64 }, TORCH_STATE_BYTES + TORCH_WINDOW_ELEMENTS * 4);
