// The SIMD kernels of jax.random.normal and truncated_normal (normalWords' and truncatedWords'
// twins in ./transforms.ts, the scalar reference). Each value is a long chain of dependent fused
// multiply-adds (log1p's Horner steps, a division, Giles' 9-coefficient polynomial), each emulated
// as multiply, add, round to float32 (./normal-simd.ts explains the float64 lanes). Three things
// make it fast, each measured (bench/jax-kernels.mjs):
// - Latency: 16 values a step as eight independent float64x2 chains written side by side (2
//   chains: 42 M values/s, 4: 53, 8: 62 on one core), so the core always has independent work.
// - Both log1p branches: a block of 1024 elements is first sorted by branch into two index lists
//   (|t| < 0.4142 or not, t = -u^2), and each list is computed with its branch only.
// - Giles' polynomial takes the w < 5 coefficients as constants when all 16 lanes take that
//   branch (all but ~5% of steps), else a call with both sets per lane and the square root.
//
// The steps are not checked for float32 midpoints (./normal-simd.ts's kernel is, at three times
// the work): test/jax/kernels.node.test.ts runs every float32 u with 2^-12 <= |u| < 1 through both
// and gets the same bits, so dropping the checks is exact for normal and truncated normal (any
// bounds) alike; normal's own 2^23 inputs are also checked against jax. A group with a lane outside
// 2^-12 <= |u| < 1 (where XLA flushes subnormal products, or erf_inv is infinite) goes to the
// scalar kernel. The long lines are one statement per chain, generated from one template line
// each (the chains are identical but for their suffix 0..7).

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

/** Giles' polynomial of l = log1p(-u^2) with each lane's coefficient set (w = -l < 5 or not); a call: rare, and kept out of the inlined loops. */
function gilesMixed(l: v128): v128 {
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

/** u at the two elements of dst whose indices are at idx, as float64 lanes. */
// @ts-ignore: decorator
@inline function gather(dst: usize, idx: usize): v128 {
  let v = f64x2.splat(<f64>load<f32>(dst + (<usize>load<u32>(idx) << 2)));
  return f64x2.replace_lane(v, 1, <f64>load<f32>(dst + (<usize>load<u32>(idx, 4) << 2)));
}

/** Stores the two float32 values in v's lanes at the elements of dst whose indices are at idx. */
// @ts-ignore: decorator
@inline function scatter(dst: usize, idx: usize, v: v128): void {
  store<f32>(dst + (<usize>load<u32>(idx) << 2), <f32>f64x2.extract_lane(v, 0));
  store<f32>(dst + (<usize>load<u32>(idx, 4) << 2), <f32>f64x2.extract_lane(v, 1));
}

/** Giles' polynomial of l, times u and sqrt 2, clipped if clip, stored at the 16 elements listed at idx. */
// @ts-ignore: decorator
@inline function giles16(dst: usize, idx: usize, x0: v128, x1: v128, x2: v128, x3: v128, x4: v128, x5: v128, x6: v128, x7: v128, l0: v128, l1: v128, l2: v128, l3: v128, l4: v128, l5: v128, l6: v128, l7: v128, clip: bool, lo: v128, hi: v128): void {
  let w0 = f64x2.gt(l0, f64x2.splat(-5));
  let w1 = f64x2.gt(l1, f64x2.splat(-5));
  let w2 = f64x2.gt(l2, f64x2.splat(-5));
  let w3 = f64x2.gt(l3, f64x2.splat(-5));
  let w4 = f64x2.gt(l4, f64x2.splat(-5));
  let w5 = f64x2.gt(l5, f64x2.splat(-5));
  let w6 = f64x2.gt(l6, f64x2.splat(-5));
  let w7 = f64x2.gt(l7, f64x2.splat(-5));
  if (i8x16.all_true(v128.and(v128.and(v128.and(w0, w1), v128.and(w2, w3)), v128.and(v128.and(w4, w5), v128.and(w6, w7))))) {
    // Giles, w < 5: q = -2.5 - l, p by Horner, fma(c0, q, c1) first.
    let q0 = add(f64x2.splat(-2.5), f64x2.neg(l0)), q1 = add(f64x2.splat(-2.5), f64x2.neg(l1)), q2 = add(f64x2.splat(-2.5), f64x2.neg(l2)), q3 = add(f64x2.splat(-2.5), f64x2.neg(l3)), q4 = add(f64x2.splat(-2.5), f64x2.neg(l4)), q5 = add(f64x2.splat(-2.5), f64x2.neg(l5)), q6 = add(f64x2.splat(-2.5), f64x2.neg(l6)), q7 = add(f64x2.splat(-2.5), f64x2.neg(l7));
    let p0 = fm(d(0x32f16588), q0, d(0x34b84b36)), p1 = fm(d(0x32f16588), q1, d(0x34b84b36)), p2 = fm(d(0x32f16588), q2, d(0x34b84b36)), p3 = fm(d(0x32f16588), q3, d(0x34b84b36)), p4 = fm(d(0x32f16588), q4, d(0x34b84b36)), p5 = fm(d(0x32f16588), q5, d(0x34b84b36)), p6 = fm(d(0x32f16588), q6, d(0x34b84b36)), p7 = fm(d(0x32f16588), q7, d(0x34b84b36));
    p0 = fm(q0, p0, d(0xb66c7357)); p1 = fm(q1, p1, d(0xb66c7357)); p2 = fm(q2, p2, d(0xb66c7357)); p3 = fm(q3, p3, d(0xb66c7357)); p4 = fm(q4, p4, d(0xb66c7357)); p5 = fm(q5, p5, d(0xb66c7357)); p6 = fm(q6, p6, d(0xb66c7357)); p7 = fm(q7, p7, d(0xb66c7357));
    p0 = fm(q0, p0, d(0xb6935ac1)); p1 = fm(q1, p1, d(0xb6935ac1)); p2 = fm(q2, p2, d(0xb6935ac1)); p3 = fm(q3, p3, d(0xb6935ac1)); p4 = fm(q4, p4, d(0xb6935ac1)); p5 = fm(q5, p5, d(0xb6935ac1)); p6 = fm(q6, p6, d(0xb6935ac1)); p7 = fm(q7, p7, d(0xb6935ac1));
    p0 = fm(q0, p0, d(0x396532db)); p1 = fm(q1, p1, d(0x396532db)); p2 = fm(q2, p2, d(0x396532db)); p3 = fm(q3, p3, d(0x396532db)); p4 = fm(q4, p4, d(0x396532db)); p5 = fm(q5, p5, d(0x396532db)); p6 = fm(q6, p6, d(0x396532db)); p7 = fm(q7, p7, d(0x396532db));
    p0 = fm(q0, p0, d(0xbaa45408)); p1 = fm(q1, p1, d(0xbaa45408)); p2 = fm(q2, p2, d(0xbaa45408)); p3 = fm(q3, p3, d(0xbaa45408)); p4 = fm(q4, p4, d(0xbaa45408)); p5 = fm(q5, p5, d(0xbaa45408)); p6 = fm(q6, p6, d(0xbaa45408)); p7 = fm(q7, p7, d(0xbaa45408));
    p0 = fm(q0, p0, d(0xbb88e4ef)); p1 = fm(q1, p1, d(0xbb88e4ef)); p2 = fm(q2, p2, d(0xbb88e4ef)); p3 = fm(q3, p3, d(0xbb88e4ef)); p4 = fm(q4, p4, d(0xbb88e4ef)); p5 = fm(q5, p5, d(0xbb88e4ef)); p6 = fm(q6, p6, d(0xbb88e4ef)); p7 = fm(q7, p7, d(0xbb88e4ef));
    p0 = fm(q0, p0, d(0x3e7c8f63)); p1 = fm(q1, p1, d(0x3e7c8f63)); p2 = fm(q2, p2, d(0x3e7c8f63)); p3 = fm(q3, p3, d(0x3e7c8f63)); p4 = fm(q4, p4, d(0x3e7c8f63)); p5 = fm(q5, p5, d(0x3e7c8f63)); p6 = fm(q6, p6, d(0x3e7c8f63)); p7 = fm(q7, p7, d(0x3e7c8f63));
    p0 = fm(q0, p0, d(0x3fc02e2f)); p1 = fm(q1, p1, d(0x3fc02e2f)); p2 = fm(q2, p2, d(0x3fc02e2f)); p3 = fm(q3, p3, d(0x3fc02e2f)); p4 = fm(q4, p4, d(0x3fc02e2f)); p5 = fm(q5, p5, d(0x3fc02e2f)); p6 = fm(q6, p6, d(0x3fc02e2f)); p7 = fm(q7, p7, d(0x3fc02e2f));
    scatter(dst, idx + 0, out(x0, p0, clip, lo, hi));
    scatter(dst, idx + 8, out(x1, p1, clip, lo, hi));
    scatter(dst, idx + 16, out(x2, p2, clip, lo, hi));
    scatter(dst, idx + 24, out(x3, p3, clip, lo, hi));
    scatter(dst, idx + 32, out(x4, p4, clip, lo, hi));
    scatter(dst, idx + 40, out(x5, p5, clip, lo, hi));
    scatter(dst, idx + 48, out(x6, p6, clip, lo, hi));
    scatter(dst, idx + 56, out(x7, p7, clip, lo, hi));
  } else {
    scatter(dst, idx + 0, out(x0, gilesMixed(l0), clip, lo, hi));
    scatter(dst, idx + 8, out(x1, gilesMixed(l1), clip, lo, hi));
    scatter(dst, idx + 16, out(x2, gilesMixed(l2), clip, lo, hi));
    scatter(dst, idx + 24, out(x3, gilesMixed(l3), clip, lo, hi));
    scatter(dst, idx + 32, out(x4, gilesMixed(l4), clip, lo, hi));
    scatter(dst, idx + 40, out(x5, gilesMixed(l5), clip, lo, hi));
    scatter(dst, idx + 48, out(x6, gilesMixed(l6), clip, lo, hi));
    scatter(dst, idx + 56, out(x7, gilesMixed(l7), clip, lo, hi));
  }
}

/**
 * sqrt(2) erf_inv(u) of the 16 elements of dst listed at idx, all with |t| < 0.4142 (t = -u^2):
 * XLA's log1p(t) = t + (-0.5 t^2 + (t t^2) N(t) / D(t)) (../transforms.ts log1p, step for step).
 */
// @ts-ignore: decorator
@inline function small16(dst: usize, idx: usize, clip: bool, lo: v128, hi: v128): void {
  let x0 = gather(dst, idx), x1 = gather(dst, idx + 8), x2 = gather(dst, idx + 16), x3 = gather(dst, idx + 24), x4 = gather(dst, idx + 32), x5 = gather(dst, idx + 40), x6 = gather(dst, idx + 48), x7 = gather(dst, idx + 56);
  let t0 = mul(x0, f64x2.neg(x0)), t1 = mul(x1, f64x2.neg(x1)), t2 = mul(x2, f64x2.neg(x2)), t3 = mul(x3, f64x2.neg(x3)), t4 = mul(x4, f64x2.neg(x4)), t5 = mul(x5, f64x2.neg(x5)), t6 = mul(x6, f64x2.neg(x6)), t7 = mul(x7, f64x2.neg(x7));
  let tt0 = mul(t0, t0), tt1 = mul(t1, t1), tt2 = mul(t2, t2), tt3 = mul(t3, t3), tt4 = mul(t4, t4), tt5 = mul(t5, t5), tt6 = mul(t6, t6), tt7 = mul(t7, t7);
  let dd0 = r32(f64x2.add(t0, d(0x417101ad))), dd1 = r32(f64x2.add(t1, d(0x417101ad))), dd2 = r32(f64x2.add(t2, d(0x417101ad))), dd3 = r32(f64x2.add(t3, d(0x417101ad))), dd4 = r32(f64x2.add(t4, d(0x417101ad))), dd5 = r32(f64x2.add(t5, d(0x417101ad))), dd6 = r32(f64x2.add(t6, d(0x417101ad))), dd7 = r32(f64x2.add(t7, d(0x417101ad)));
  let nn0 = fm(f64x2.splat(<f64><f32>4.527e-5), t0, d(0x3eff40c5)), nn1 = fm(f64x2.splat(<f64><f32>4.527e-5), t1, d(0x3eff40c5)), nn2 = fm(f64x2.splat(<f64><f32>4.527e-5), t2, d(0x3eff40c5)), nn3 = fm(f64x2.splat(<f64><f32>4.527e-5), t3, d(0x3eff40c5)), nn4 = fm(f64x2.splat(<f64><f32>4.527e-5), t4, d(0x3eff40c5)), nn5 = fm(f64x2.splat(<f64><f32>4.527e-5), t5, d(0x3eff40c5)), nn6 = fm(f64x2.splat(<f64><f32>4.527e-5), t6, d(0x3eff40c5)), nn7 = fm(f64x2.splat(<f64><f32>4.527e-5), t7, d(0x3eff40c5));
  dd0 = fm(dd0, t0, d(0x42a6185b)); dd1 = fm(dd1, t1, d(0x42a6185b)); dd2 = fm(dd2, t2, d(0x42a6185b)); dd3 = fm(dd3, t3, d(0x42a6185b)); dd4 = fm(dd4, t4, d(0x42a6185b)); dd5 = fm(dd5, t5, d(0x42a6185b)); dd6 = fm(dd6, t6, d(0x42a6185b)); dd7 = fm(dd7, t7, d(0x42a6185b));
  nn0 = fm(nn0, t0, d(0x40d284fa)); nn1 = fm(nn1, t1, d(0x40d284fa)); nn2 = fm(nn2, t2, d(0x40d284fa)); nn3 = fm(nn3, t3, d(0x40d284fa)); nn4 = fm(nn4, t4, d(0x40d284fa)); nn5 = fm(nn5, t5, d(0x40d284fa)); nn6 = fm(nn6, t6, d(0x40d284fa)); nn7 = fm(nn7, t7, d(0x40d284fa));
  dd0 = fm(dd0, t0, d(0x435dc32d)); dd1 = fm(dd1, t1, d(0x435dc32d)); dd2 = fm(dd2, t2, d(0x435dc32d)); dd3 = fm(dd3, t3, d(0x435dc32d)); dd4 = fm(dd4, t4, d(0x435dc32d)); dd5 = fm(dd5, t5, d(0x435dc32d)); dd6 = fm(dd6, t6, d(0x435dc32d)); dd7 = fm(dd7, t7, d(0x435dc32d));
  nn0 = fm(nn0, t0, d(0x41ef4b9c)); nn1 = fm(nn1, t1, d(0x41ef4b9c)); nn2 = fm(nn2, t2, d(0x41ef4b9c)); nn3 = fm(nn3, t3, d(0x41ef4b9c)); nn4 = fm(nn4, t4, d(0x41ef4b9c)); nn5 = fm(nn5, t5, d(0x41ef4b9c)); nn6 = fm(nn6, t6, d(0x41ef4b9c)); nn7 = fm(nn7, t7, d(0x41ef4b9c));
  dd0 = fm(dd0, t0, d(0x439a8ca3)); dd1 = fm(dd1, t1, d(0x439a8ca3)); dd2 = fm(dd2, t2, d(0x439a8ca3)); dd3 = fm(dd3, t3, d(0x439a8ca3)); dd4 = fm(dd4, t4, d(0x439a8ca3)); dd5 = fm(dd5, t5, d(0x439a8ca3)); dd6 = fm(dd6, t6, d(0x439a8ca3)); dd7 = fm(dd7, t7, d(0x439a8ca3));
  nn0 = fm(nn0, t0, d(0x4273cc76)); nn1 = fm(nn1, t1, d(0x4273cc76)); nn2 = fm(nn2, t2, d(0x4273cc76)); nn3 = fm(nn3, t3, d(0x4273cc76)); nn4 = fm(nn4, t4, d(0x4273cc76)); nn5 = fm(nn5, t5, d(0x4273cc76)); nn6 = fm(nn6, t6, d(0x4273cc76)); nn7 = fm(nn7, t7, d(0x4273cc76));
  dd0 = fm(dd0, t0, d(0x43586d8a)); dd1 = fm(dd1, t1, d(0x43586d8a)); dd2 = fm(dd2, t2, d(0x43586d8a)); dd3 = fm(dd3, t3, d(0x43586d8a)); dd4 = fm(dd4, t4, d(0x43586d8a)); dd5 = fm(dd5, t5, d(0x43586d8a)); dd6 = fm(dd6, t6, d(0x43586d8a)); dd7 = fm(dd7, t7, d(0x43586d8a));
  nn0 = fm(nn0, t0, d(0x426473ad)); nn1 = fm(nn1, t1, d(0x426473ad)); nn2 = fm(nn2, t2, d(0x426473ad)); nn3 = fm(nn3, t3, d(0x426473ad)); nn4 = fm(nn4, t4, d(0x426473ad)); nn5 = fm(nn5, t5, d(0x426473ad)); nn6 = fm(nn6, t6, d(0x426473ad)); nn7 = fm(nn7, t7, d(0x426473ad));
  dd0 = fm(dd0, t0, d(0x42707982)); dd1 = fm(dd1, t1, d(0x42707982)); dd2 = fm(dd2, t2, d(0x42707982)); dd3 = fm(dd3, t3, d(0x42707982)); dd4 = fm(dd4, t4, d(0x42707982)); dd5 = fm(dd5, t5, d(0x42707982)); dd6 = fm(dd6, t6, d(0x42707982)); dd7 = fm(dd7, t7, d(0x42707982));
  nn0 = fm(nn0, t0, d(0x41a05101)); nn1 = fm(nn1, t1, d(0x41a05101)); nn2 = fm(nn2, t2, d(0x41a05101)); nn3 = fm(nn3, t3, d(0x41a05101)); nn4 = fm(nn4, t4, d(0x41a05101)); nn5 = fm(nn5, t5, d(0x41a05101)); nn6 = fm(nn6, t6, d(0x41a05101)); nn7 = fm(nn7, t7, d(0x41a05101));
  let tx0 = mul(t0, tt0), tx1 = mul(t1, tt1), tx2 = mul(t2, tt2), tx3 = mul(t3, tt3), tx4 = mul(t4, tt4), tx5 = mul(t5, tt5), tx6 = mul(t6, tt6), tx7 = mul(t7, tt7);
  let r0 = r32(f64x2.div(nn0, dd0)), r1 = r32(f64x2.div(nn1, dd1)), r2 = r32(f64x2.div(nn2, dd2)), r3 = r32(f64x2.div(nn3, dd3)), r4 = r32(f64x2.div(nn4, dd4)), r5 = r32(f64x2.div(nn5, dd5)), r6 = r32(f64x2.div(nn6, dd6)), r7 = r32(f64x2.div(nn7, dd7));
  let l0 = add(t0, fm(tt0, f64x2.splat(-0.5), mul(tx0, r0))), l1 = add(t1, fm(tt1, f64x2.splat(-0.5), mul(tx1, r1))), l2 = add(t2, fm(tt2, f64x2.splat(-0.5), mul(tx2, r2))), l3 = add(t3, fm(tt3, f64x2.splat(-0.5), mul(tx3, r3))), l4 = add(t4, fm(tt4, f64x2.splat(-0.5), mul(tx4, r4))), l5 = add(t5, fm(tt5, f64x2.splat(-0.5), mul(tx5, r5))), l6 = add(t6, fm(tt6, f64x2.splat(-0.5), mul(tx6, r6))), l7 = add(t7, fm(tt7, f64x2.splat(-0.5), mul(tx7, r7)));
  giles16(dst, idx, x0, x1, x2, x3, x4, x5, x6, x7, l0, l1, l2, l3, l4, l5, l6, l7, clip, lo, hi);
}

/** small16 for |t| >= 0.4142: log1p(t) = log(t + 1) from the float32 exponent and mantissa of v = t + 1. */
// @ts-ignore: decorator
@inline function big16(dst: usize, idx: usize, clip: bool, lo: v128, hi: v128): void {
  let x0 = gather(dst, idx), x1 = gather(dst, idx + 8), x2 = gather(dst, idx + 16), x3 = gather(dst, idx + 24), x4 = gather(dst, idx + 32), x5 = gather(dst, idx + 40), x6 = gather(dst, idx + 48), x7 = gather(dst, idx + 56);
  let t0 = mul(x0, f64x2.neg(x0)), t1 = mul(x1, f64x2.neg(x1)), t2 = mul(x2, f64x2.neg(x2)), t3 = mul(x3, f64x2.neg(x3)), t4 = mul(x4, f64x2.neg(x4)), t5 = mul(x5, f64x2.neg(x5)), t6 = mul(x6, f64x2.neg(x6)), t7 = mul(x7, f64x2.neg(x7));
  let v0 = add(t0, f64x2.splat(1)), v1 = add(t1, f64x2.splat(1)), v2 = add(t2, f64x2.splat(1)), v3 = add(t3, f64x2.splat(1)), v4 = add(t4, f64x2.splat(1)), v5 = add(t5, f64x2.splat(1)), v6 = add(t6, f64x2.splat(1)), v7 = add(t7, f64x2.splat(1));
  let b0 = f32x4.demote_f64x2_zero(v0), b1 = f32x4.demote_f64x2_zero(v1), b2 = f32x4.demote_f64x2_zero(v2), b3 = f32x4.demote_f64x2_zero(v3), b4 = f32x4.demote_f64x2_zero(v4), b5 = f32x4.demote_f64x2_zero(v5), b6 = f32x4.demote_f64x2_zero(v6), b7 = f32x4.demote_f64x2_zero(v7);
  let e10 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b0, 23), i32x4.splat(126))), e11 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b1, 23), i32x4.splat(126))), e12 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b2, 23), i32x4.splat(126))), e13 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b3, 23), i32x4.splat(126))), e14 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b4, 23), i32x4.splat(126))), e15 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b5, 23), i32x4.splat(126))), e16 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b6, 23), i32x4.splat(126))), e17 = f64x2.convert_low_i32x4_s(i32x4.sub(i32x4.shr_u(b7, 23), i32x4.splat(126)));
  let m0 = f64x2.promote_low_f32x4(v128.or(v128.and(b0, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m1 = f64x2.promote_low_f32x4(v128.or(v128.and(b1, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m2 = f64x2.promote_low_f32x4(v128.or(v128.and(b2, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m3 = f64x2.promote_low_f32x4(v128.or(v128.and(b3, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m4 = f64x2.promote_low_f32x4(v128.or(v128.and(b4, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m5 = f64x2.promote_low_f32x4(v128.or(v128.and(b5, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m6 = f64x2.promote_low_f32x4(v128.or(v128.and(b6, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000))), m7 = f64x2.promote_low_f32x4(v128.or(v128.and(b7, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000)));
  let lt0 = f64x2.lt(m0, d(0x3f3504f3)), lt1 = f64x2.lt(m1, d(0x3f3504f3)), lt2 = f64x2.lt(m2, d(0x3f3504f3)), lt3 = f64x2.lt(m3, d(0x3f3504f3)), lt4 = f64x2.lt(m4, d(0x3f3504f3)), lt5 = f64x2.lt(m5, d(0x3f3504f3)), lt6 = f64x2.lt(m6, d(0x3f3504f3)), lt7 = f64x2.lt(m7, d(0x3f3504f3));
  let xx0 = add(f64x2.sub(m0, f64x2.splat(1)), v128.and(m0, lt0)), xx1 = add(f64x2.sub(m1, f64x2.splat(1)), v128.and(m1, lt1)), xx2 = add(f64x2.sub(m2, f64x2.splat(1)), v128.and(m2, lt2)), xx3 = add(f64x2.sub(m3, f64x2.splat(1)), v128.and(m3, lt3)), xx4 = add(f64x2.sub(m4, f64x2.splat(1)), v128.and(m4, lt4)), xx5 = add(f64x2.sub(m5, f64x2.splat(1)), v128.and(m5, lt5)), xx6 = add(f64x2.sub(m6, f64x2.splat(1)), v128.and(m6, lt6)), xx7 = add(f64x2.sub(m7, f64x2.splat(1)), v128.and(m7, lt7));
  let ee0 = f64x2.sub(e10, v128.and(f64x2.splat(1), lt0)), ee1 = f64x2.sub(e11, v128.and(f64x2.splat(1), lt1)), ee2 = f64x2.sub(e12, v128.and(f64x2.splat(1), lt2)), ee3 = f64x2.sub(e13, v128.and(f64x2.splat(1), lt3)), ee4 = f64x2.sub(e14, v128.and(f64x2.splat(1), lt4)), ee5 = f64x2.sub(e15, v128.and(f64x2.splat(1), lt5)), ee6 = f64x2.sub(e16, v128.and(f64x2.splat(1), lt6)), ee7 = f64x2.sub(e17, v128.and(f64x2.splat(1), lt7));
  let y0 = fm(xx0, d(0x3d9021bb), d(0xbdebd1b8)), y1 = fm(xx1, d(0x3d9021bb), d(0xbdebd1b8)), y2 = fm(xx2, d(0x3d9021bb), d(0xbdebd1b8)), y3 = fm(xx3, d(0x3d9021bb), d(0xbdebd1b8)), y4 = fm(xx4, d(0x3d9021bb), d(0xbdebd1b8)), y5 = fm(xx5, d(0x3d9021bb), d(0xbdebd1b8)), y6 = fm(xx6, d(0x3d9021bb), d(0xbdebd1b8)), y7 = fm(xx7, d(0x3d9021bb), d(0xbdebd1b8));
  let y10 = fm(xx0, d(0xbdfe5d4f), d(0x3e11e9bf)), y11 = fm(xx1, d(0xbdfe5d4f), d(0x3e11e9bf)), y12 = fm(xx2, d(0xbdfe5d4f), d(0x3e11e9bf)), y13 = fm(xx3, d(0xbdfe5d4f), d(0x3e11e9bf)), y14 = fm(xx4, d(0xbdfe5d4f), d(0x3e11e9bf)), y15 = fm(xx5, d(0xbdfe5d4f), d(0x3e11e9bf)), y16 = fm(xx6, d(0xbdfe5d4f), d(0x3e11e9bf)), y17 = fm(xx7, d(0xbdfe5d4f), d(0x3e11e9bf));
  let y20 = fm(xx0, d(0x3e4cceac), d(0xbe7ffffc)), y21 = fm(xx1, d(0x3e4cceac), d(0xbe7ffffc)), y22 = fm(xx2, d(0x3e4cceac), d(0xbe7ffffc)), y23 = fm(xx3, d(0x3e4cceac), d(0xbe7ffffc)), y24 = fm(xx4, d(0x3e4cceac), d(0xbe7ffffc)), y25 = fm(xx5, d(0x3e4cceac), d(0xbe7ffffc)), y26 = fm(xx6, d(0x3e4cceac), d(0xbe7ffffc)), y27 = fm(xx7, d(0x3e4cceac), d(0xbe7ffffc));
  let xs0 = mul(xx0, xx0), xs1 = mul(xx1, xx1), xs2 = mul(xx2, xx2), xs3 = mul(xx3, xx3), xs4 = mul(xx4, xx4), xs5 = mul(xx5, xx5), xs6 = mul(xx6, xx6), xs7 = mul(xx7, xx7);
  y0 = fm(y0, xx0, d(0x3def251a)); y1 = fm(y1, xx1, d(0x3def251a)); y2 = fm(y2, xx2, d(0x3def251a)); y3 = fm(y3, xx3, d(0x3def251a)); y4 = fm(y4, xx4, d(0x3def251a)); y5 = fm(y5, xx5, d(0x3def251a)); y6 = fm(y6, xx6, d(0x3def251a)); y7 = fm(y7, xx7, d(0x3def251a));
  y10 = fm(y10, xx0, d(0xbe2aae50)); y11 = fm(y11, xx1, d(0xbe2aae50)); y12 = fm(y12, xx2, d(0xbe2aae50)); y13 = fm(y13, xx3, d(0xbe2aae50)); y14 = fm(y14, xx4, d(0xbe2aae50)); y15 = fm(y15, xx5, d(0xbe2aae50)); y16 = fm(y16, xx6, d(0xbe2aae50)); y17 = fm(y17, xx7, d(0xbe2aae50));
  y20 = fm(y20, xx0, d(0x3eaaaaaa)); y21 = fm(y21, xx1, d(0x3eaaaaaa)); y22 = fm(y22, xx2, d(0x3eaaaaaa)); y23 = fm(y23, xx3, d(0x3eaaaaaa)); y24 = fm(y24, xx4, d(0x3eaaaaaa)); y25 = fm(y25, xx5, d(0x3eaaaaaa)); y26 = fm(y26, xx6, d(0x3eaaaaaa)); y27 = fm(y27, xx7, d(0x3eaaaaaa));
  let x30 = mul(xs0, xx0), x31 = mul(xs1, xx1), x32 = mul(xs2, xx2), x33 = mul(xs3, xx3), x34 = mul(xs4, xx4), x35 = mul(xs5, xx5), x36 = mul(xs6, xx6), x37 = mul(xs7, xx7);
  y10 = fm(y0, x30, y10); y11 = fm(y1, x31, y11); y12 = fm(y2, x32, y12); y13 = fm(y3, x33, y13); y14 = fm(y4, x34, y14); y15 = fm(y5, x35, y15); y16 = fm(y6, x36, y16); y17 = fm(y7, x37, y17);
  y20 = fm(y10, x30, y20); y21 = fm(y11, x31, y21); y22 = fm(y12, x32, y22); y23 = fm(y13, x33, y23); y24 = fm(y14, x34, y24); y25 = fm(y15, x35, y25); y26 = fm(y16, x36, y26); y27 = fm(y17, x37, y27);
  let z0 = fm(xs0, f64x2.splat(-0.5), xx0), z1 = fm(xs1, f64x2.splat(-0.5), xx1), z2 = fm(xs2, f64x2.splat(-0.5), xx2), z3 = fm(xs3, f64x2.splat(-0.5), xx3), z4 = fm(xs4, f64x2.splat(-0.5), xx4), z5 = fm(xs5, f64x2.splat(-0.5), xx5), z6 = fm(xs6, f64x2.splat(-0.5), xx6), z7 = fm(xs7, f64x2.splat(-0.5), xx7);
  let tail0 = fm(y20, x30, mul(ee0, d(0xb95e8083))), tail1 = fm(y21, x31, mul(ee1, d(0xb95e8083))), tail2 = fm(y22, x32, mul(ee2, d(0xb95e8083))), tail3 = fm(y23, x33, mul(ee3, d(0xb95e8083))), tail4 = fm(y24, x34, mul(ee4, d(0xb95e8083))), tail5 = fm(y25, x35, mul(ee5, d(0xb95e8083))), tail6 = fm(y26, x36, mul(ee6, d(0xb95e8083))), tail7 = fm(y27, x37, mul(ee7, d(0xb95e8083)));
  let l0 = fm(ee0, d(0x3f318000), add(z0, tail0)), l1 = fm(ee1, d(0x3f318000), add(z1, tail1)), l2 = fm(ee2, d(0x3f318000), add(z2, tail2)), l3 = fm(ee3, d(0x3f318000), add(z3, tail3)), l4 = fm(ee4, d(0x3f318000), add(z4, tail4)), l5 = fm(ee5, d(0x3f318000), add(z5, tail5)), l6 = fm(ee6, d(0x3f318000), add(z6, tail6)), l7 = fm(ee7, d(0x3f318000), add(z7, tail7));
  giles16(dst, idx, x0, x1, x2, x3, x4, x5, x6, x7, l0, l1, l2, l3, l4, l5, l6, l7, clip, lo, hi);
}

/** Lanes whose t = float32(-u^2) takes log1p's rational branch (|t| < 0.4142), as 2 bits. */
// @ts-ignore: decorator
@inline function smallBits(x: v128): i32 {
  return i64x2.bitmask(f64x2.lt(f64x2.abs(mul(x, f64x2.neg(x))), d(0x3ed413cd)));
}

/** Repeats a list's last index until its length is a multiple of 16 (a repeated element is computed twice, same value). */
// @ts-ignore: decorator
@inline function pad(list: usize, m: i32): i32 {
  while (m & 15) {
    store<u32>(list + (<usize>m << 2), load<u32>(list + (<usize>(m - 1) << 2)));
    m++;
  }
  return m;
}

// Elements are sorted by log1p branch a block at a time, so each chain computes one branch only.
const BLOCK: i32 = 1024;
const SMALL_LIST = memory.data(4 * (BLOCK + 16), 16);
const BIG_LIST = memory.data(4 * (BLOCK + 16), 16);

/** The scalar kernel on m values: truncatedWords, else sqrt2ErfInvWords (values) or normalWords. */
// @ts-ignore: decorator
@inline function scalar(truncated: bool, values: bool, at: usize, m: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  if (truncated) truncatedWords(at, m, a, range, lo, hi);
  else if (values) sqrt2ErfInvWords(at, m);
  else normalWords(at, m);
}

/**
 * The kernels' loop: a block at a time, u of 8 elements a step, in place as float32, sorted into
 * the two lists; then the lists 16 elements a step; the tail of n % 8 by the scalar kernel.
 * Inlined with `truncated` constant, so the chains are compiled twice (once with the clip): the
 * same code as calls with run-time parameters measured 20% slower (55 against 45 M/s).
 * normal: u = fma(f, 2, NORMAL_MIN) of the word's top 23 bits (max(NORMAL_MIN, u) is u as f >= 0),
 * unchecked like the rest (the 2^23-input sweep of normal); with `values` u are the float32 values
 * at dst instead (the tests' view of the chains).
 * truncated: u = fma(f, range, a) checked for float32 midpoints (its inputs depend on the bounds;
 * a flagged group goes to the scalar kernel), then the chains unchecked (exact for every float32 u:
 * the sweep of all of them against ./normal-simd.ts), clipped to [lo, hi].
 */
// @ts-ignore: decorator
@inline function run(truncated: bool, values: bool, dst: usize, n: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  let aD = f64x2.splat(<f64>a), rD = f64x2.splat(<f64>range), loD = f64x2.splat(<f64>lo), hiD = f64x2.splat(<f64>hi);
  let m = n & ~7;
  for (let start = 0; start < m; start += BLOCK) {
    let end = min(start + BLOCK, m), ns = 0, nb = 0;
    // u of each element, in place as float32; groups of 8 the vector code does not model go to the scalar kernel.
    for (let j = start; j < end; j += 8) {
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
      if (!i8x16.all_true(v128.and(v128.and(inRange(x0), inRange(x1)), v128.and(inRange(x2), inRange(x3))))) {
        scalar(truncated, values, at, 8, a, range, lo, hi);
        continue;
      }
      v128.store(at, join(x0, x1));
      v128.store(at, join(x2, x3), 16);
      // Each element's index goes to the list of its log1p branch (branch-free: written to both, counted in one).
      let bits = smallBits(x0) | (smallBits(x1) << 2) | (smallBits(x2) << 4) | (smallBits(x3) << 6);
      for (let k = 0; k < 8; k++) {
        let b = (bits >> k) & 1;
        store<u32>(SMALL_LIST + (<usize>ns << 2), j + k);
        store<u32>(BIG_LIST + (<usize>nb << 2), j + k);
        ns += b;
        nb += b ^ 1;
      }
    }
    ns = pad(SMALL_LIST, ns);
    nb = pad(BIG_LIST, nb);
    for (let k = 0; k < ns; k += 16) small16(dst, SMALL_LIST + (<usize>k << 2), truncated, loD, hiD);
    for (let k = 0; k < nb; k += 16) big16(dst, BIG_LIST + (<usize>k << 2), truncated, loD, hiD);
  }
  scalar(truncated, values, dst + (<usize>m << 2), n - m, a, range, lo, hi);
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
