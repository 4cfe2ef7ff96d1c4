// Matrix product C = A B in float32, row-major, for the propagation probe (src/probe/): a
// blocked f32x4 kernel and a scalar twin that gives the same bits.
//
// see: Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication", ACM TOMS 34(3),
//      2008 (blocking over k for the cache, a register tile of C kept across the k loop).
// Error: each C[i][j] is the recursive sum over p = 0..k-1 of the rounded products a[i][p] b[p][j],
//      so |C - AB| <= k u |A||B| elementwise to first order (u = 2^-24; Higham, "Accuracy and
//      Stability of Numerical Algorithms", 2nd ed., 3.5).
//
// Bits: every element of C is accumulated from +0 in increasing p, one rounded product then one
// rounded sum per step (no FMA). The SIMD tile computes 4 columns per lane-vector but each lane is
// one element of C with that same order, and blocking over k only stores a partial sum and
// reloads it (exact), so the SIMD build, the scalar build and a plain-JS loop with Math.fround
// agree bit for bit (a test checks it).
//
// Layout: A is m x k with row stride lda, B is k x n with row stride ldb, C is m x n with row
// stride ldc, strides in elements, pointers in bytes; no alignment needed (v128.load is unaligned).

/** Rows of B per block over k: a 256 x NC panel of B (256 KiB at NC = 256) stays in L2. */
const KC: i32 = 256;
/** Columns of C per block: the 4 x NC strip of C a tile row writes stays in L1. */
const NC: i32 = 256;

/** C = A B (m x n = (m x k)(k x n)); k = 0 gives C = 0. */
export function gemm(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, lda: i32, ldb: i32, ldc: i32): void {
  const sa = <usize>lda << 2, sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  if (k == 0) {
    for (let i = 0; i < m; i++) memory.fill(c + <usize>i * sc, 0, <usize>n << 2);
    return;
  }
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = min(p0 + KC, k);
    const first = p0 == 0;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const j1 = min(j0 + NC, n);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        rows4(a + <usize>i * sa, b, c + <usize>i * sc, j0, j1, p0, p1, sa, sb, sc, first);
      }
      for (; i < m; i++) {
        rows1(a + <usize>i * sa, b, c + <usize>i * sc, j0, j1, p0, p1, sb, first);
      }
    }
  }
}

/** Rows i..i+3 of C, columns j0..j1-1, the products p0..p1-1 added to them. */
@inline function rows4(a: usize, b: usize, c: usize, j0: i32, j1: i32, p0: i32, p1: i32,
  sa: usize, sb: usize, sc: usize, first: bool): void {
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 8 <= j1; j += 8) tile4x8(a, b + (<usize>j << 2), c + (<usize>j << 2), p0, p1, sa, sb, sc, first);
    for (; j + 4 <= j1; j += 4) tile4x4(a, b + (<usize>j << 2), c + (<usize>j << 2), p0, p1, sa, sb, sc, first);
  }
  // The scalar build does every column here; the SIMD build only the last n mod 4.
  for (let r: usize = 0; r < 4; r++) {
    scalarRow(a + r * sa, b, c + r * sc, j, j1, p0, p1, sb, first);
  }
}

/** One row of C (the last m mod 4 rows). */
@inline function rows1(a: usize, b: usize, c: usize, j0: i32, j1: i32, p0: i32, p1: i32, sb: usize, first: bool): void {
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= j1; j += 4) {
      const cp = c + (<usize>j << 2);
      let x = first ? f32x4.splat(0) : v128.load(cp);
      let ap = a + (<usize>p0 << 2), bp = b + <usize>p0 * sb + (<usize>j << 2);
      for (let p = p0; p < p1; p++) {
        x = f32x4.add(x, f32x4.mul(f32x4.splat(load<f32>(ap)), v128.load(bp)));
        ap += 4; bp += sb;
      }
      v128.store(cp, x);
    }
  }
  scalarRow(a, b, c, j, j1, p0, p1, sb, first);
}

/**
 * The scalar twin: C[j] (+)= sum_p a[p] B[p][j] for j in [j0, j1), p in [p0, p1), each element
 * from +0 (first block) or its stored partial sum, p increasing: the SIMD tiles' order.
 * Walks p outside j (an axpy per p) so B is read along rows.
 */
function scalarRow(a: usize, b: usize, c: usize, j0: i32, j1: i32, p0: i32, p1: i32, sb: usize, first: bool): void {
  if (j0 >= j1) return;
  const c0 = c + (<usize>j0 << 2), c1 = c + (<usize>j1 << 2);
  if (first) memory.fill(c0, 0, c1 - c0);
  let ap = a + (<usize>p0 << 2), bp = b + <usize>p0 * sb + (<usize>j0 << 2);
  for (let p = p0; p < p1; p++) {
    const s = load<f32>(ap);
    let q = bp;
    for (let cp = c0; cp < c1; cp += 4) {
      store<f32>(cp, load<f32>(cp) + s * load<f32>(q));
      q += 4;
    }
    ap += 4; bp += sb;
  }
}

/** A 4 x 8 tile of C in 8 registers across the whole k block: 2 loads of B and 4 of A per 32 products. */
@inline function tile4x8(a: usize, b: usize, c: usize, p0: i32, p1: i32, sa: usize, sb: usize, sc: usize, first: bool): void {
  const z = f32x4.splat(0);
  const c1 = c + sc, c2 = c1 + sc, c3 = c2 + sc;
  let x00 = first ? z : v128.load(c), x01 = first ? z : v128.load(c, 16);
  let x10 = first ? z : v128.load(c1), x11 = first ? z : v128.load(c1, 16);
  let x20 = first ? z : v128.load(c2), x21 = first ? z : v128.load(c2, 16);
  let x30 = first ? z : v128.load(c3), x31 = first ? z : v128.load(c3, 16);
  let ap = a + (<usize>p0 << 2), bp = b + <usize>p0 * sb;
  for (let p = p0; p < p1; p++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let s = f32x4.splat(load<f32>(ap));
    x00 = f32x4.add(x00, f32x4.mul(s, b0)); x01 = f32x4.add(x01, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(ap + sa));
    x10 = f32x4.add(x10, f32x4.mul(s, b0)); x11 = f32x4.add(x11, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(ap + 2 * sa));
    x20 = f32x4.add(x20, f32x4.mul(s, b0)); x21 = f32x4.add(x21, f32x4.mul(s, b1));
    s = f32x4.splat(load<f32>(ap + 3 * sa));
    x30 = f32x4.add(x30, f32x4.mul(s, b0)); x31 = f32x4.add(x31, f32x4.mul(s, b1));
    ap += 4; bp += sb;
  }
  v128.store(c, x00); v128.store(c, x01, 16);
  v128.store(c1, x10); v128.store(c1, x11, 16);
  v128.store(c2, x20); v128.store(c2, x21, 16);
  v128.store(c3, x30); v128.store(c3, x31, 16);
}

/** A 4 x 4 tile (when 4 columns remain before the scalar tail). */
@inline function tile4x4(a: usize, b: usize, c: usize, p0: i32, p1: i32, sa: usize, sb: usize, sc: usize, first: bool): void {
  const z = f32x4.splat(0);
  const c1 = c + sc, c2 = c1 + sc, c3 = c2 + sc;
  let x0 = first ? z : v128.load(c), x1 = first ? z : v128.load(c1);
  let x2 = first ? z : v128.load(c2), x3 = first ? z : v128.load(c3);
  let ap = a + (<usize>p0 << 2), bp = b + <usize>p0 * sb;
  for (let p = p0; p < p1; p++) {
    const b0 = v128.load(bp);
    x0 = f32x4.add(x0, f32x4.mul(f32x4.splat(load<f32>(ap)), b0));
    x1 = f32x4.add(x1, f32x4.mul(f32x4.splat(load<f32>(ap + sa)), b0));
    x2 = f32x4.add(x2, f32x4.mul(f32x4.splat(load<f32>(ap + 2 * sa)), b0));
    x3 = f32x4.add(x3, f32x4.mul(f32x4.splat(load<f32>(ap + 3 * sa)), b0));
    ap += 4; bp += sb;
  }
  v128.store(c, x0); v128.store(c1, x1); v128.store(c2, x2); v128.store(c3, x3);
}
