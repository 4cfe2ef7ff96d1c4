// Orthogonal matrices: the Q factor of a Householder QR, with the signs of diag(R), times a gain.
//
// see: Golub & Van Loan, "Matrix Computations" (4th ed., 2013), 5.1.2 (Householder vectors),
//      5.2.2 (Householder QR), 5.1.7 and 5.2.3 (block representation, compact WY: a product of
//      Householder reflections H_1 ... H_k = I - V T V^T with T upper triangular, Schreiber &
//      Van Loan 1989). Conventions follow LAPACK sgeqrf / slarfg / slarft / slarfb / sorgqr:
//      beta = -sign(alpha) ||x||, tau = (beta - alpha) / beta, v = [1, x(2:) / (alpha - beta)].
// Error: ||Q^T Q - I|| <= c m n u with u = 2^-24 (Higham, "Accuracy and Stability of Numerical
//      Algorithms", 2nd ed., Thm 19.4) with recursive summation, whose m comes from the length
//      of the dot products. Here every reduction over rows is blocked and compensated (below), so
//      that its error is about (SUM_BLOCK / 4 + 2) u of the sum of |terms| whatever m is; the
//      tests check max |Q^T Q - I| <= 1e-5 on vectors of 2^24 and on [2^20, 4].
// see: Higham, ch. 4.3 (blocked summation) and 4.3/4.4 (compensated summation); Knuth, TAOCP
//      vol. 2, 4.2.2 (TwoSum: the exact rounding error of a float sum in 6 operations).
//
// Matrices are column-major with a leading dimension lda that is a multiple of 4; every column
// starts 16-byte aligned and rows m..lda-1 hold zeros. The factorization walks panels of NB
// columns: a panel is factored column by column (BLAS-2 work on NB columns, which stay in
// cache) and the columns to its right get the whole panel at once through three matrix
// products (BLAS-3): W = V^T C, W = T^T W, C = C - V W. Q is then accumulated backwards from
// the identity with the same three products (W = V^T Q, W = T W, Q = Q - V W).
//
// Bits: each SIMD loop has a scalar twin beside it that performs the same f32 operations in the
// same order, so both builds give identical Q. Two patterns cover every loop:
//  - reductions over rows (dot products, sums of squares) keep 4 lanes, lane l summing rows
//    i = l (mod 4) from an aligned start row. The rows go in blocks of SUM_BLOCK counted from that
//    start row: a block is summed from +0, then added to the lane's running total by TwoSum, its
//    rounding error kept in a compensation term; a lane's result is total + compensation, and
//    the lanes are combined as (l0 + l1) + (l2 + l3);
//  - sums over a panel column index p accumulate from +0 in increasing p.
// Rows between the aligned start and the first row a reflector touches hold zeros in V, so the
// loops run over whole 4-row groups without masks (the sum of squares, which reads A itself,
// masks its first group). No FMA: a * b + c is always a rounded product, then a rounded sum.

/** Panel width: 32 columns of V (128 KiB at lda = 1024) stay in L2 during the panel's update. */
const NB: i32 = 32;

/**
 * Rows per block of a reduction (64 per lane): each block's plain f32 sum has an error of at
 * most about 64 u of its terms' magnitudes, and the compensated total adds about 2 u.
 */
const SUM_BLOCK: i32 = 256;
const SUM_BLOCK_BYTES: usize = <usize>SUM_BLOCK << 2;

/** Totals and compensations of projectColumns' 8 accumulators, kept here between blocks. */
const TILE_TOTALS = memory.data(8 * 32, 16);

/**
 * Masks keeping lanes >= r of the first group of a reduction, for r = 0..3 (rows before the
 * reduction's start row contribute +0, as in the scalar twin).
 */
const HEAD_MASKS = memory.data<i32>([
  -1, -1, -1, -1,
  0, -1, -1, -1,
  0, 0, -1, -1,
  0, 0, 0, -1,
], 16);

const ZERO4 = memory.data<f32>([0.0, 0.0, 0.0, 0.0], 16);

// @ts-ignore: decorator
@inline function column(base: usize, ld: i32, j: i32): usize {
  return base + ((<usize>j * <usize>ld) << 2);
}

/**
 * Adds a block sum `x` to the running total at `at` (16 bytes) with its compensation at `at + 16`:
 * s = t + x, and the exact error of that sum, (t - (s - b)) + (x - b) with b = s - t (TwoSum),
 * goes into the compensation. Lane by lane, the same operations as twoSumF32.
 */
// @ts-ignore: decorator
@inline function twoSumV(at: usize, x: v128): void {
  let t = v128.load(at);
  let s = f32x4.add(t, x);
  let b = f32x4.sub(s, t);
  let e = f32x4.add(f32x4.sub(t, f32x4.sub(s, b)), f32x4.sub(x, b));
  v128.store(at, s);
  v128.store(at, f32x4.add(v128.load(at, 16), e), 16);
}

/** twoSumV for one lane: total at `at`, compensation at `at + 16`. */
// @ts-ignore: decorator
@inline function twoSumF32(at: usize, x: f32): void {
  let t = load<f32>(at);
  let s = t + x;
  let b = s - t;
  let e = (t - (s - b)) + (x - b);
  store<f32>(at, s);
  store<f32>(at, load<f32>(at, 16) + e, 16);
}

/** A compensated total (4 lanes at `at`, compensations at `at + 16`) as one f32. */
// @ts-ignore: decorator
@inline function compensatedResult(at: usize): f32 {
  if (ASC_FEATURE_SIMD) {
    return hsum(f32x4.add(v128.load(at), v128.load(at, 16)));
  } else {
    return ((load<f32>(at) + load<f32>(at, 16)) + (load<f32>(at, 4) + load<f32>(at, 20))) +
      ((load<f32>(at, 8) + load<f32>(at, 24)) + (load<f32>(at, 12) + load<f32>(at, 28)));
  }
}

/** Scratch for the compensated totals of dot and sumSquaresFrom (32 bytes). */
const TOTALS = memory.data(32, 16);

// @ts-ignore: decorator
@inline function clearTotals(at: usize): void {
  memory.fill(at, 0, 32);
}

/** Lanes combined as (l0 + l1) + (l2 + l3), the order the scalar twins use. */
// @ts-ignore: decorator
@inline function hsum(acc: v128): f32 {
  return (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) +
    (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
}

// ---------------------------------------------------------------------------------------------
// Vector kernels (BLAS-1)

/**
 * Sum of col[i]^2 over rows [from, end), end a multiple of 4; blocked and compensated, blocks
 * counted from the aligned row from & ~3.
 */
function sumSquaresFrom(col: usize, from: i32, end: i32): f32 {
  let start = from & ~3;
  if (start >= end) return 0;
  let p = col + (<usize>start << 2);
  let stop = col + (<usize>end << 2);
  clearTotals(TOTALS);
  if (ASC_FEATURE_SIMD) {
    // Lane layout: lane l sums rows start + l, start + l + 4, ...; in the first group the lanes
    // of rows before `from` are masked to +0.
    let x = v128.load(p);
    let acc = v128.and(f32x4.mul(x, x), v128.load(HEAD_MASKS + (<usize>(from & 3) << 4)));
    p += 16;
    for (let block = col + (<usize>start << 2); ; ) {
      let blockStop = min(block + SUM_BLOCK_BYTES, stop);
      for (; p < blockStop; p += 16) {
        x = v128.load(p);
        acc = f32x4.add(acc, f32x4.mul(x, x));
      }
      twoSumV(TOTALS, acc);
      if (p >= stop) break;
      block = blockStop;
      acc = v128.load(ZERO4);
    }
  } else {
    let skip = from & 3;
    let x0 = load<f32>(p), x1 = load<f32>(p, 4), x2 = load<f32>(p, 8), x3 = load<f32>(p, 12);
    let s0: f32 = skip > 0 ? 0 : x0 * x0;
    let s1: f32 = skip > 1 ? 0 : x1 * x1;
    let s2: f32 = skip > 2 ? 0 : x2 * x2;
    let s3: f32 = x3 * x3;
    p += 16;
    for (let block = col + (<usize>start << 2); ; ) {
      let blockStop = min(block + SUM_BLOCK_BYTES, stop);
      for (; p < blockStop; p += 16) {
        x0 = load<f32>(p); x1 = load<f32>(p, 4); x2 = load<f32>(p, 8); x3 = load<f32>(p, 12);
        s0 += x0 * x0; s1 += x1 * x1; s2 += x2 * x2; s3 += x3 * x3;
      }
      twoSumF32(TOTALS, s0); twoSumF32(TOTALS + 4, s1); twoSumF32(TOTALS + 8, s2); twoSumF32(TOTALS + 12, s3);
      if (p >= stop) break;
      block = blockStop;
      s0 = 0; s1 = 0; s2 = 0; s3 = 0;
    }
  }
  return compensatedResult(TOTALS);
}

/** Sum of a[i] b[i] over rows [start, end), both multiples of 4; blocked and compensated. */
function dot(a: usize, b: usize, start: i32, end: i32): f32 {
  let off = <usize>start << 2, stop = <usize>end << 2;
  clearTotals(TOTALS);
  if (ASC_FEATURE_SIMD) {
    // Lane layout: lane l sums rows start + l, start + l + 4, ...
    while (off < stop) {
      let blockStop = min(off + SUM_BLOCK_BYTES, stop);
      let acc = v128.load(ZERO4);
      for (; off < blockStop; off += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + off), v128.load(b + off)));
      twoSumV(TOTALS, acc);
    }
  } else {
    while (off < stop) {
      let blockStop = min(off + SUM_BLOCK_BYTES, stop);
      let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
      for (; off < blockStop; off += 16) {
        let p = a + off, q = b + off;
        s0 += load<f32>(p) * load<f32>(q);
        s1 += load<f32>(p, 4) * load<f32>(q, 4);
        s2 += load<f32>(p, 8) * load<f32>(q, 8);
        s3 += load<f32>(p, 12) * load<f32>(q, 12);
      }
      twoSumF32(TOTALS, s0); twoSumF32(TOTALS + 4, s1); twoSumF32(TOTALS + 8, s2); twoSumF32(TOTALS + 12, s3);
    }
  }
  return compensatedResult(TOTALS);
}

/** c[i] = c[i] - t v[i] over rows [start, end), both multiples of 4. */
function subScaled(c: usize, v: usize, t: f32, start: i32, end: i32): void {
  let off = <usize>start << 2, stop = <usize>end << 2;
  if (ASC_FEATURE_SIMD) {
    let tv = f32x4.splat(t);
    for (; off < stop; off += 16) {
      v128.store(c + off, f32x4.sub(v128.load(c + off), f32x4.mul(tv, v128.load(v + off))));
    }
  } else {
    for (; off < stop; off += 4) store<f32>(c + off, load<f32>(c + off) - t * load<f32>(v + off));
  }
}

// ---------------------------------------------------------------------------------------------
// Panel kernels (BLAS-3). V holds kp columns (kp a multiple of 4) with leading dimension lda;
// W and W2 hold one column of NB values per column of C.

/** W[p, c] = dot(V[:, p], C[:, c]) over rows [r0, end), for p < kp and c < nc. */
function projectColumns(v: usize, c: usize, w: usize, lda: i32, r0: i32, end: i32, kp: i32, nc: i32): void {
  let stride = <usize>lda << 2;
  let first = <usize>r0 << 2, last = <usize>end << 2;
  if (ASC_FEATURE_SIMD) {
    // Tile: 4 columns of V by 2 columns of C, 8 accumulators. Lane layout of each accumulator
    // as in dot(): lane l sums rows r0 + l, r0 + l + 4, ...
    let cc = 0;
    for (; cc + 2 <= nc; cc += 2) {
      let c0 = column(c, lda, cc), c1 = c0 + stride;
      let w0 = w + (<usize>(cc * NB) << 2), w1 = w0 + (<usize>NB << 2);
      for (let p = 0; p < kp; p += 4) {
        let v0 = column(v, lda, p), v1 = v0 + stride, v2 = v1 + stride, v3 = v2 + stride;
        // Row blocks as in dot(); the 8 totals and compensations wait in TILE_TOTALS.
        memory.fill(TILE_TOTALS, 0, 8 * 32);
        for (let off = first; off < last; ) {
          let blockStop = min(off + SUM_BLOCK_BYTES, last);
          let a00 = v128.load(ZERO4), a10 = a00, a20 = a00, a30 = a00;
          let a01 = a00, a11 = a00, a21 = a00, a31 = a00;
          for (; off < blockStop; off += 16) {
            let x0 = v128.load(c0 + off), x1 = v128.load(c1 + off);
            let y0 = v128.load(v0 + off), y1 = v128.load(v1 + off);
            let y2 = v128.load(v2 + off), y3 = v128.load(v3 + off);
            a00 = f32x4.add(a00, f32x4.mul(y0, x0)); a01 = f32x4.add(a01, f32x4.mul(y0, x1));
            a10 = f32x4.add(a10, f32x4.mul(y1, x0)); a11 = f32x4.add(a11, f32x4.mul(y1, x1));
            a20 = f32x4.add(a20, f32x4.mul(y2, x0)); a21 = f32x4.add(a21, f32x4.mul(y2, x1));
            a30 = f32x4.add(a30, f32x4.mul(y3, x0)); a31 = f32x4.add(a31, f32x4.mul(y3, x1));
          }
          twoSumV(TILE_TOTALS, a00); twoSumV(TILE_TOTALS + 32, a10);
          twoSumV(TILE_TOTALS + 64, a20); twoSumV(TILE_TOTALS + 96, a30);
          twoSumV(TILE_TOTALS + 128, a01); twoSumV(TILE_TOTALS + 160, a11);
          twoSumV(TILE_TOTALS + 192, a21); twoSumV(TILE_TOTALS + 224, a31);
        }
        let o = <usize>p << 2;
        store<f32>(w0 + o, compensatedResult(TILE_TOTALS)); store<f32>(w0 + o, compensatedResult(TILE_TOTALS + 32), 4);
        store<f32>(w0 + o, compensatedResult(TILE_TOTALS + 64), 8); store<f32>(w0 + o, compensatedResult(TILE_TOTALS + 96), 12);
        store<f32>(w1 + o, compensatedResult(TILE_TOTALS + 128)); store<f32>(w1 + o, compensatedResult(TILE_TOTALS + 160), 4);
        store<f32>(w1 + o, compensatedResult(TILE_TOTALS + 192), 8); store<f32>(w1 + o, compensatedResult(TILE_TOTALS + 224), 12);
      }
    }
    if (cc < nc) {
      let c0 = column(c, lda, cc);
      let w0 = w + (<usize>(cc * NB) << 2);
      for (let p = 0; p < kp; p++) store<f32>(w0 + (<usize>p << 2), dot(column(v, lda, p), c0, r0, end));
    }
  } else {
    for (let cc = 0; cc < nc; cc++) {
      let c0 = column(c, lda, cc);
      let w0 = w + (<usize>(cc * NB) << 2);
      for (let p = 0; p < kp; p++) store<f32>(w0 + (<usize>p << 2), dot(column(v, lda, p), c0, r0, end));
    }
  }
}

/**
 * W2[:, c] = M W[:, c] for c < nc, M a kp x kp matrix stored column-major with leading
 * dimension NB; W2[p, c] sums M[p, l] W[l, c] from +0 in increasing l.
 */
function multiplySmall(m: usize, w: usize, w2: usize, kp: i32, nc: i32): void {
  let ldm = <usize>NB << 2;
  for (let cc = 0; cc < nc; cc++) {
    let wc = w + (<usize>(cc * NB) << 2), oc = w2 + (<usize>(cc * NB) << 2);
    if (ASC_FEATURE_SIMD) {
      // Lane layout: lane q of the accumulator is output row pv + q.
      for (let pv = 0; pv < kp; pv += 4) {
        let acc = v128.load(ZERO4);
        let mp = m + (<usize>pv << 2);
        for (let l = 0; l < kp; l++, mp += ldm) {
          acc = f32x4.add(acc, f32x4.mul(v128.load(mp), v128.load32_splat(wc + (<usize>l << 2))));
        }
        v128.store(oc + (<usize>pv << 2), acc);
      }
    } else {
      for (let p = 0; p < kp; p++) {
        let acc: f32 = 0;
        let mp = m + (<usize>p << 2);
        for (let l = 0; l < kp; l++, mp += ldm) acc += load<f32>(mp) * load<f32>(wc + (<usize>l << 2));
        store<f32>(oc + (<usize>p << 2), acc);
      }
    }
  }
}

/**
 * C[i, c] = C[i, c] - sum_p V[i, p] W2[p, c] over rows [r0, end) and c < nc; the sum runs from
 * +0 in increasing p, then is subtracted once. `sums` has room for a column (scalar twin only).
 */
function subtractProduct(v: usize, w2: usize, c: usize, lda: i32, r0: i32, end: i32, kp: i32, nc: i32, sums: usize): void {
  let stride = <usize>lda << 2;
  let wstride = <usize>NB << 2;
  let first = <usize>r0 << 2, last = <usize>end << 2;
  if (ASC_FEATURE_SIMD) {
    // Tile: 8 rows (two vectors, lanes = rows i..i+3 and i+4..i+7) by 4 columns of C, with
    // W2[p, c] splatted across the lanes.
    let cc = 0;
    for (; cc + 4 <= nc; cc += 4) {
      let c0 = column(c, lda, cc), c1 = c0 + stride, c2 = c1 + stride, c3 = c2 + stride;
      let wc = w2 + (<usize>(cc * NB) << 2);
      let off = first;
      for (; off + 32 <= last; off += 32) {
        let a00 = v128.load(ZERO4), a01 = a00, a02 = a00, a03 = a00;
        let a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        let vp = v + off;
        let wp = wc;
        for (let p = 0; p < kp; p++, vp += stride, wp += 4) {
          let y0 = v128.load(vp), y1 = v128.load(vp, 16);
          let s0 = v128.load32_splat(wp), s1 = v128.load32_splat(wp + wstride);
          let s2 = v128.load32_splat(wp + 2 * wstride), s3 = v128.load32_splat(wp + 3 * wstride);
          a00 = f32x4.add(a00, f32x4.mul(y0, s0)); a10 = f32x4.add(a10, f32x4.mul(y1, s0));
          a01 = f32x4.add(a01, f32x4.mul(y0, s1)); a11 = f32x4.add(a11, f32x4.mul(y1, s1));
          a02 = f32x4.add(a02, f32x4.mul(y0, s2)); a12 = f32x4.add(a12, f32x4.mul(y1, s2));
          a03 = f32x4.add(a03, f32x4.mul(y0, s3)); a13 = f32x4.add(a13, f32x4.mul(y1, s3));
        }
        v128.store(c0 + off, f32x4.sub(v128.load(c0 + off), a00));
        v128.store(c0 + off, f32x4.sub(v128.load(c0 + off, 16), a10), 16);
        v128.store(c1 + off, f32x4.sub(v128.load(c1 + off), a01));
        v128.store(c1 + off, f32x4.sub(v128.load(c1 + off, 16), a11), 16);
        v128.store(c2 + off, f32x4.sub(v128.load(c2 + off), a02));
        v128.store(c2 + off, f32x4.sub(v128.load(c2 + off, 16), a12), 16);
        v128.store(c3 + off, f32x4.sub(v128.load(c3 + off), a03));
        v128.store(c3 + off, f32x4.sub(v128.load(c3 + off, 16), a13), 16);
      }
      if (off < last) {
        let a0 = v128.load(ZERO4), a1 = a0, a2 = a0, a3 = a0;
        let vp = v + off;
        let wp = wc;
        for (let p = 0; p < kp; p++, vp += stride, wp += 4) {
          let y = v128.load(vp);
          a0 = f32x4.add(a0, f32x4.mul(y, v128.load32_splat(wp)));
          a1 = f32x4.add(a1, f32x4.mul(y, v128.load32_splat(wp + wstride)));
          a2 = f32x4.add(a2, f32x4.mul(y, v128.load32_splat(wp + 2 * wstride)));
          a3 = f32x4.add(a3, f32x4.mul(y, v128.load32_splat(wp + 3 * wstride)));
        }
        v128.store(c0 + off, f32x4.sub(v128.load(c0 + off), a0));
        v128.store(c1 + off, f32x4.sub(v128.load(c1 + off), a1));
        v128.store(c2 + off, f32x4.sub(v128.load(c2 + off), a2));
        v128.store(c3 + off, f32x4.sub(v128.load(c3 + off), a3));
      }
    }
    for (; cc < nc; cc++) {
      let c0 = column(c, lda, cc);
      let wc = w2 + (<usize>(cc * NB) << 2);
      for (let off = first; off < last; off += 16) {
        let acc = v128.load(ZERO4);
        let vp = v + off;
        for (let p = 0; p < kp; p++, vp += stride) {
          acc = f32x4.add(acc, f32x4.mul(v128.load(vp), v128.load32_splat(wc + (<usize>p << 2))));
        }
        v128.store(c0 + off, f32x4.sub(v128.load(c0 + off), acc));
      }
    }
  } else {
    // The same sums, kept in `sums` so that the loops walk V column by column (2x faster at
    // 1024^2 than striding across V for every element); a float stored and reloaded is
    // unchanged, so each sum sees the same operations in the same order as a SIMD accumulator.
    for (let cc = 0; cc < nc; cc++) {
      let c0 = column(c, lda, cc);
      let wc = w2 + (<usize>(cc * NB) << 2);
      memory.fill(sums + first, 0, last - first);
      let vp = v;
      for (let p = 0; p < kp; p++, vp += stride) {
        let wp = load<f32>(wc + (<usize>p << 2));
        for (let off = first; off < last; off += 4) store<f32>(sums + off, load<f32>(sums + off) + load<f32>(vp + off) * wp);
      }
      for (let off = first; off < last; off += 4) store<f32>(c0 + off, load<f32>(c0 + off) - load<f32>(sums + off));
    }
  }
}

/** col[i] *= f over rows [0, end), end a multiple of 4. */
function scaleColumn(col: usize, f: f32, end: i32): void {
  let stop = <usize>end << 2;
  if (ASC_FEATURE_SIMD) {
    let fv = f32x4.splat(f);
    for (let off: usize = 0; off < stop; off += 16) v128.store(col + off, f32x4.mul(v128.load(col + off), fv));
  } else {
    for (let off: usize = 0; off < stop; off += 4) store<f32>(col + off, load<f32>(col + off) * f);
  }
}

// ---------------------------------------------------------------------------------------------
// The factorization and the accumulation of Q

/**
 * Work area layout, in bytes from `work`; every part 16-byte aligned. Computed in u64 so that
 * householder_work_bytes reports sizes past 4 GiB truthfully (the JS side then refuses them).
 */
// @ts-ignore: decorator
@inline function panelWidth(n: i32): i32 { return min(NB, (n + 3) & ~3); }
/**
 * V holds one panel: lda rows by panelWidth(n) columns (at most NB, and only as many as n needs,
 * so a thin matrix's work area is O(m n), not O(m NB)).
 */
// @ts-ignore: decorator
@inline function wOffset(n: i32, lda: i32): u64 { return <u64>lda * <u64>panelWidth(n) * 4; }
// @ts-ignore: decorator
@inline function w2Offset(n: i32, lda: i32): u64 { return wOffset(n, lda) + <u64>n * NB * 4; }
// @ts-ignore: decorator
@inline function tOffset(n: i32, lda: i32): u64 { return w2Offset(n, lda) + <u64>n * NB * 4; }
// @ts-ignore: decorator
@inline function panelsOf(n: i32): i32 { return (n + NB - 1) / NB; }
// @ts-ignore: decorator
@inline function mOffset(n: i32, lda: i32): u64 { return tOffset(n, lda) + <u64>panelsOf(n) * NB * NB * 4; }
// @ts-ignore: decorator
@inline function betaOffset(n: i32, lda: i32): u64 { return mOffset(n, lda) + <u64>NB * NB * 4; }
// @ts-ignore: decorator
@inline function tauOffset(n: i32, lda: i32): u64 { return betaOffset(n, lda) + (<u64>((n + 3) & ~3) << 2); }
// @ts-ignore: decorator
@inline function zOffset(n: i32, lda: i32): u64 { return tauOffset(n, lda) + (<u64>((n + 3) & ~3) << 2); }
// @ts-ignore: decorator
@inline function sumsOffset(n: i32, lda: i32): u64 { return zOffset(n, lda) + (<u64>NB << 2); }

/** Bytes of work area that householder_q needs for n columns and leading dimension lda. */
export function householder_work_bytes(n: i32, lda: i32): f64 {
  return <f64>(sumsOffset(n, lda) + (<u64>lda << 2));
}

/**
 * Copies reflectors k0 .. k0 + kb - 1 from below the diagonal of A into V (lda x NB): column p
 * is zero above row k0 + p, 1 on it, the stored v below; columns kb .. pw - 1 are zero.
 */
function loadPanel(a: usize, v: usize, m: i32, lda: i32, k0: i32, kb: i32, pw: i32): void {
  memory.fill(v, 0, <usize>lda * pw * 4);
  for (let p = 0; p < kb; p++) {
    let j = k0 + p;
    let src = column(a, lda, j), dst = column(v, lda, p);
    store<f32>(dst + (<usize>j << 2), 1.0);
    memory.copy(dst + (<usize>(j + 1) << 2), src + (<usize>(j + 1) << 2), <usize>(m - j - 1) << 2);
  }
}

/**
 * Overwrites the m x n matrix A with R and its reflectors and writes into Q the m x n matrix
 * Q diag(sign(diag R)) * gain, where A = Q R is the Householder QR. Both matrices are
 * column-major with leading dimension lda (a multiple of 4, rows m..lda-1 zero), m >= n >= 1.
 * `work` must hold householder_work_bytes(n, lda) bytes.
 */
export function householder_q(a: usize, q: usize, work: usize, m: i32, n: i32, lda: i32, gain: f32): void {
  let v = work;
  let pw = panelWidth(n);
  let w = work + <usize>wOffset(n, lda);
  let w2 = work + <usize>w2Offset(n, lda);
  let ts = work + <usize>tOffset(n, lda);
  let mt = work + <usize>mOffset(n, lda);
  let betas = work + <usize>betaOffset(n, lda);
  let taus = work + <usize>tauOffset(n, lda);
  let z = work + <usize>zOffset(n, lda);
  let sums = work + <usize>sumsOffset(n, lda);
  let panelBytes = <usize>NB * NB * 4;

  // Factor A = H_1 ... H_n R, a panel at a time.
  for (let k0 = 0, panel = 0; k0 < n; k0 += NB, panel++) {
    let kb = min(NB, n - k0);
    let kp = (kb + 3) & ~3;
    let r0 = k0 & ~3;
    memory.fill(v, 0, <usize>lda * pw * 4);
    for (let p = 0; p < kb; p++) {
      let j = k0 + p;
      let col = column(a, lda, j), vcol = column(v, lda, p);
      let alpha = load<f32>(col + (<usize>j << 2));
      let xnorm2 = sumSquaresFrom(col, j + 1, lda);
      let tau: f32 = 0, beta = alpha;
      if (xnorm2 > 0) {
        let norm = sqrt<f32>(alpha * alpha + xnorm2);
        beta = alpha >= 0 ? -norm : norm;
        tau = (beta - alpha) / beta;
        let scale = <f32>1.0 / (alpha - beta);
        for (let i = j + 1; i < m; i++) {
          let x = load<f32>(col + (<usize>i << 2)) * scale;
          store<f32>(col + (<usize>i << 2), x);
          store<f32>(vcol + (<usize>i << 2), x);
        }
      }
      store<f32>(vcol + (<usize>j << 2), 1.0);
      store<f32>(col + (<usize>j << 2), beta);
      store<f32>(betas + (<usize>j << 2), beta);
      store<f32>(taus + (<usize>j << 2), tau);
      // Apply H_j = I - tau v v^T to the panel's later columns.
      let rj = j & ~3;
      for (let c = j + 1; c < k0 + kb; c++) {
        let ccol = column(a, lda, c);
        subScaled(ccol, vcol, tau * dot(vcol, ccol, rj, lda), rj, lda);
      }
    }

    // T of the panel (slarft, forward, columnwise): T[0:p, p] = -tau_p T[0:p, 0:p] V^T v_p.
    let t = ts + <usize>panel * panelBytes;
    memory.fill(t, 0, panelBytes);
    for (let p = 0; p < kb; p++) {
      let tau = load<f32>(taus + (<usize>(k0 + p) << 2));
      let vcol = column(v, lda, p);
      for (let i = 0; i < p; i++) store<f32>(z + (<usize>i << 2), dot(column(v, lda, i), vcol, r0, lda));
      for (let i = 0; i < p; i++) {
        let s: f32 = 0;
        for (let l = i; l < p; l++) s += load<f32>(t + (<usize>(l * NB + i) << 2)) * load<f32>(z + (<usize>l << 2));
        store<f32>(t + (<usize>(p * NB + i) << 2), -tau * s);
      }
      store<f32>(t + (<usize>(p * NB + p) << 2), tau);
    }

    // The columns right of the panel: C = (I - V T^T V^T) C.
    let nc = n - k0 - kb;
    if (nc > 0) {
      for (let l = 0; l < NB; l++) {
        for (let p = 0; p < NB; p++) store<f32>(mt + (<usize>(l * NB + p) << 2), load<f32>(t + (<usize>(p * NB + l) << 2)));
      }
      let cblock = column(a, lda, k0 + kb);
      projectColumns(v, cblock, w, lda, r0, lda, kp, nc);
      multiplySmall(mt, w, w2, kp, nc);
      subtractProduct(v, w2, cblock, lda, r0, lda, kp, nc, sums);
    }
  }

  // Q = H_1 ... H_n I[:, 0:n], panels applied last to first; panel k only touches rows and
  // columns from k0 on, since the columns before k0 are still those of the identity there.
  memory.fill(q, 0, <usize>lda * n * 4);
  for (let j = 0; j < n; j++) store<f32>(column(q, lda, j) + (<usize>j << 2), 1.0);
  for (let panel = panelsOf(n) - 1; panel >= 0; panel--) {
    let k0 = panel * NB;
    let kb = min(NB, n - k0);
    let kp = (kb + 3) & ~3;
    let r0 = k0 & ~3;
    let nc = n - k0;
    loadPanel(a, v, m, lda, k0, kb, pw);
    let cblock = column(q, lda, k0);
    projectColumns(v, cblock, w, lda, r0, lda, kp, nc);
    multiplySmall(ts + <usize>panel * panelBytes, w, w2, kp, nc);
    subtractProduct(v, w2, cblock, lda, r0, lda, kp, nc, sums);
  }

  // Column j times sign(beta_j) * gain (torch: q *= sign(diag(r)), then the gain).
  for (let j = 0; j < n; j++) {
    let beta = load<f32>(betas + (<usize>j << 2));
    let sign: f32 = beta > 0 ? 1 : beta < 0 ? -1 : 0;
    scaleColumn(column(q, lda, j), sign * gain, lda);
  }
}
