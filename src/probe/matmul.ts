// Matrix products for the probe through the gemm wasm module (assembly/gemm.ts), and the plain-JS
// loops it is checked and benchmarked against.

import { gemmModule, type GemmKernels } from "../wasm/gemm.js";

/**
 * C = A B for row-major float32 matrices, A m x k, B k x n, in the gemm module (`kernels` defaults
 * to the shared instance of the package-wide build). Bits equal {@link matmulReference}'s.
 */
export function matmul(a: Float32Array, b: Float32Array, m: number, n: number, k: number,
  out: Float32Array = new Float32Array(m * n), kernels: GemmKernels = gemmModule.current()): Float32Array {
  const base = kernels.exports.heap_base();
  const aAt = base, bAt = align16(aAt + m * k * 4), cAt = align16(bAt + k * n * 4);
  kernels.ensureBytes(cAt + m * n * 4);
  const buffer = kernels.exports.memory.buffer;
  new Float32Array(buffer, aAt, m * k).set(a.subarray(0, m * k));
  new Float32Array(buffer, bAt, k * n).set(b.subarray(0, k * n));
  kernels.exports.gemm(aAt, bAt, cAt, m, n, k, k, n, n);
  out.set(new Float32Array(kernels.exports.memory.buffer, cAt, m * n));
  return out;
}

function align16(x: number): number {
  return (x + 15) & ~15;
}

/**
 * The same product in plain JS with the kernel's float32 rounding and order (each element summed
 * from +0 in increasing p, every product and sum rounded): the bitwise reference.
 */
export function matmulReference(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(a[i * k + p]! * b[p * n + j]!));
      c[i * n + j] = s;
    }
  }
  return c;
}

/** The transpose of a row-major rows x cols matrix. */
export function transpose(a: Float32Array, rows: number, cols: number, out = new Float32Array(rows * cols)): Float32Array {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  }
  return out;
}
