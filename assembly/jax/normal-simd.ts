// The checked SIMD kernel of sqrt(2) erf_inv(u) (./transforms.ts sqrt2ErfInvWords' twin), 4
// values a step, computing the same bits. float32 values travel in float64x2 halves, where wasm's
// exact float64 ops emulate each float32 operation (one float64 op then one float32 rounding is
// correctly rounded for + - * / sqrt: ../torch/simd.ts) and each fused multiply-add (the product
// is exact in float64, the sum rounds once to float64, then once to float32). A step's result can
// differ from the true fma only when the float64 sum lands on a float32 midpoint (the 29 dropped
// bits are 1000...0) and the sum was inexact (an exact sum on a midpoint is a true tie, which the
// float32 rounding resolves correctly); such lanes, and every lane the vector path does not model
// (|u| < 2^-12, where XLA's flush of subnormal products matters; |u| >= 1, NaN; a log argument
// <= 0), flag their group of 4, which the scalar code redoes: the output is the scalar kernel's
// by construction. Both log1p branches are computed and selected per lane; a branch's flags count
// only on the lanes that take it.
//
// The draws use ./normal-fast.ts, the same steps without the flags (a third of the work), 16 values
// in eight interleaved chains: test/jax/kernels.node.test.ts runs every float32 u with
// 2^-12 <= |u| < 1 through both kernels and requires the same bits, which is what makes dropping
// the flags exact for normal and truncated normal alike.

import { sqrt2ErfInvWords, SQRT2 } from "./transforms";
import { midpoint, inexactMidpoint, r32, low, high, join } from "../torch/simd";

/** Flags of the current group (all-ones lanes need the scalar path), in memory: a v128 global would not compile in the scalar build. */
const BAD = memory.data(16, 16);

// @ts-ignore: decorator
@inline function flag(m: v128): void {
  v128.store(BAD, v128.or(v128.load(BAD), m));
}

// @ts-ignore: decorator
@inline function d(bits: u32): v128 {
  return f64x2.splat(<f64>reinterpret<f32>(bits));
}

/** a * b + c in float64 lanes (a, b, c float32 values: the product is exact): round it with r32, test it with midpoint. */
// @ts-ignore: decorator
@inline function fs(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(a, b), c);
}

// @ts-ignore: decorator
@inline function mul(a: v128, b: v128): v128 {
  return r32(f64x2.mul(a, b));
}

// @ts-ignore: decorator
@inline function add(a: v128, b: v128): v128 {
  return r32(f64x2.add(a, b));
}

// Giles' coefficients (./transforms.ts SMALL_W, LARGE_W), highest first.
// @ts-ignore: decorator
@inline function coef(small: v128, s: u32, l: u32): v128 {
  return v128.bitselect(d(s), d(l), small);
}

/** sqrt(2) erf_inv(u) for float32 values u in float64 lanes (flags |u| < 2^-12, |u| >= 1, NaN). */
// @ts-ignore: decorator
@inline function normalHalf(x: v128, checked: bool): v128 {
  let ax = f64x2.abs(x);
  let range = v128.and(f64x2.ge(ax, f64x2.splat(0.000244140625)), f64x2.lt(ax, f64x2.splat(1)));
  // XLA's log1p(t), t = -x^2: both branches, selected per lane; ms, mb flag each branch's lanes.
  let t = mul(x, f64x2.neg(x));
  let s: v128, ms = i64x2.splat(0), mb = i64x2.splat(0), ma = i64x2.splat(0);
  let small = f64x2.lt(f64x2.abs(t), d(0x3ed413cd));
  let big = v128.not(small);
  // |t| < 0.4142: t + (-0.5 t^2 + (t t^2) N(t) / D(t)).
  let x2 = mul(t, t);
  let pp66 = f64x2.mul(f64x2.splat(1), t), cc66 = d(0x417101ad);
  s = f64x2.add(pp66, cc66); if (checked) ms = v128.or(ms, inexactMidpoint(pp66, cc66, s)); let dd = r32(s);
  let pp67 = f64x2.mul(dd, t), cc67 = d(0x42a6185b);
  s = f64x2.add(pp67, cc67); if (checked) ms = v128.or(ms, midpoint(s)); dd = r32(s);
  let pp68 = f64x2.mul(dd, t), cc68 = d(0x435dc32d);
  s = f64x2.add(pp68, cc68); if (checked) ms = v128.or(ms, midpoint(s)); dd = r32(s);
  let pp69 = f64x2.mul(dd, t), cc69 = d(0x439a8ca3);
  s = f64x2.add(pp69, cc69); if (checked) ms = v128.or(ms, midpoint(s)); dd = r32(s);
  let pp70 = f64x2.mul(dd, t), cc70 = d(0x43586d8a);
  s = f64x2.add(pp70, cc70); if (checked) ms = v128.or(ms, midpoint(s)); dd = r32(s);
  let pp71 = f64x2.mul(dd, t), cc71 = d(0x42707982);
  s = f64x2.add(pp71, cc71); if (checked) ms = v128.or(ms, midpoint(s)); dd = r32(s);
  let pp72 = f64x2.mul(f64x2.splat(<f64><f32>4.527e-5), t), cc72 = d(0x3eff40c5);
  s = f64x2.add(pp72, cc72); if (checked) ms = v128.or(ms, midpoint(s)); let nn = r32(s);
  let pp73 = f64x2.mul(nn, t), cc73 = d(0x40d284fa);
  s = f64x2.add(pp73, cc73); if (checked) ms = v128.or(ms, midpoint(s)); nn = r32(s);
  let pp74 = f64x2.mul(nn, t), cc74 = d(0x41ef4b9c);
  s = f64x2.add(pp74, cc74); if (checked) ms = v128.or(ms, midpoint(s)); nn = r32(s);
  let pp75 = f64x2.mul(nn, t), cc75 = d(0x4273cc76);
  s = f64x2.add(pp75, cc75); if (checked) ms = v128.or(ms, midpoint(s)); nn = r32(s);
  let pp76 = f64x2.mul(nn, t), cc76 = d(0x426473ad);
  s = f64x2.add(pp76, cc76); if (checked) ms = v128.or(ms, midpoint(s)); nn = r32(s);
  let pp77 = f64x2.mul(nn, t), cc77 = d(0x41a05101);
  s = f64x2.add(pp77, cc77); if (checked) ms = v128.or(ms, midpoint(s)); nn = r32(s);
  let r = r32(f64x2.div(nn, dd));
  let pp79 = f64x2.mul(x2, f64x2.splat(-0.5)), cc79 = mul(mul(t, x2), r);
  s = f64x2.add(pp79, cc79); if (checked) ms = v128.or(ms, inexactMidpoint(pp79, cc79, s));
  let lowPart = add(t, r32(s));
  // Otherwise log(t + 1): exponent and mantissa from the float32 bits of v = t + 1 (> 0, else the lane is flagged).
  let v = add(t, f64x2.splat(1));
  mb = v128.or(mb, v128.not(f64x2.gt(v, f64x2.splat(0))));
  let b = f32x4.demote_f64x2_zero(v);
  let e1 = f64x2.promote_low_f32x4(f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(b, 23), i32x4.splat(126))));
  let m = f64x2.promote_low_f32x4(v128.or(v128.and(b, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000)));
  let lt = f64x2.lt(m, d(0x3f3504f3));
  let xx = add(f64x2.sub(m, f64x2.splat(1)), v128.and(m, lt)); // m - 1 is exact
  let ee = f64x2.sub(e1, v128.and(f64x2.splat(1), lt));
  let xs = mul(xx, xx);
  let x3 = mul(xs, xx);
  let pp92 = f64x2.mul(xx, d(0x3d9021bb)), cc92 = d(0xbdebd1b8);
  s = f64x2.add(pp92, cc92); if (checked) mb = v128.or(mb, midpoint(s)); let y = r32(s);
  let pp93 = f64x2.mul(xx, d(0xbdfe5d4f)), cc93 = d(0x3e11e9bf);
  s = f64x2.add(pp93, cc93); if (checked) mb = v128.or(mb, midpoint(s)); let y1 = r32(s);
  let pp94 = f64x2.mul(xx, d(0x3e4cceac)), cc94 = d(0xbe7ffffc);
  s = f64x2.add(pp94, cc94); if (checked) mb = v128.or(mb, midpoint(s)); let y2 = r32(s);
  let pp95 = f64x2.mul(y, xx), cc95 = d(0x3def251a);
  s = f64x2.add(pp95, cc95); if (checked) mb = v128.or(mb, midpoint(s)); y = r32(s);
  let pp96 = f64x2.mul(y1, xx), cc96 = d(0xbe2aae50);
  s = f64x2.add(pp96, cc96); if (checked) mb = v128.or(mb, midpoint(s)); y1 = r32(s);
  let pp97 = f64x2.mul(y2, xx), cc97 = d(0x3eaaaaaa);
  s = f64x2.add(pp97, cc97); if (checked) mb = v128.or(mb, midpoint(s)); y2 = r32(s);
  let pp98 = f64x2.mul(y, x3), cc98 = y1;
  s = f64x2.add(pp98, cc98); if (checked) mb = v128.or(mb, midpoint(s)); y1 = r32(s);
  let pp99 = f64x2.mul(y1, x3), cc99 = y2;
  s = f64x2.add(pp99, cc99); if (checked) mb = v128.or(mb, midpoint(s)); y2 = r32(s);
  let pp100 = f64x2.mul(y2, x3), cc100 = mul(ee, d(0xb95e8083));
  s = f64x2.add(pp100, cc100); if (checked) mb = v128.or(mb, inexactMidpoint(pp100, cc100, s)); let tail = r32(s);
  let pp101 = f64x2.mul(xs, f64x2.splat(-0.5)), cc101 = xx;
  s = f64x2.add(pp101, cc101); if (checked) mb = v128.or(mb, inexactMidpoint(pp101, cc101, s)); let z = r32(s);
  let pp102 = f64x2.mul(ee, d(0x3f318000)), cc102 = add(z, tail);
  s = f64x2.add(pp102, cc102); if (checked) mb = v128.or(mb, inexactMidpoint(pp102, cc102, s)); let logPart = r32(s);
  let l = v128.bitselect(lowPart, logPart, small);
  ma = v128.or(ma, v128.or(v128.and(ms, small), v128.and(mb, big)));
  let smallW = f64x2.gt(l, f64x2.splat(-5));
  let q = v128.bitselect(add(f64x2.splat(-2.5), f64x2.neg(l)), add(r32(f64x2.sqrt(f64x2.neg(l))), f64x2.splat(-3)), smallW);
  let pp107 = f64x2.mul(coef(smallW, 0x32f16588, 0xb951f09b), q), cc107 = coef(smallW, 0x34b84b36, 0x38d3b56b);
  s = f64x2.add(pp107, cc107); if (checked) ma = v128.or(ma, inexactMidpoint(pp107, cc107, s)); let p = r32(s);
  let pp108 = f64x2.mul(q, p), cc108 = coef(smallW, 0xb66c7357, 0x3ab0dc72);
  s = f64x2.add(pp108, cc108); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp109 = f64x2.mul(q, p), cc109 = coef(smallW, 0xb6935ac1, 0xbb70bde7);
  s = f64x2.add(pp109, cc109); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp110 = f64x2.mul(q, p), cc110 = coef(smallW, 0x396532db, 0x3bbc127b);
  s = f64x2.add(pp110, cc110); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp111 = f64x2.mul(q, p), cc111 = coef(smallW, 0xbaa45408, 0xbbf9c5d7);
  s = f64x2.add(pp111, cc111); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp112 = f64x2.mul(q, p), cc112 = coef(smallW, 0xbb88e4ef, 0x3c1aa57e);
  s = f64x2.add(pp112, cc112); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp113 = f64x2.mul(q, p), cc113 = coef(smallW, 0x3e7c8f63, 0x3f8036db);
  s = f64x2.add(pp113, cc113); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  let pp114 = f64x2.mul(q, p), cc114 = coef(smallW, 0x3fc02e2f, 0x40354f7e);
  s = f64x2.add(pp114, cc114); if (checked) ma = v128.or(ma, midpoint(s)); p = r32(s);
  flag(v128.or(ma, v128.not(range)));
  return mul(mul(x, p), f64x2.splat(<f64>SQRT2));
}

/** uniform(minval, minval + range) of 4 words' top 23 bits, as two float64x2 halves' source. */
// @ts-ignore: decorator
@inline export function unit(w: v128): v128 {
  return f32x4.sub(v128.or(i32x4.shr_u(w, 9), i32x4.splat(0x3f800000)), f32x4.splat(1));
}

/**
 * sqrt2ErfInvWords' twin with every step checked: 4 float32 values u a step, a group with a flagged
 * lane redone by the scalar code, so its output is the scalar kernel's by construction. The fast
 * kernel (./normal-fast.ts) drops the checks; the tests sweep every float32 u through both.
 */
export function sqrt2ErfInvChecked(dst: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let at = dst + (<usize>j << 2);
    let u = v128.load(at);
    v128.store(BAD, i64x2.splat(0));
    let vl = normalHalf(low(u), true), vh = normalHalf(high(u), true);
    if (v128.any_true(v128.load(BAD))) sqrt2ErfInvWords(at, 4);
    else v128.store(at, join(vl, vh));
  }
  sqrt2ErfInvWords(dst + (<usize>j << 2), n - j);
}
