// jax.random.normal's SIMD kernel (normalWords' twin in ./transforms.ts, the scalar reference):
// 8 values a step as four independent float64x2 chains written side by side. Each value is a
// long chain of dependent fused multiply-adds (log1p's Horner steps, a division, Giles'
// 9-coefficient polynomial), each emulated as multiply, add, round to float32 (./normal-simd.ts
// explains the float64 lanes): one chain at a time leaves the core waiting on latency, four in
// the same instruction window keep its float pipes busy. Both log1p branches are computed and
// selected per lane; Giles' polynomial uses the w < 5 coefficients as constants when all 8 lanes
// take that branch (all but ~3% of steps), else both sets per lane with the square root.
//
// The steps are not checked for float32 midpoints: normal has only 2^23 inputs, and
// test/jax/kernels.node.test.ts checks this kernel against jax and the scalar kernel on every one
// of them. A step with a lane outside 2^-12 <= |u| < 1 (where XLA flushes subnormal products, or
// erf_inv is infinite) is done by the scalar kernel.

import { normalWords, truncatedWords, sqrt2ErfInvWords, SQRT2, NORMAL_MIN } from "./transforms";
import { r32, low, high, join, inexactMidpoint } from "../torch/simd";
import { unit } from "./normal-simd";

// @ts-ignore: decorator
@inline function d(bits: u32): v128 {
  return f64x2.splat(<f64>reinterpret<f32>(bits));
}

/** float32(a * b + c), fused: a * b is exact in float64 (float32 operands), then two roundings. */
// @ts-ignore: decorator
@inline function fm(a: v128, b: v128, c: v128): v128 {
  return r32(f64x2.add(f64x2.mul(a, b), c));
}

// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 {
  return r32(f64x2.mul(a, b));
}

// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 {
  return r32(f64x2.add(a, b));
}

/** Lanes with 2^-12 <= |u| < 1. */
// @ts-ignore: decorator
@inline function inRange(x: v128): v128 {
  let ax = f64x2.abs(x);
  return v128.and(f64x2.ge(ax, f64x2.splat(0.000244140625)), f64x2.lt(ax, f64x2.splat(1)));
}

// @ts-ignore: decorator
@inline function coef(small: v128, s: u32, l: u32): v128 {
  return v128.bitselect(d(s), d(l), small);
}

/** Giles' polynomial of l = log1p(-u^2) with each lane's coefficient set (w = -l < 5 or not). */
// @ts-ignore: decorator
@inline function gilesMixed(l: v128): v128 {
  let sw = f64x2.gt(l, f64x2.splat(-5));
  let q = v128.bitselect(add(f64x2.splat(-2.5), f64x2.neg(l)), add(r32(f64x2.sqrt(f64x2.neg(l))), f64x2.splat(-3)), sw);
  let p = fm(coef(sw, 0x32f16588, 0xb951f09b), q, coef(sw, 0x34b84b36, 0x38d3b56b));
  p = fm(q, p, coef(sw, 0xb66c7357, 0x3ab0dc72));
  p = fm(q, p, coef(sw, 0xb6935ac1, 0xbb70bde7));
  p = fm(q, p, coef(sw, 0x396532db, 0x3bbc127b));
  p = fm(q, p, coef(sw, 0xbaa45408, 0xbbf9c5d7));
  p = fm(q, p, coef(sw, 0xbb88e4ef, 0x3c1aa57e));
  p = fm(q, p, coef(sw, 0x3e7c8f63, 0x3f8036db));
  return fm(q, p, coef(sw, 0x3fc02e2f, 0x40354f7e));
}

/** sqrt(2) * u * p, as float32 (two roundings, as XLA's x * p then * sqrt 2), clipped to [lo, hi] if clip. */
// @ts-ignore: decorator
@inline function out(x: v128, p: v128, clip: bool, lo: v128, hi: v128): v128 {
  let v = mul(mul(x, p), f64x2.splat(<f64>SQRT2));
  // pmax(v, lo) = v < lo ? lo : v: one instruction; the same as max here (v is finite, not 0).
  if (clip) v = f64x2.pmin(f64x2.pmax(v, lo), hi);
  return v;
}

/**
 * sqrt(2) erf_inv(u) of 8 float32 values u (in four float64x2 chains x0..x3), stored at `at` as
 * float32, clipped to [lo, hi] if clip; false, and nothing stored, if a lane is outside
 * 2^-12 <= |u| < 1 (the caller's scalar code does those 8). Inlined once, into run().
 */
// @ts-ignore: decorator
@inline function erfInv8(at: usize, x0: v128, x1: v128, x2: v128, x3: v128, clip: bool, lo: v128, hi: v128): bool {
  if (!i8x16.all_true(v128.and(v128.and(inRange(x0), inRange(x1)), v128.and(inRange(x2), inRange(x3))))) return false;
  // XLA's log1p(t), t = -u^2: |t| < 0.4142: t + (-0.5 t^2 + (t t^2) N(t) / D(t)); else log(t + 1)
  // from the float32 exponent and mantissa of v = t + 1 (../transforms.ts log1p, step for step).
  let t0 = mul(x0, f64x2.neg(x0)), t1 = mul(x1, f64x2.neg(x1)), t2 = mul(x2, f64x2.neg(x2)), t3 = mul(x3, f64x2.neg(x3));
  let small0 = f64x2.lt(f64x2.abs(t0), d(0x3ed413cd)), small1 = f64x2.lt(f64x2.abs(t1), d(0x3ed413cd)), small2 = f64x2.lt(f64x2.abs(t2), d(0x3ed413cd)), small3 = f64x2.lt(f64x2.abs(t3), d(0x3ed413cd));
  let tt0 = mul(t0, t0), tt1 = mul(t1, t1), tt2 = mul(t2, t2), tt3 = mul(t3, t3);
  let dd0 = r32(f64x2.add(t0, d(0x417101ad))), dd1 = r32(f64x2.add(t1, d(0x417101ad))), dd2 = r32(f64x2.add(t2, d(0x417101ad))), dd3 = r32(f64x2.add(t3, d(0x417101ad)));
  let v0 = add(t0, f64x2.splat(1)), v1 = add(t1, f64x2.splat(1)), v2 = add(t2, f64x2.splat(1)), v3 = add(t3, f64x2.splat(1));
  let nn0 = fm(f64x2.splat(<f64><f32>4.527e-5), t0, d(0x3eff40c5)), nn1 = fm(f64x2.splat(<f64><f32>4.527e-5), t1, d(0x3eff40c5)), nn2 = fm(f64x2.splat(<f64><f32>4.527e-5), t2, d(0x3eff40c5)), nn3 = fm(f64x2.splat(<f64><f32>4.527e-5), t3, d(0x3eff40c5));
  let b0 = f32x4.demote_f64x2_zero(v0), b1 = f32x4.demote_f64x2_zero(v1), b2 = f32x4.demote_f64x2_zero(v2), b3 = f32x4.demote_f64x2_zero(v3);
  dd0 = fm(dd0, t0, d(0x42a6185b)); dd1 = fm(dd1, t1, d(0x42a6185b)); dd2 = fm(dd2, t2, d(0x42a6185b)); dd3 = fm(dd3, t3, d(0x42a6185b));
  nn0 = fm(nn0, t0, d(0x40d284fa)); nn1 = fm(nn1, t1, d(0x40d284fa)); nn2 = fm(nn2, t2, d(0x40d284fa)); nn3 = fm(nn3, t3, d(0x40d284fa));
  let e10 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b0, 23), i32x4.splat(126))), e11 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b1, 23), i32x4.splat(126))), e12 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b2, 23), i32x4.splat(126))), e13 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b3, 23), i32x4.splat(126)));
  let m0 = f64x2.promote_low_f32x4(v128.or(v128.and(b0, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m1 = f64x2.promote_low_f32x4(v128.or(v128.and(b1, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m2 = f64x2.promote_low_f32x4(v128.or(v128.and(b2, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m3 = f64x2.promote_low_f32x4(v128.or(v128.and(b3, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000)));
  dd0 = fm(dd0, t0, d(0x435dc32d)); dd1 = fm(dd1, t1, d(0x435dc32d)); dd2 = fm(dd2, t2, d(0x435dc32d)); dd3 = fm(dd3, t3, d(0x435dc32d));
  nn0 = fm(nn0, t0, d(0x41ef4b9c)); nn1 = fm(nn1, t1, d(0x41ef4b9c)); nn2 = fm(nn2, t2, d(0x41ef4b9c)); nn3 = fm(nn3, t3, d(0x41ef4b9c));
  let lt0 = f64x2.lt(m0, d(0x3f3504f3)), lt1 = f64x2.lt(m1, d(0x3f3504f3)), lt2 = f64x2.lt(m2, d(0x3f3504f3)), lt3 = f64x2.lt(m3, d(0x3f3504f3));
  let xx0 = add(f64x2.sub(m0, f64x2.splat(1)), v128.and(m0, lt0)), xx1 = add(f64x2.sub(m1, f64x2.splat(1)), v128.and(m1, lt1)), xx2 = add(f64x2.sub(m2, f64x2.splat(1)), v128.and(m2, lt2)), xx3 = add(f64x2.sub(m3, f64x2.splat(1)), v128.and(m3, lt3));
  let ee0 = f64x2.sub(e10, v128.and(f64x2.splat(1), lt0)), ee1 = f64x2.sub(e11, v128.and(f64x2.splat(1), lt1)), ee2 = f64x2.sub(e12, v128.and(f64x2.splat(1), lt2)), ee3 = f64x2.sub(e13, v128.and(f64x2.splat(1), lt3));
  dd0 = fm(dd0, t0, d(0x439a8ca3)); dd1 = fm(dd1, t1, d(0x439a8ca3)); dd2 = fm(dd2, t2, d(0x439a8ca3)); dd3 = fm(dd3, t3, d(0x439a8ca3));
  nn0 = fm(nn0, t0, d(0x4273cc76)); nn1 = fm(nn1, t1, d(0x4273cc76)); nn2 = fm(nn2, t2, d(0x4273cc76)); nn3 = fm(nn3, t3, d(0x4273cc76));
  let y0 = fm(xx0, d(0x3d9021bb), d(0xbdebd1b8)), y1 = fm(xx1, d(0x3d9021bb), d(0xbdebd1b8)), y2 = fm(xx2, d(0x3d9021bb), d(0xbdebd1b8)), y3 = fm(xx3, d(0x3d9021bb), d(0xbdebd1b8));
  let y10 = fm(xx0, d(0xbdfe5d4f), d(0x3e11e9bf)), y11 = fm(xx1, d(0xbdfe5d4f), d(0x3e11e9bf)), y12 = fm(xx2, d(0xbdfe5d4f), d(0x3e11e9bf)), y13 = fm(xx3, d(0xbdfe5d4f), d(0x3e11e9bf));
  let y20 = fm(xx0, d(0x3e4cceac), d(0xbe7ffffc)), y21 = fm(xx1, d(0x3e4cceac), d(0xbe7ffffc)), y22 = fm(xx2, d(0x3e4cceac), d(0xbe7ffffc)), y23 = fm(xx3, d(0x3e4cceac), d(0xbe7ffffc));
  let xs0 = mul(xx0, xx0), xs1 = mul(xx1, xx1), xs2 = mul(xx2, xx2), xs3 = mul(xx3, xx3);
  dd0 = fm(dd0, t0, d(0x43586d8a)); dd1 = fm(dd1, t1, d(0x43586d8a)); dd2 = fm(dd2, t2, d(0x43586d8a)); dd3 = fm(dd3, t3, d(0x43586d8a));
  nn0 = fm(nn0, t0, d(0x426473ad)); nn1 = fm(nn1, t1, d(0x426473ad)); nn2 = fm(nn2, t2, d(0x426473ad)); nn3 = fm(nn3, t3, d(0x426473ad));
  y0 = fm(y0, xx0, d(0x3def251a)); y1 = fm(y1, xx1, d(0x3def251a)); y2 = fm(y2, xx2, d(0x3def251a)); y3 = fm(y3, xx3, d(0x3def251a));
  y10 = fm(y10, xx0, d(0xbe2aae50)); y11 = fm(y11, xx1, d(0xbe2aae50)); y12 = fm(y12, xx2, d(0xbe2aae50)); y13 = fm(y13, xx3, d(0xbe2aae50));
  y20 = fm(y20, xx0, d(0x3eaaaaaa)); y21 = fm(y21, xx1, d(0x3eaaaaaa)); y22 = fm(y22, xx2, d(0x3eaaaaaa)); y23 = fm(y23, xx3, d(0x3eaaaaaa));
  let x30 = mul(xs0, xx0), x31 = mul(xs1, xx1), x32 = mul(xs2, xx2), x33 = mul(xs3, xx3);
  dd0 = fm(dd0, t0, d(0x42707982)); dd1 = fm(dd1, t1, d(0x42707982)); dd2 = fm(dd2, t2, d(0x42707982)); dd3 = fm(dd3, t3, d(0x42707982));
  nn0 = fm(nn0, t0, d(0x41a05101)); nn1 = fm(nn1, t1, d(0x41a05101)); nn2 = fm(nn2, t2, d(0x41a05101)); nn3 = fm(nn3, t3, d(0x41a05101));
  y10 = fm(y0, x30, y10); y11 = fm(y1, x31, y11); y12 = fm(y2, x32, y12); y13 = fm(y3, x33, y13);
  let tx0 = mul(t0, tt0), tx1 = mul(t1, tt1), tx2 = mul(t2, tt2), tx3 = mul(t3, tt3);
  let r0 = r32(f64x2.div(nn0, dd0)), r1 = r32(f64x2.div(nn1, dd1)), r2 = r32(f64x2.div(nn2, dd2)), r3 = r32(f64x2.div(nn3, dd3));
  y20 = fm(y10, x30, y20); y21 = fm(y11, x31, y21); y22 = fm(y12, x32, y22); y23 = fm(y13, x33, y23);
  let z0 = fm(xs0, f64x2.splat(-0.5), xx0), z1 = fm(xs1, f64x2.splat(-0.5), xx1), z2 = fm(xs2, f64x2.splat(-0.5), xx2), z3 = fm(xs3, f64x2.splat(-0.5), xx3);
  let tail0 = fm(y20, x30, mul(ee0, d(0xb95e8083))), tail1 = fm(y21, x31, mul(ee1, d(0xb95e8083))), tail2 = fm(y22, x32, mul(ee2, d(0xb95e8083))), tail3 = fm(y23, x33, mul(ee3, d(0xb95e8083)));
  let lowPart0 = add(t0, fm(tt0, f64x2.splat(-0.5), mul(tx0, r0))), lowPart1 = add(t1, fm(tt1, f64x2.splat(-0.5), mul(tx1, r1))), lowPart2 = add(t2, fm(tt2, f64x2.splat(-0.5), mul(tx2, r2))), lowPart3 = add(t3, fm(tt3, f64x2.splat(-0.5), mul(tx3, r3)));
  let logPart0 = fm(ee0, d(0x3f318000), add(z0, tail0)), logPart1 = fm(ee1, d(0x3f318000), add(z1, tail1)), logPart2 = fm(ee2, d(0x3f318000), add(z2, tail2)), logPart3 = fm(ee3, d(0x3f318000), add(z3, tail3));
  let l0 = v128.bitselect(lowPart0, logPart0, small0), l1 = v128.bitselect(lowPart1, logPart1, small1), l2 = v128.bitselect(lowPart2, logPart2, small2), l3 = v128.bitselect(lowPart3, logPart3, small3);
  let w0 = f64x2.gt(l0, f64x2.splat(-5)), w1 = f64x2.gt(l1, f64x2.splat(-5));
  let w2 = f64x2.gt(l2, f64x2.splat(-5)), w3 = f64x2.gt(l3, f64x2.splat(-5));
  if (i8x16.all_true(v128.and(v128.and(w0, w1), v128.and(w2, w3)))) {
    // Giles, w < 5: q = -2.5 - l, p by Horner, fma(c0, q, c1) first.
    let q0 = add(f64x2.splat(-2.5), f64x2.neg(l0)), q1 = add(f64x2.splat(-2.5), f64x2.neg(l1)), q2 = add(f64x2.splat(-2.5), f64x2.neg(l2)), q3 = add(f64x2.splat(-2.5), f64x2.neg(l3));
    let p0 = fm(d(0x32f16588), q0, d(0x34b84b36)), p1 = fm(d(0x32f16588), q1, d(0x34b84b36)), p2 = fm(d(0x32f16588), q2, d(0x34b84b36)), p3 = fm(d(0x32f16588), q3, d(0x34b84b36));
    p0 = fm(q0, p0, d(0xb66c7357)); p1 = fm(q1, p1, d(0xb66c7357)); p2 = fm(q2, p2, d(0xb66c7357)); p3 = fm(q3, p3, d(0xb66c7357));
    p0 = fm(q0, p0, d(0xb6935ac1)); p1 = fm(q1, p1, d(0xb6935ac1)); p2 = fm(q2, p2, d(0xb6935ac1)); p3 = fm(q3, p3, d(0xb6935ac1));
    p0 = fm(q0, p0, d(0x396532db)); p1 = fm(q1, p1, d(0x396532db)); p2 = fm(q2, p2, d(0x396532db)); p3 = fm(q3, p3, d(0x396532db));
    p0 = fm(q0, p0, d(0xbaa45408)); p1 = fm(q1, p1, d(0xbaa45408)); p2 = fm(q2, p2, d(0xbaa45408)); p3 = fm(q3, p3, d(0xbaa45408));
    p0 = fm(q0, p0, d(0xbb88e4ef)); p1 = fm(q1, p1, d(0xbb88e4ef)); p2 = fm(q2, p2, d(0xbb88e4ef)); p3 = fm(q3, p3, d(0xbb88e4ef));
    p0 = fm(q0, p0, d(0x3e7c8f63)); p1 = fm(q1, p1, d(0x3e7c8f63)); p2 = fm(q2, p2, d(0x3e7c8f63)); p3 = fm(q3, p3, d(0x3e7c8f63));
    p0 = fm(q0, p0, d(0x3fc02e2f)); p1 = fm(q1, p1, d(0x3fc02e2f)); p2 = fm(q2, p2, d(0x3fc02e2f)); p3 = fm(q3, p3, d(0x3fc02e2f));
    v128.store(at, join(out(x0, p0, clip, lo, hi), out(x1, p1, clip, lo, hi)));
    v128.store(at, join(out(x2, p2, clip, lo, hi), out(x3, p3, clip, lo, hi)), 16);
  } else {
    v128.store(at, join(out(x0, gilesMixed(l0), clip, lo, hi), out(x1, gilesMixed(l1), clip, lo, hi)));
    v128.store(at, join(out(x2, gilesMixed(l2), clip, lo, hi), out(x3, gilesMixed(l3), clip, lo, hi)), 16);
  }
  return true;
}

/** The scalar kernel on m values: truncatedWords, else sqrt2ErfInvWords (values) or normalWords. */
// @ts-ignore: decorator
@inline function scalar(truncated: bool, values: bool, at: usize, m: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  if (truncated) truncatedWords(at, m, a, range, lo, hi);
  else if (values) sqrt2ErfInvWords(at, m);
  else normalWords(at, m);
}

/**
 * The kernels' loop, 8 values a step, the tail of n % 8 by the scalar kernel. Inlined with
 * `truncated` constant, so erfInv8 is compiled twice (once with its clip): one loop for both with
 * run-time parameters measured 20% slower.
 * normal: u = fma(f, 2, NORMAL_MIN) of the word's top 23 bits (max(NORMAL_MIN, u) is u as f >= 0),
 * unchecked like the rest (the 2^23-input sweep of normal); with `values` u are the float32 values
 * at dst instead (the tests' view of erfInv8).
 * truncated: u = fma(f, range, a) checked for float32 midpoints (its inputs depend on the bounds;
 * a flagged group goes to the scalar kernel), then erfInv8 unchecked (exact for every float32 u:
 * the sweep of all of them against ./normal-simd.ts), clipped to [lo, hi].
 */
// @ts-ignore: decorator
@inline function run(truncated: bool, values: bool, dst: usize, n: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  let aD = f64x2.splat(<f64>a), rD = f64x2.splat(<f64>range), loD = f64x2.splat(<f64>lo), hiD = f64x2.splat(<f64>hi);
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    let at = dst + (<usize>j << 2);
    let wa = v128.load(at), wb = v128.load(at, 16);
    let x0: v128, x1: v128, x2: v128, x3: v128;
    if (values) {
      x0 = low(wa); x1 = high(wa); x2 = low(wb); x3 = high(wb);
    } else {
      let fa = unit(wa), fb = unit(wb);
      let p0 = f64x2.mul(low(fa), rD), p1 = f64x2.mul(high(fa), rD), p2 = f64x2.mul(low(fb), rD), p3 = f64x2.mul(high(fb), rD);
      let s0 = f64x2.add(p0, aD), s1 = f64x2.add(p1, aD), s2 = f64x2.add(p2, aD), s3 = f64x2.add(p3, aD);
      if (truncated && v128.any_true(v128.or(v128.or(inexactMidpoint(p0, aD, s0), inexactMidpoint(p1, aD, s1)), v128.or(inexactMidpoint(p2, aD, s2), inexactMidpoint(p3, aD, s3))))) {
        scalar(truncated, values, at, 8, a, range, lo, hi);
        continue;
      }
      x0 = r32(s0); x1 = r32(s1); x2 = r32(s2); x3 = r32(s3);
    }
    if (!erfInv8(at, x0, x1, x2, x3, truncated, loD, hiD)) scalar(truncated, values, at, 8, a, range, lo, hi);
  }
  scalar(truncated, values, dst + (<usize>j << 2), n - j, a, range, lo, hi);
}

/** normal (values false) or sqrt2ErfInvWords' twin (values true). */
function normalOrValues(values: bool, dst: usize, n: i32): void {
  run(false, values, dst, n, NORMAL_MIN, 2, 0, 0);
}

/** normalWords' twin: n words at dst become jax.random.normal values. */
export function normalSimd(dst: usize, n: i32): void {
  normalOrValues(false, dst, n);
}

/** truncatedWords' twin: uniform(a, a + range), sqrt(2) erf_inv, clipped to [lo, hi]. */
export function truncatedSimd(dst: usize, n: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  run(true, false, dst, n, a, range, lo, hi);
}

/** sqrt2ErfInvWords' twin: the float32 values u at dst become sqrt(2) erf_inv(u). */
export function sqrt2ErfInvFast(dst: usize, n: i32): void {
  normalOrValues(true, dst, n);
}
