// The SIMD twins of ./transforms.ts: uniform_ and normal_16 on 4 lanes at a time, computing the
// same bits. float32 values travel in float64x2 halves, where wasm's exact float64 ops emulate
// each float32 operation (round(x op y) to float32 through float64 is correctly rounded for
// + - * / sqrt, since 53 >= 2 * 24 + 2: Figueroa, "When is double rounding innocuous?", 1995)
// and each fused multiply-add (./fmaf.ts: the product is exact, one float64 rounding, one
// float32 rounding). The rare sums where the float64 rounding lands on a float32 midpoint are
// flagged (a lane-wise test of the 29 dropped bits) and the whole vector or block is redone by
// the scalar code, so every output equals the scalar kernel's.
//
// Lane layout of one normal_ block (16 floats at d, j = 0..7, torch's pairing u1 = 1 - d[j],
// u2 = d[j + 8]): group A = lanes j = 0..3 (d[0..3] with d[8..11]), group B = j = 4..7
// (d[4..7] with d[12..15]); each group's f32x4 splits into float64x2 halves L = lanes 0-1 and
// H = lanes 2-3 for the multiply-adds:
//   d:  [ 0  1  2  3 | 4  5  6  7 | 8  9 10 11 | 12 13 14 15 ]
//        group A u1    group B u1   group A u2    group B u2

import { DROPPED_MASK, MIDPOINT, TINY_BITS, fmaf } from "./fmaf";
import {
  SQRTHF, LOG_P0, LOG_P1, LOG_P2, LOG_P3, LOG_P4, LOG_P5, LOG_P6, LOG_P7, LOG_P8, LOG_Q1, LOG_Q2,
  FOPI, DP1, DP2, DP3, SIN_P0, SIN_P1, SIN_P2, COS_P0, COS_P1, COS_P2,
} from "./cephes";
import { normalPair, unit24 } from "./transforms";

// @ts-ignore: decorator
@inline function vec(at: usize): v128 {
  return v128.load(at);
}

const DROPPED_V = memory.data<u64>([DROPPED_MASK, DROPPED_MASK], 16);
const MIDPOINT_V = memory.data<u64>([MIDPOINT, MIDPOINT], 16);
const ABS64_V = memory.data<u64>([0x7fffffffffffffff, 0x7fffffffffffffff], 16);
const TINY_V = memory.data<u64>([TINY_BITS, TINY_BITS], 16);

/** All-ones lanes where a float64 sum sits on a float32 midpoint (double rounding possible). */
// @ts-ignore: decorator
@inline function midpoint(s: v128): v128 {
  return i64x2.eq(v128.and(s, vec(DROPPED_V)), vec(MIDPOINT_V));
}

/**
 * midpoint(s) where s = p + c was inexact (TwoSum's error is not 0): an exact sum on a midpoint
 * is a true tie, which the float32 rounding resolves correctly. Steps whose operands have few
 * bits (the range reductions, e * Q2, the final mean + std n, uniform_'s x * range + from)
 * land on exact ties often; this keeps them off the scalar path.
 */
// @ts-ignore: decorator
@inline function inexactMidpoint(p: v128, c: v128, s: v128): v128 {
  let bb = f64x2.sub(s, p);
  let err = f64x2.add(f64x2.sub(p, f64x2.sub(s, bb)), f64x2.sub(c, bb));
  return v128.and(midpoint(s), f64x2.ne(err, f64x2.splat(0)));
}

/** inexactMidpoint, or |s| in float32's subnormal range (more dropped bits there), or 0. */
// @ts-ignore: decorator
@inline function inexactMidpointOrTiny(p: v128, c: v128, s: v128): v128 {
  return v128.or(inexactMidpoint(p, c, s), i64x2.lt_s(v128.and(s, vec(ABS64_V)), vec(TINY_V)));
}

/** Rounds float64 lanes to float32 and back: one float32 rounding. */
// @ts-ignore: decorator
@inline function r32(s: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(s));
}

/** Lanes 2-3 of an f32x4 as float64x2. */
// @ts-ignore: decorator
@inline function high(x: v128): v128 {
  return f64x2.promote_low_f32x4(i8x16.shuffle(x, x, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
}

/** Lanes 0-1 of an f32x4 as float64x2. */
// @ts-ignore: decorator
@inline function low(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}

/** Two float64x2 halves (holding float32 values) back into one f32x4. */
// @ts-ignore: decorator
@inline function join(l: v128, h: v128): v128 {
  return i8x16.shuffle(f32x4.demote_f64x2_zero(l), f32x4.demote_f64x2_zero(h), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

// ---------------------------------------------------------------------------------------------
// uniform_

const LOW24_V = memory.data<u32>([0xffffff, 0xffffff, 0xffffff, 0xffffff], 16);
const TWO_M24: f32 = reinterpret<f32>(0x33800000); // 5.960464477539063e-8
const TWO_M24_V = memory.data<f32>([TWO_M24, TWO_M24, TWO_M24, TWO_M24], 16);

/** x = (w & 0xffffff) * 2^-24 on 4 lanes: the conversion is exact (24 bits), the scaling too. */
// @ts-ignore: decorator
@inline function unitV(w: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_s(v128.and(w, vec(LOW24_V))), vec(TWO_M24_V));
}

/** uniformScalar's twin: n words at dst become uniform_ values. */
export function uniformSimd(dst: usize, n: i32, from: f32, range: f32, fused: bool): void {
  let i = 0;
  if (fused) {
    let rangeD = f64x2.splat(<f64>range), fromD = f64x2.splat(<f64>from);
    for (; i + 4 <= n; i += 4) {
      let at = dst + (<usize>i << 2);
      let x = unitV(v128.load(at));
      let pl = f64x2.mul(low(x), rangeD), ph = f64x2.mul(high(x), rangeD);
      let sl = f64x2.add(pl, fromD), sh = f64x2.add(ph, fromD);
      if (v128.any_true(v128.or(inexactMidpointOrTiny(pl, fromD, sl), inexactMidpointOrTiny(ph, fromD, sh)))) {
        for (let l = 0; l < 4; l++) {
          let a = at + (<usize>l << 2);
          store<f32>(a, fmaf(unit24(load<u32>(a)), range, from));
        }
      } else {
        v128.store(at, join(sl, sh));
      }
    }
  } else {
    let rangeV = f32x4.splat(range), fromV = f32x4.splat(from);
    for (; i + 4 <= n; i += 4) {
      let at = dst + (<usize>i << 2);
      v128.store(at, f32x4.add(f32x4.mul(unitV(v128.load(at)), rangeV), fromV));
    }
  }
  for (; i < n; i++) {
    let at = dst + (<usize>i << 2);
    let x = unit24(load<u32>(at));
    store<f32>(at, fused ? fmaf(x, range, from) : x * range + from);
  }
}

/** unitsScalar's twin. */
export function unitsSimd(dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let at = dst + (<usize>i << 2);
    v128.store(at, unitV(v128.load(at)));
  }
  for (; i < n; i++) {
    let at = dst + (<usize>i << 2);
    store<f32>(at, unit24(load<u32>(at)));
  }
}

// ---------------------------------------------------------------------------------------------
// normal_fill_16_AVX2


const ONE_F = memory.data<f32>([1.0, 1.0, 1.0, 1.0], 16);
const ZERO_F = memory.data<f32>([0.0, 0.0, 0.0, 0.0], 16);
const SQRTHF_F = memory.data<f32>([SQRTHF, SQRTHF, SQRTHF, SQRTHF], 16);
const EXP_BIAS_I = memory.data<i32>([0x7f, 0x7f, 0x7f, 0x7f], 16);
const INV_EXP_I = memory.data<i32>([~0x7f800000, ~0x7f800000, ~0x7f800000, ~0x7f800000], 16);
const HALF_BITS_I = memory.data<i32>([0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000], 16);
const Q1_F = memory.data<f32>([LOG_Q1, LOG_Q1, LOG_Q1, LOG_Q1], 16);
const TWO_PI_FV = memory.data<f32>([6.2831854820251465, 6.2831854820251465, 6.2831854820251465, 6.2831854820251465], 16);
const FOPI_F = memory.data<f32>([FOPI, FOPI, FOPI, FOPI], 16);
const INT1 = memory.data<i32>([1, 1, 1, 1], 16);
const INT2 = memory.data<i32>([2, 2, 2, 2], 16);
const INT4 = memory.data<i32>([4, 4, 4, 4], 16);
const INV1 = memory.data<i32>([~1, ~1, ~1, ~1], 16);

const P0 = memory.data<f64>([<f64>LOG_P0, <f64>LOG_P0], 16);
const P1 = memory.data<f64>([<f64>LOG_P1, <f64>LOG_P1], 16);
const P2 = memory.data<f64>([<f64>LOG_P2, <f64>LOG_P2], 16);
const P3 = memory.data<f64>([<f64>LOG_P3, <f64>LOG_P3], 16);
const P4 = memory.data<f64>([<f64>LOG_P4, <f64>LOG_P4], 16);
const P5 = memory.data<f64>([<f64>LOG_P5, <f64>LOG_P5], 16);
const P6 = memory.data<f64>([<f64>LOG_P6, <f64>LOG_P6], 16);
const P7 = memory.data<f64>([<f64>LOG_P7, <f64>LOG_P7], 16);
const P8 = memory.data<f64>([<f64>LOG_P8, <f64>LOG_P8], 16);
const Q2 = memory.data<f64>([<f64>LOG_Q2, <f64>LOG_Q2], 16);
const HALF_D = memory.data<f64>([0.5, 0.5], 16);
const MINUS_TWO_F = memory.data<f32>([-2.0, -2.0, -2.0, -2.0], 16);
const DP1_D = memory.data<f64>([<f64>DP1, <f64>DP1], 16);
const DP2_D = memory.data<f64>([<f64>DP2, <f64>DP2], 16);
const DP3_D = memory.data<f64>([<f64>DP3, <f64>DP3], 16);
const S0 = memory.data<f64>([<f64>SIN_P0, <f64>SIN_P0], 16);
const S1 = memory.data<f64>([<f64>SIN_P1, <f64>SIN_P1], 16);
const S2 = memory.data<f64>([<f64>SIN_P2, <f64>SIN_P2], 16);
const C0 = memory.data<f64>([<f64>COS_P0, <f64>COS_P0], 16);
const C1 = memory.data<f64>([<f64>COS_P1, <f64>COS_P1], 16);
const C2 = memory.data<f64>([<f64>COS_P2, <f64>COS_P2], 16);

/** fma(a, b, c) in float64 lanes, then rounded to float32: exact on the verified domains (see top). */
// @ts-ignore: decorator
@inline function fmaV(a: v128, b: v128, c: v128): v128 {
  return r32(f64x2.add(f64x2.mul(a, b), c));
}

/**
 * log256_ps's float64x2 part on both halves (interleaved: two independent dependency chains for
 * the out-of-order core), from the reduced mantissa x, z = x * x, e and e * Q1: the 8 fused
 * Horner steps, y * x, the fused e * Q1 step, - z / 2, + x, the fused e * Q2; then the radius
 * sqrt(-2 log u1), both steps float32. Returns the radius as f32x4.
 */
// @ts-ignore: decorator
@inline function radius4(x: v128, z: v128, e: v128, eq1: v128): v128 {
  let xl = low(x), xh = high(x), zl = low(z), zh = high(z);
  let yl = fmaV(vec(P0), xl, vec(P1)), yh = fmaV(vec(P0), xh, vec(P1));
  yl = fmaV(yl, xl, vec(P2)); yh = fmaV(yh, xh, vec(P2));
  yl = fmaV(yl, xl, vec(P3)); yh = fmaV(yh, xh, vec(P3));
  yl = fmaV(yl, xl, vec(P4)); yh = fmaV(yh, xh, vec(P4));
  yl = fmaV(yl, xl, vec(P5)); yh = fmaV(yh, xh, vec(P5));
  yl = fmaV(yl, xl, vec(P6)); yh = fmaV(yh, xh, vec(P6));
  yl = fmaV(yl, xl, vec(P7)); yh = fmaV(yh, xh, vec(P7));
  yl = fmaV(yl, xl, vec(P8)); yh = fmaV(yh, xh, vec(P8));
  yl = r32(f64x2.mul(yl, xl)); yh = r32(f64x2.mul(yh, xh));
  yl = fmaV(yl, zl, low(eq1)); yh = fmaV(yh, zh, high(eq1));
  yl = r32(f64x2.sub(yl, f64x2.mul(zl, vec(HALF_D)))); yh = r32(f64x2.sub(yh, f64x2.mul(zh, vec(HALF_D))));
  let logl = fmaV(low(e), vec(Q2), r32(f64x2.add(xl, yl)));
  let logh = fmaV(high(e), vec(Q2), r32(f64x2.add(xh, yh)));
  let log = join(logl, logh);
  // -2 log is exact; sqrt in float32 is one correctly rounded op (f32x4.sqrt)
  return f32x4.sqrt(f32x4.mul(vec(MINUS_TWO_F), log));
}

/** The cos polynomial of the reduced angle's square z, both halves interleaved; f32x4 out. */
// @ts-ignore: decorator
@inline function cosPoly4(zl: v128, zh: v128): v128 {
  let cl = fmaV(vec(C0), zl, vec(C1)), ch = fmaV(vec(C0), zh, vec(C1));
  cl = fmaV(cl, zl, vec(C2)); ch = fmaV(ch, zh, vec(C2));
  cl = r32(f64x2.mul(cl, zl)); ch = r32(f64x2.mul(ch, zh));
  cl = fmaV(cl, zl, f64x2.neg(f64x2.mul(zl, vec(HALF_D)))); ch = fmaV(ch, zh, f64x2.neg(f64x2.mul(zh, vec(HALF_D))));
  return f32x4.add(join(cl, ch), vec(ONE_F));
}

/** The sin polynomial of the reduced angle x (z = x * x), both halves interleaved; f32x4 out. */
// @ts-ignore: decorator
@inline function sinPoly4(xl: v128, xh: v128, zl: v128, zh: v128): v128 {
  let sl = fmaV(vec(S0), zl, vec(S1)), sh = fmaV(vec(S0), zh, vec(S1));
  sl = fmaV(sl, zl, vec(S2)); sh = fmaV(sh, zh, vec(S2));
  sl = r32(f64x2.mul(sl, zl)); sh = r32(f64x2.mul(sh, zh));
  return join(fmaV(sl, xl, xl), fmaV(sh, xh, xh));
}

/**
 * One group of 4 Box-Muller lanes of the block at d: u1 = 1 - d[off + l], u2 = d[off + 8 + l]
 * (l < 4), outputs to the same slots. If a final sum is flagged, the scalar code redoes the
 * group's 4 lanes from the inputs, which are still in place.
 */
// @ts-ignore: decorator
@inline function group(d: usize, off: usize, mean: f32, std: f32, meanD: v128, stdD: v128): void {
  let a = v128.load(d + off), b = v128.load(d + off, 32);
  // log256_ps, the float32 front: exponent e and mantissa x in [sqrt(1/2) - 1, sqrt(2) - 1)
  let u1 = f32x4.sub(vec(ONE_F), a);
  let e = f32x4.add(f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(u1, 23), vec(EXP_BIAS_I))), vec(ONE_F));
  let x = v128.or(v128.and(u1, vec(INV_EXP_I)), vec(HALF_BITS_I));
  let mask = f32x4.lt(x, vec(SQRTHF_F));
  let tmp = v128.and(x, mask);
  x = f32x4.sub(x, vec(ONE_F));
  e = f32x4.sub(e, v128.and(vec(ONE_F), mask));
  x = f32x4.add(x, tmp);
  let z = f32x4.mul(x, x);
  let eq1 = f32x4.mul(e, vec(Q1_F));
  let radius = radius4(x, z, e, eq1);

  // sincos256_ps, the float32 front: j = (int(theta 4/pi) + 1) & ~1, signs and polynomial choice
  let theta = f32x4.mul(vec(TWO_PI_FV), b);
  let j = i32x4.trunc_sat_f32x4_s(f32x4.mul(theta, vec(FOPI_F)));
  j = v128.and(i32x4.add(j, vec(INT1)), vec(INV1));
  let yf = f32x4.convert_i32x4_s(j);
  let sinSign = i32x4.shl(v128.and(j, vec(INT4)), 29);
  let sinPoly = i32x4.eq(v128.and(j, vec(INT2)), vec(ZERO_F));
  let cosSign = i32x4.shl(v128.andnot(vec(INT4), i32x4.sub(j, vec(INT2))), 29);
  // the fused range reduction x = theta - yf pi/4 in three parts
  let tl = low(theta), th = high(theta), yl = low(yf), yh = high(yf);
  let xl = fmaV(yl, vec(DP1_D), tl), xh = fmaV(yh, vec(DP1_D), th);
  xl = fmaV(yl, vec(DP2_D), xl); xh = fmaV(yh, vec(DP2_D), xh);
  xl = fmaV(yl, vec(DP3_D), xl); xh = fmaV(yh, vec(DP3_D), xh);
  let xr = join(xl, xh);
  let zr = f32x4.mul(xr, xr);
  let zl = low(zr), zh = high(zr);
  let yc = cosPoly4(zl, zh);
  let ys = sinPoly4(xl, xh, zl, zh);
  // The C code's masked selection adds +0 to the chosen polynomial.
  let sin = v128.xor(f32x4.add(v128.bitselect(ys, yc, sinPoly), vec(ZERO_F)), sinSign);
  let cos = v128.xor(f32x4.add(v128.bitselect(yc, ys, sinPoly), vec(ZERO_F)), cosSign);

  // fma(radius cos, std, mean) and fma(radius sin, std, mean), tested: mean and std are anything
  let n1 = f32x4.mul(radius, cos), n2 = f32x4.mul(radius, sin);
  let p1l = f64x2.mul(low(n1), stdD), p1h = f64x2.mul(high(n1), stdD);
  let p2l = f64x2.mul(low(n2), stdD), p2h = f64x2.mul(high(n2), stdD);
  let s1l = f64x2.add(p1l, meanD), s1h = f64x2.add(p1h, meanD);
  let s2l = f64x2.add(p2l, meanD), s2h = f64x2.add(p2h, meanD);
  let bad = v128.or(v128.or(inexactMidpointOrTiny(p1l, meanD, s1l), inexactMidpointOrTiny(p1h, meanD, s1h)),
    v128.or(inexactMidpointOrTiny(p2l, meanD, s2l), inexactMidpointOrTiny(p2h, meanD, s2h)));
  if (v128.any_true(bad)) {
    for (let l: usize = 0; l < 4; l++) normalPair(d + off + (l << 2), mean, std);
    return;
  }
  v128.store(d + off, join(s1l, s1h));
  v128.store(d + off, join(s2l, s2h), 32);
}

/** normal16Fused's twin on the 16 uniforms at d: group A (lanes 0-3), then group B (lanes 4-7). */
export function normal16Simd(d: usize, mean: f32, std: f32): void {
  let meanD = f64x2.splat(<f64>mean), stdD = f64x2.splat(<f64>std);
  group(d, 0, mean, std, meanD, stdD);
  group(d, 16, mean, std, meanD, stdD);
}
