// normal_fill_16_AVX2 on 4 lanes at a time: the SIMD twin of ./transforms.ts normal16Fused (the
// scalar reference), computing the same bits. torch's fused multiply-adds are emulated in
// float64x2 halves (./simd.ts: mul, add, then one float32 rounding, exact on Box-Muller's inputs:
// test/torch/exhaustive.node.test.ts tries all 2^24 of each).
// see: aten/src/ATen/native/cpu/avx_mathfun.h (log256_ps, sincos256_ps), DistributionTemplates.h.
//
// Two passes over a window of blocks (16 floats each; torch pairs u1 = 1 - d[j] with u2 = d[j + 8]):
//   radii:  d[0..7] of every block -> radius = sqrt(-2 log256(u1)), stored in place;
//   angles: d[8..15] -> sincos256(float(2 pi) u2), then d[j] = fma(radius cos, std, mean) and
//           d[j + 8] = fma(radius sin, std, mean).
//   d: [ 0  1  2  3 | 4  5  6  7 | 8  9 10 11 | 12 13 14 15 ]
//        vector 0      vector 1    vector 2      vector 3
//        u1 -> radius (pass 1)     u2 (pass 2), outputs to all 16 slots
// Why two passes: an emulated fused step is 4 dependent instructions (mul, add, demote, promote),
// so one block's log is a chain of ~60 and its sincos one of ~40; each pass handles one block's
// two vectors (4 float64x2 halves, 8 chains in sincos) per iteration, and iterations share no
// data, so the out-of-order core runs consecutive blocks' chains side by side. (One block's log
// and sincos interleaved, the previous kernel, left the core waiting: 0.44x of torch.)
//
// Steps that need no emulation (same bits by construction, not by test):
//   - torch fuses x = fma(y, DP1, theta), fma(y, DP2, x) and fma(e, Q2, x), but their products are
//     exact in float32 (y is an even integer <= 8, e an integer in [-25, 1]; DP1 has 8 significant
//     bits, DP2 12, Q2 10), so the fma is a float32 multiply (exact) and add (one rounding).
//   - log's y - z/2 and x + y are plain float32 in torch (z/2 is exact either way).
//   - mean == +0: fma(n, std, +0) is round(n std) + 0 (the + 0 turns a -0 product into +0, as the
//     fma does), except when a nonzero product underflows to zero (the fma keeps its sign): such
//     lanes are redone by the scalar code.
//   - A chain's last fused step feeds join(), which rounds to float32 once: its sum stays float64
//     (fmaRaw) instead of being rounded, promoted and rounded again (the same value).
//
// Fused steps in a fixed binade (proved by the exhaustive test, exact by construction given it):
// when a step's result lies in [2^e, 2^(e+1)) in magnitude for every Box-Muller input, it is
// rounded with a magic constant M = 1.5 * 2^(e+29) instead of the float32 round trip. M's float64
// ulp is 2^(e-23), float32's ulp in that binade; c + M is exact (c is a float32 of the same
// binade), so p + (c + M) rounds the exact a * b + c once to a multiple of 2^(e-23), ties to even
// (M / 2^(e-23) is even), and subtracting M is exact: the correctly rounded fma in 3 float64 ops
// (no demote/promote). Binades: cos's first two steps 2^-10 and 2^-5, sin's 2^-7 and 2^-3, log's
// last Horner step 2^-2 (test/torch/exhaustive.node.test.ts checks each over all 2^24 inputs).

import {
  SQRTHF, LOG_P0, LOG_P1, LOG_P2, LOG_P3, LOG_P4, LOG_P5, LOG_P6, LOG_P7, LOG_P8, LOG_Q1, LOG_Q2,
  FOPI, DP1, DP2, DP3, SIN_P0, SIN_P1, SIN_P2, COS_P0, COS_P1, COS_P2,
} from "./cephes";
import { normalPairRadius, radiusOf } from "./transforms";
import { vec, inexactMidpointOrTiny, r32, low, high, join } from "./simd";

const ONE_F = memory.data<f32>([1.0, 1.0, 1.0, 1.0], 16);
const ZERO_F = memory.data<f32>([0.0, 0.0, 0.0, 0.0], 16);
const HALF_F = memory.data<f32>([0.5, 0.5, 0.5, 0.5], 16);
const MINUS_TWO_F = memory.data<f32>([-2.0, -2.0, -2.0, -2.0], 16);
const SQRTHF_F = memory.data<f32>([SQRTHF, SQRTHF, SQRTHF, SQRTHF], 16);
const EXP_BIAS_I = memory.data<i32>([0x7f, 0x7f, 0x7f, 0x7f], 16);
const INV_EXP_I = memory.data<i32>([~0x7f800000, ~0x7f800000, ~0x7f800000, ~0x7f800000], 16);
const HALF_BITS_I = memory.data<i32>([0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000], 16);
const Q1_F = memory.data<f32>([LOG_Q1, LOG_Q1, LOG_Q1, LOG_Q1], 16);
const Q2_F = memory.data<f32>([LOG_Q2, LOG_Q2, LOG_Q2, LOG_Q2], 16);
const TWO_PI_F = memory.data<f32>([6.2831854820251465, 6.2831854820251465, 6.2831854820251465, 6.2831854820251465], 16);
const FOPI_F = memory.data<f32>([FOPI, FOPI, FOPI, FOPI], 16);
const DP1_F = memory.data<f32>([DP1, DP1, DP1, DP1], 16);
const DP2_F = memory.data<f32>([DP2, DP2, DP2, DP2], 16);
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
const HALF_D = memory.data<f64>([0.5, 0.5], 16);
const DP3_D = memory.data<f64>([<f64>DP3, <f64>DP3], 16);
const S0 = memory.data<f64>([<f64>SIN_P0, <f64>SIN_P0], 16);
const C0 = memory.data<f64>([<f64>COS_P0, <f64>COS_P0], 16);

// Fixed-binade steps (see top): M = 1.5 * 2^(e + 29) and c + M for each.
const M_COS1 = memory.data<f64>([786432.0, 786432.0], 16); // 1.5 * 2^19: e = -10
const C1M = memory.data<f64>([<f64>COS_P1 + 786432.0, <f64>COS_P1 + 786432.0], 16);
const M_COS2 = memory.data<f64>([25165824.0, 25165824.0], 16); // 1.5 * 2^24: e = -5
const C2M = memory.data<f64>([<f64>COS_P2 + 25165824.0, <f64>COS_P2 + 25165824.0], 16);
const M_SIN1 = memory.data<f64>([6291456.0, 6291456.0], 16); // 1.5 * 2^22: e = -7
const S1M = memory.data<f64>([<f64>SIN_P1 + 6291456.0, <f64>SIN_P1 + 6291456.0], 16);
const M_SIN2 = memory.data<f64>([100663296.0, 100663296.0], 16); // 1.5 * 2^26: e = -3
const S2M = memory.data<f64>([<f64>SIN_P2 + 100663296.0, <f64>SIN_P2 + 100663296.0], 16);
const M_LOG8 = memory.data<f64>([201326592.0, 201326592.0], 16); // 1.5 * 2^27: e = -2
const P8M = memory.data<f64>([<f64>LOG_P8 + 201326592.0, <f64>LOG_P8 + 201326592.0], 16);

/** torch's fused a * b + c on float64x2 lanes holding float32 values, rounded to float32 (see top). */
// @ts-ignore: decorator
@inline function fmaV(a: v128, b: v128, c: v128): v128 {
  return r32(f64x2.add(f64x2.mul(a, b), c));
}

/** a * b + c in float64, for a chain's last step: join() rounds it to float32 once (see top). */
// @ts-ignore: decorator
@inline function fmaRaw(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(a, b), c);
}

/** torch's fused a * b + c for a result in a fixed binade: cm = c + M, m = M (see top). */
// @ts-ignore: decorator
@inline function fmaFixed(a: v128, b: v128, cm: usize, m: usize): v128 {
  return f64x2.sub(f64x2.add(f64x2.mul(a, b), vec(cm)), vec(m));
}

/** Horner step y * x + P[k] on one half. */
// @ts-ignore: decorator
@inline function step(y: v128, x: v128, p: usize): v128 {
  return fmaV(y, x, vec(p));
}

/** log256_ps's float32 front: exponent e, as a float, of u = 1 - a (the mantissa comes from mantissa()). */
// @ts-ignore: decorator
@inline function exponent(u: v128): v128 {
  let e = f32x4.add(f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(u, 23), vec(EXP_BIAS_I))), vec(ONE_F));
  let x = v128.or(v128.and(u, vec(INV_EXP_I)), vec(HALF_BITS_I));
  return f32x4.sub(e, v128.and(vec(ONE_F), f32x4.lt(x, vec(SQRTHF_F))));
}

/** log256_ps's float32 front: the reduced mantissa x in [sqrt(1/2) - 1, sqrt(2) - 1) of u. */
// @ts-ignore: decorator
@inline function mantissa(u: v128): v128 {
  let x = v128.or(v128.and(u, vec(INV_EXP_I)), vec(HALF_BITS_I));
  let tmp = v128.and(x, f32x4.lt(x, vec(SQRTHF_F)));
  return f32x4.add(f32x4.sub(x, vec(ONE_F)), tmp);
}

/** log256_ps's tail after the fused y = fma(y, z, e Q1), then the radius sqrt(-2 log). */
// @ts-ignore: decorator
@inline function radiusTail(y: v128, x: v128, z: v128, e: v128): v128 {
  y = f32x4.sub(y, f32x4.mul(z, vec(HALF_F)));
  x = f32x4.add(x, y);
  let log = f32x4.add(f32x4.mul(e, vec(Q2_F)), x);
  // -2 log is exact; sqrt in float32 is one correctly rounded op
  return f32x4.sqrt(f32x4.mul(vec(MINUS_TWO_F), log));
}

/**
 * Pass 1 on two blocks (4 vectors: d[0..7] and d[16..23] in floats) at once: 8 independent Horner
 * chains, written out side by side so that every emulated step has 7 others to overlap with.
 */
// @ts-ignore: decorator
@inline function radii2(d: usize): void {
  let u0 = f32x4.sub(vec(ONE_F), v128.load(d)), u1 = f32x4.sub(vec(ONE_F), v128.load(d, 16));
  let u2 = f32x4.sub(vec(ONE_F), v128.load(d, 64)), u3 = f32x4.sub(vec(ONE_F), v128.load(d, 80));
  let x0 = mantissa(u0), x1 = mantissa(u1), x2 = mantissa(u2), x3 = mantissa(u3);
  let xa = low(x0), xb = high(x0), xc = low(x1), xe = high(x1), xf = low(x2), xg = high(x2), xh = low(x3), xk = high(x3);
  // the 8 fused Horner steps
  let ya = fmaV(vec(P0), xa, vec(P1)), yb = fmaV(vec(P0), xb, vec(P1)), yc = fmaV(vec(P0), xc, vec(P1)), ye = fmaV(vec(P0), xe, vec(P1));
  let yf = fmaV(vec(P0), xf, vec(P1)), yg = fmaV(vec(P0), xg, vec(P1)), yh = fmaV(vec(P0), xh, vec(P1)), yk = fmaV(vec(P0), xk, vec(P1));
  ya = step(ya, xa, P2); yb = step(yb, xb, P2); yc = step(yc, xc, P2); ye = step(ye, xe, P2); yf = step(yf, xf, P2); yg = step(yg, xg, P2); yh = step(yh, xh, P2); yk = step(yk, xk, P2);
  ya = step(ya, xa, P3); yb = step(yb, xb, P3); yc = step(yc, xc, P3); ye = step(ye, xe, P3); yf = step(yf, xf, P3); yg = step(yg, xg, P3); yh = step(yh, xh, P3); yk = step(yk, xk, P3);
  ya = step(ya, xa, P4); yb = step(yb, xb, P4); yc = step(yc, xc, P4); ye = step(ye, xe, P4); yf = step(yf, xf, P4); yg = step(yg, xg, P4); yh = step(yh, xh, P4); yk = step(yk, xk, P4);
  ya = step(ya, xa, P5); yb = step(yb, xb, P5); yc = step(yc, xc, P5); ye = step(ye, xe, P5); yf = step(yf, xf, P5); yg = step(yg, xg, P5); yh = step(yh, xh, P5); yk = step(yk, xk, P5);
  ya = step(ya, xa, P6); yb = step(yb, xb, P6); yc = step(yc, xc, P6); ye = step(ye, xe, P6); yf = step(yf, xf, P6); yg = step(yg, xg, P6); yh = step(yh, xh, P6); yk = step(yk, xk, P6);
  ya = step(ya, xa, P7); yb = step(yb, xb, P7); yc = step(yc, xc, P7); ye = step(ye, xe, P7); yf = step(yf, xf, P7); yg = step(yg, xg, P7); yh = step(yh, xh, P7); yk = step(yk, xk, P7);
  // the last one in binade 2^-2
  ya = fmaFixed(ya, xa, P8M, M_LOG8); yb = fmaFixed(yb, xb, P8M, M_LOG8); yc = fmaFixed(yc, xc, P8M, M_LOG8); ye = fmaFixed(ye, xe, P8M, M_LOG8);
  yf = fmaFixed(yf, xf, P8M, M_LOG8); yg = fmaFixed(yg, xg, P8M, M_LOG8); yh = fmaFixed(yh, xh, P8M, M_LOG8); yk = fmaFixed(yk, xk, P8M, M_LOG8);
  // y = y * x (rounded)
  ya = r32(f64x2.mul(ya, xa)); yb = r32(f64x2.mul(yb, xb)); yc = r32(f64x2.mul(yc, xc)); ye = r32(f64x2.mul(ye, xe)); yf = r32(f64x2.mul(yf, xf)); yg = r32(f64x2.mul(yg, xg)); yh = r32(f64x2.mul(yh, xh)); yk = r32(f64x2.mul(yk, xk));
  let e0 = exponent(u0), e1 = exponent(u1), e2 = exponent(u2), e3 = exponent(u3);
  let z0 = f32x4.mul(x0, x0), z1 = f32x4.mul(x1, x1), z2 = f32x4.mul(x2, x2), z3 = f32x4.mul(x3, x3);
  // the fused y = fma(y, z, e Q1), e Q1 rounded first; join() rounds it
  let q0 = f32x4.mul(e0, vec(Q1_F)), q1 = f32x4.mul(e1, vec(Q1_F)), q2 = f32x4.mul(e2, vec(Q1_F)), q3 = f32x4.mul(e3, vec(Q1_F));
  ya = fmaRaw(ya, low(z0), low(q0)); yb = fmaRaw(yb, high(z0), high(q0));
  yc = fmaRaw(yc, low(z1), low(q1)); ye = fmaRaw(ye, high(z1), high(q1));
  yf = fmaRaw(yf, low(z2), low(q2)); yg = fmaRaw(yg, high(z2), high(q2));
  yh = fmaRaw(yh, low(z3), low(q3)); yk = fmaRaw(yk, high(z3), high(q3));
  v128.store(d, radiusTail(join(ya, yb), x0, z0, e0));
  v128.store(d, radiusTail(join(yc, ye), x1, z1, e1), 16);
  v128.store(d, radiusTail(join(yf, yg), x2, z2, e2), 64);
  v128.store(d, radiusTail(join(yh, yk), x3, z3, e3), 80);
}

/** Pass 1: d[0..7] of each block (uniforms x) become radius = sqrt(-2 log256(1 - x)). */
function radii(d: usize, blocks: i32): void {
  let b = 0;
  for (; b + 2 <= blocks; b += 2, d += 128) radii2(d);
  // an odd last block: the scalar radius, lane by lane (the same bits)
  if (b < blocks) for (let l: usize = 0; l < 8; l++) store<f32>(d + (l << 2), radiusOf(load<f32>(d + (l << 2))));
}

/**
 * The cos polynomial of the reduced angle's square z (one half): fused steps (binades 2^-10,
 * 2^-5), then z yc, then the fused - z/2, left for join() to round.
 */
// @ts-ignore: decorator
@inline function cosHalf(z: v128): v128 {
  let c = fmaFixed(vec(C0), z, C1M, M_COS1);
  c = fmaFixed(c, z, C2M, M_COS2);
  c = r32(f64x2.mul(c, z));
  return fmaRaw(c, z, f64x2.neg(f64x2.mul(z, vec(HALF_D))));
}

/**
 * The sin polynomial of the reduced angle x (one half, z = x * x): fused steps (binades 2^-7,
 * 2^-3), z ys, then the fused ys x + x, left for join() to round.
 */
// @ts-ignore: decorator
@inline function sinHalf(x: v128, z: v128): v128 {
  let s = fmaFixed(vec(S0), z, S1M, M_SIN1);
  s = fmaFixed(s, z, S2M, M_SIN2);
  s = r32(f64x2.mul(s, z));
  return fmaRaw(s, x, x);
}

/**
 * One vector of pass 2 (lanes off .. off + 3 of the block at d): sincos256 of theta = float(2 pi) u2
 * and the final multiply-adds with the radius at d + off. Stores the outputs to d + off and
 * d + off + 32 unless a lane is flagged; then the scalar code redoes the vector's 4 lanes
 * (its radius and u2 are still in place).
 */
// @ts-ignore: decorator
@inline function finish(d: usize, off: usize, xl: v128, xh: v128, zr: v128, j: v128,
  mean: f32, std: f32, zeroMean: bool): void {
  let zl = low(zr), zh = high(zr);
  let yc = f32x4.add(join(cosHalf(zl), cosHalf(zh)), vec(ONE_F));
  let ys = join(sinHalf(xl, zl), sinHalf(xh, zh));
  let sinSign = i32x4.shl(v128.and(j, vec(INT4)), 29);
  let sinPoly = i32x4.eq(v128.and(j, vec(INT2)), vec(ZERO_F));
  let cosSign = i32x4.shl(v128.andnot(vec(INT4), i32x4.sub(j, vec(INT2))), 29);
  // The C code's masked selection adds +0 to the chosen polynomial.
  let sin = v128.xor(f32x4.add(v128.bitselect(ys, yc, sinPoly), vec(ZERO_F)), sinSign);
  let cos = v128.xor(f32x4.add(v128.bitselect(yc, ys, sinPoly), vec(ZERO_F)), cosSign);
  let radius = v128.load(d + off);
  let n1 = f32x4.mul(radius, cos), n2 = f32x4.mul(radius, sin);
  let o1: v128, o2: v128, bad: bool;
  if (zeroMean) {
    let stdV = f32x4.splat(std);
    o1 = f32x4.add(f32x4.mul(n1, stdV), vec(ZERO_F));
    o2 = f32x4.add(f32x4.mul(n2, stdV), vec(ZERO_F));
    // a nonzero product rounded to zero: the fma would keep the product's sign
    let lost = v128.or(v128.and(f32x4.eq(o1, vec(ZERO_F)), f32x4.ne(n1, vec(ZERO_F))),
      v128.and(f32x4.eq(o2, vec(ZERO_F)), f32x4.ne(n2, vec(ZERO_F))));
    bad = v128.any_true(lost);
  } else {
    let meanD = f64x2.splat(<f64>mean), stdD = f64x2.splat(<f64>std);
    let p1l = f64x2.mul(low(n1), stdD), p1h = f64x2.mul(high(n1), stdD);
    let p2l = f64x2.mul(low(n2), stdD), p2h = f64x2.mul(high(n2), stdD);
    let s1l = f64x2.add(p1l, meanD), s1h = f64x2.add(p1h, meanD);
    let s2l = f64x2.add(p2l, meanD), s2h = f64x2.add(p2h, meanD);
    bad = v128.any_true(v128.or(v128.or(inexactMidpointOrTiny(p1l, meanD, s1l), inexactMidpointOrTiny(p1h, meanD, s1h)),
      v128.or(inexactMidpointOrTiny(p2l, meanD, s2l), inexactMidpointOrTiny(p2h, meanD, s2h))));
    o1 = join(s1l, s1h);
    o2 = join(s2l, s2h);
  }
  if (bad) {
    for (let l: usize = 0; l < 4; l++) {
      let at = d + off + (l << 2);
      normalPairRadius(at, load<f32>(at), mean, std);
    }
    return;
  }
  v128.store(d + off, o1);
  v128.store(d + off, o2, 32);
}

/** sincos256_ps's octant of theta >= 0: j = (int(theta 4/pi) + 1) & ~1 (even: the polynomial and signs follow from it). */
// @ts-ignore: decorator
@inline function octant(theta: v128): v128 {
  let j = i32x4.trunc_sat_f32x4_s(f32x4.mul(theta, vec(FOPI_F)));
  return v128.and(i32x4.add(j, vec(INT1)), vec(INV1));
}

/** sincos256_ps's range reduction's exact-product steps: theta + y DP1 + y DP2, each rounded once (see top). */
// @ts-ignore: decorator
@inline function reduce2(theta: v128, y: v128): v128 {
  let x = f32x4.add(f32x4.mul(y, vec(DP1_F)), theta);
  return f32x4.add(f32x4.mul(y, vec(DP2_F)), x);
}

/** Pass 2: d[8..15] (u2) of each block and the radii at d[0..7] become the 16 outputs. */
function angles(d: usize, blocks: i32, mean: f32, std: f32): void {
  let zeroMean = reinterpret<u32>(mean) == 0;
  for (let b = 0; b < blocks; b++, d += 64) {
    let t0 = f32x4.mul(vec(TWO_PI_F), v128.load(d, 32)), t1 = f32x4.mul(vec(TWO_PI_F), v128.load(d, 48));
    let j0 = octant(t0), j1 = octant(t1);
    let y0 = f32x4.convert_i32x4_s(j0), y1 = f32x4.convert_i32x4_s(j1);
    let x0 = reduce2(t0, y0), x1 = reduce2(t1, y1);
    // the last reduction step, fused with a product that is not exact
    let x0l = fmaV(low(y0), vec(DP3_D), low(x0)), x0h = fmaV(high(y0), vec(DP3_D), high(x0));
    let x1l = fmaV(low(y1), vec(DP3_D), low(x1)), x1h = fmaV(high(y1), vec(DP3_D), high(x1));
    let r0 = join(x0l, x0h), r1 = join(x1l, x1h);
    finish(d, 0, x0l, x0h, f32x4.mul(r0, r0), j0, mean, std, zeroMean);
    finish(d, 16, x1l, x1h, f32x4.mul(r1, r1), j1, mean, std, zeroMean);
  }
}

/** normal16Fused's twin on `blocks` blocks of 16 uniforms at d. */
export function normalBlocksSimd(d: usize, blocks: i32, mean: f32, std: f32): void {
  radii(d, blocks);
  angles(d, blocks, mean, std);
}
