// The JAX kernels (assembly/jax.entry.ts: threefry2x32 words and JAX's float32 transforms), a
// wasm module of their own that only the `nninit/jax` subpath loads.

import { SIMD_BASE64, SCALAR_BASE64 } from "./jax.generated.js";
import { kernelModule, type BaseExports, type Instance } from "./module.js";

/** The raw exports of assembly/jax.entry.ts (a test compares the two). */
export interface JaxExports extends BaseExports {
  jax_bits(k0: number, k1: number, hi: number, lo: number, dst: number, n: number): void;
  jax_uniform(k0: number, k1: number, hi: number, lo: number, dst: number, n: number, minval: number, range: number): void;
  jax_normal(k0: number, k1: number, hi: number, lo: number, dst: number, n: number): void;
  jax_truncated(k0: number, k1: number, hi: number, lo: number, dst: number, n: number, a: number, range: number, low: number, high: number): void;
  jax_normal_words(dst: number, n: number): void;
  jax_uniform_words(dst: number, n: number, minval: number, range: number): void;
  jax_truncated_words(dst: number, n: number, a: number, range: number, low: number, high: number): void;
  jax_sqrt2_erfinv_words(dst: number, n: number, mode: number): void;
}

export const JAX_EXPORT_NAMES = [
  "memory", "heap_base", "is_simd", "jax_bits", "jax_uniform", "jax_normal", "jax_truncated", "jax_normal_words", "jax_uniform_words", "jax_truncated_words", "jax_sqrt2_erfinv_words",
] as const satisfies readonly (keyof JaxExports)[];

export type JaxKernels = Instance<JaxExports>;

/** Values per kernel call: 64 Ki words (256 KiB, L2-resident). */
export const JAX_WINDOW_ELEMENTS = 1 << 16;

export const jax = /* @__PURE__ */ kernelModule<JaxExports>({ name: "jax", simd: SIMD_BASE64, scalar: SCALAR_BASE64 }, JAX_WINDOW_ELEMENTS * 4);
