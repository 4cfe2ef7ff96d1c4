// The JS side of the Householder QR kernel (assembly/linalg.ts): lays a matrix out in wasm
// memory as the kernel wants it (column-major, 4-row aligned columns), runs it, reads Q back.

import { linalg as linalgModule, type LinalgKernels as Kernels } from "../wasm/linalg.js";

const PAGE = 65536;
/** Wasm32 memory holds at most 65536 pages (4 GiB). */
const MAX_BYTES = 65536 * PAGE;
/**
 * Matrices needing more memory than this run in a fresh instance that is dropped afterwards, so
 * that the shared instance, whose memory can never shrink, stays within its window + 32 MiB.
 */
const SHARED_LIMIT = 32 << 20;

const linalg = (k: Kernels) => k.exports;

/** Where A, Q and the work area go for an m x n (m >= n) factorization, in bytes. */
function layoutOf(k: Kernels, m: number, n: number) {
  const lda = Math.ceil(m / 4) * 4;
  const a = k.window;
  const q = a + lda * n * 4;
  const work = q + lda * n * 4;
  return { m, n, lda, a, q, work, end: work + linalg(k).householder_work_bytes(n, lda) };
}

/** The factorization's shape: m x n with m >= n (the transpose when rows < cols). */
function factorShape(rows: number, cols: number): [m: number, n: number] {
  return rows >= cols ? [rows, cols] : [cols, rows];
}

/** Whether the orthogonal rows x cols matrix (rows, cols >= 1) fits in wasm32 memory. */
export function orthogonalFits(rows: number, cols: number, k: Kernels = linalgModule.current()): boolean {
  return layoutOf(k, ...factorShape(rows, cols)).end <= MAX_BYTES;
}

/** Bytes of wasm memory the factorization of a rows x cols matrix uses: A, Q and the work area. */
export function orthogonalWorkBytes(rows: number, cols: number, k: Kernels = linalgModule.current()): number {
  const lay = layoutOf(k, ...factorShape(rows, cols));
  return lay.end - lay.a;
}

/**
 * torch's orthogonal matrix of a Gaussian rows x cols matrix `g` (row-major): the QR of g, or
 * of g^T when rows < cols, Q's columns times the signs of diag(R) and `gain`, transposed back
 * when rows < cols. Writes the rows x cols result, row-major, into `out`.
 *
 * @example
 * ```ts no-run
 * // no-run: orthogonalize is internal (not exported); nninit's orthogonal() is the public call
 * const q = new Float32Array(64 * 32);
 * orthogonalize(gaussian, 64, 32, 1, q); // q^T q = I (32 x 32)
 * ```
 */
export function orthogonalize(g: Float32Array, rows: number, cols: number, gain: number, out: Float32Array, k: Kernels = linalgModule.current()): void {
  const tall = rows >= cols;
  const [m, n] = factorShape(rows, cols);
  let lay = layoutOf(k, m, n);
  if (lay.end - lay.a > SHARED_LIMIT) {
    k = linalgModule.instantiate(k.build);
    lay = layoutOf(k, m, n);
  }
  const memory = linalg(k).memory;
  if (memory.buffer.byteLength < lay.end) memory.grow(Math.ceil((lay.end - memory.buffer.byteLength) / PAGE));
  const a = new Float32Array(memory.buffer, lay.a, lay.lda * n);
  const q = new Float32Array(memory.buffer, lay.q, lay.lda * n);

  // A = g (tall) or g^T (wide), column-major: column j of A is column j of g, or row j of g.
  if (m !== lay.lda) a.fill(0);
  if (tall) transpose(g, rows, cols, cols, a, lay.lda);
  else for (let j = 0; j < n; j++) a.set(g.subarray(j * cols, (j + 1) * cols), j * lay.lda);

  linalg(k).householder_q(lay.a, lay.q, lay.work, m, n, lay.lda, gain);

  // out = Q (tall, transposing column-major to row-major) or Q^T (wide: row j is column j).
  if (tall) transpose(q, cols, rows, lay.lda, out, cols);
  else for (let j = 0; j < n; j++) out.set(q.subarray(j * lay.lda, j * lay.lda + cols), j * cols);
}

/** dst[i + j * ldd] = src[i * lds + j] for i < rows, j < cols, in 32 x 32 tiles (cache-friendly). */
function transpose(src: Float32Array, rows: number, cols: number, lds: number, dst: Float32Array, ldd: number): void {
  const TILE = 32;
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) dst[i + j * ldd] = src[i * lds + j];
      }
    }
  }
}
