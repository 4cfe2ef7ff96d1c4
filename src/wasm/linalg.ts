// The linear-algebra kernels (assembly/linalg.ts: the blocked Householder QR behind
// `orthogonal`), a wasm module of their own so that apps that never call `orthogonal` don't
// ship them.

import { SIMD_BASE64, SCALAR_BASE64 } from "./linalg.generated.js";
import { kernelModule, type BaseExports, type Instance } from "./module.js";

/** The raw exports of assembly/linalg.ts (a test compares the two). */
export interface LinalgExports extends BaseExports {
  householder_work_bytes(n: number, lda: number): number;
  householder_q(a: number, q: number, work: number, m: number, n: number, lda: number, gain: number): void;
}

export const LINALG_EXPORT_NAMES = [
  "memory", "heap_base", "is_simd", "householder_work_bytes", "householder_q",
] as const satisfies readonly (keyof LinalgExports)[];

export type LinalgKernels = Instance<LinalgExports>;

/** The QR module; it needs no window (matrices are laid out from the heap base). */
export const linalg = /* @__PURE__ */ kernelModule<LinalgExports>(
  { name: "linalg", simd: SIMD_BASE64, scalar: SCALAR_BASE64 }, 0);
