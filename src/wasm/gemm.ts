// The matrix-product kernel (assembly/gemm.ts: a blocked f32x4 GEMM and its scalar twin), a wasm
// module of its own so that apps that never call `probe` don't ship it.

import { SIMD_BASE64, SCALAR_BASE64 } from "./gemm.generated.js";
import { kernelModule, type BaseExports, type Instance } from "./module.js";

/** The raw exports of assembly/gemm.entry.ts (a test compares the two). */
export interface GemmExports extends BaseExports {
  /** C = A B, row-major, strides in elements, pointers in bytes. */
  gemm(a: number, b: number, c: number, m: number, n: number, k: number, lda: number, ldb: number, ldc: number): void;
}

export const GEMM_EXPORT_NAMES = [
  "memory", "heap_base", "is_simd", "gemm",
] as const satisfies readonly (keyof GemmExports)[];

export type GemmKernels = Instance<GemmExports>;

/** The GEMM module; it needs no window (matrices are laid out from the heap base). */
export const gemmModule = /* @__PURE__ */ kernelModule<GemmExports>(
  { name: "gemm", simd: SIMD_BASE64, scalar: SCALAR_BASE64 }, 0);
