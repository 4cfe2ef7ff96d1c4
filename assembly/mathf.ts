// Float32 math for the samplers: each function has a scalar reference and an f32x4 twin that
// performs the same IEEE-exact operations (add, sub, mul, div, sqrt, conversions, min/max) in
// the same order, so both give the same bits. No FMA, no relaxed SIMD. Constants are written as
// f32 bit patterns with their decimal value in a comment; the JS reference in test/ uses the
// same bit patterns.

// SIMD constants live in a memory pool and are loaded where used: V8 rebuilds a v128.const on
// every loop iteration, while a load from L1 is nearly free (measured: +20% and more). Each entry
// holds one 4-byte lane and v128.load32_splat fills the vector (one vbroadcastss on x86, as fast
// as a 16-byte load in an alternating run): 12 bytes less per constant than storing all four
// lanes, 0.8 KiB of the binary every app ships. Each pool entry is
// `ASC_FEATURE_SIMD ? memory.data(...) : 0`: the compiler folds the condition and reserves the
// bytes only in the SIMD build (the scalar build carried 1.1 KiB of unused constants otherwise).

/** A v128 constant: its 4-byte lane in the static data pool, splatted by the load. */
// @ts-ignore: decorator
@inline export function vec(at: usize): v128 {
  return v128.load32_splat(at);
}

/** Small constants shared by the SIMD code. */
export const ZERO_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([0.0], 4) : 0;
export const HALF_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([0.5], 4) : 0;
export const ONE_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([1.0], 4) : 0;
export const TWO_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([2.0], 4) : 0;
export const MINUS_TWO_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([-2.0], 4) : 0;
export const INT_ONE_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([1], 4) : 0;
export const INT_TWO_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([2], 4) : 0;

// ---------------------------------------------------------------------------------------------
// Words to floats

/** 1 - 2^-24, the largest float below 1. */
const ONE_MINUS_2M24: f32 = reinterpret<f32>(0x3f7fffff); // 0.9999999403953552
const ONE_MINUS_2M24_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([ONE_MINUS_2M24], 4) : 0;
const ONE_BITS_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([0x3f800000], 4) : 0;

/**
 * A tape word as a float in (0, 1): ((x >>> 8) | 1) * 2^-24, the top 24 bits with the lowest
 * forced to 1, so u is an odd multiple of 2^-24: never 0 or 1, and 1 - u is exact.
 * Computed without an int-to-float conversion: 1 + (x >>> 9) * 2^-23 is built from its bits,
 * and subtracting 1 - 2^-24 leaves (2 (x >>> 9) + 1) * 2^-24 exactly (Sterbenz: the operands are
 * within a factor 2, and the result has 24 significant bits).
 */
// @ts-ignore: decorator
@inline export function unitf(x: u32): f32 {
  return reinterpret<f32>((x >>> 9) | 0x3f800000) - ONE_MINUS_2M24;
}

/** f32x4 twin of unitf. */
// @ts-ignore: decorator
@inline export function unitx(x: v128): v128 {
  return f32x4.sub(v128.or(i32x4.shr_u(x, 9), vec(ONE_BITS_V)), vec(ONE_MINUS_2M24_V));
}

/**
 * min(a, b) as `b < a ? b : a`: one instruction in SIMD (f32x4.pmin), where f32x4.min's NaN
 * and signed-zero rules cost V8 six. The scalar twin uses the same rule, so -0/+0 ties resolve
 * identically.
 */
// @ts-ignore: decorator
@inline export function pminf(a: f32, b: f32): f32 {
  return b < a ? b : a;
}

/** max(a, b) as `a < b ? b : a` (f32x4.pmax). */
// @ts-ignore: decorator
@inline export function pmaxf(a: f32, b: f32): f32 {
  return a < b ? b : a;
}

// ---------------------------------------------------------------------------------------------
// Natural logarithm for normal positive floats
// see: FreeBSD msun e_logf.c (Sun Microsystems), reduction to [sqrt(2)/2, sqrt(2)] and
//      log(1+f) = f - f*f/2 + s*(f*f/2 + R(s*s)), s = f/(2+f).
// Error: < 1 ulp on [2^-126, +inf). Callers only pass normal positive floats.

const LN2_HI: f32 = reinterpret<f32>(0x3f317180); // 6.9313812256e-01
const LN2_HI_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LN2_HI], 4) : 0;
const LN2_LO: f32 = reinterpret<f32>(0x3717f7d1); // 9.0580006145e-06
const LN2_LO_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LN2_LO], 4) : 0;
const LG1: f32 = reinterpret<f32>(0x3f2aaaaa); // 0.66666662693
const LG1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LG1], 4) : 0;
const LG2: f32 = reinterpret<f32>(0x3eccce13); // 0.40000972152
const LG2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LG2], 4) : 0;
const LG3: f32 = reinterpret<f32>(0x3e91e9ee); // 0.28498786688
const LG3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LG3], 4) : 0;
const LG4: f32 = reinterpret<f32>(0x3e789e26); // 0.24279078841
const LG4_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([LG4], 4) : 0;
/** bits(sqrt(2)/2): the reduction moves the mantissa into [sqrt(2)/2, sqrt(2)). */
const SQRT_HALF_BITS: i32 = 0x3f3504f3;
const ONE_BITS: i32 = 0x3f800000;
const LOG_BIAS_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([ONE_BITS - SQRT_HALF_BITS], 4) : 0;
const SQRT_HALF_BITS_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([SQRT_HALF_BITS], 4) : 0;
const EXP_BIAS_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([0x7f], 4) : 0;
const MANT_MASK_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([0x007fffff], 4) : 0;

export function logf(x: f32): f32 {
  let ix = reinterpret<i32>(x) + (ONE_BITS - SQRT_HALF_BITS);
  let k = (ix >> 23) - 0x7f;
  ix = (ix & 0x007fffff) + SQRT_HALF_BITS;
  let f = reinterpret<f32>(ix) - <f32>1.0;
  let s = f / (<f32>2.0 + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (LG2 + w * LG4);
  let t2 = z * (LG1 + w * LG3);
  let r = t2 + t1;
  let hfsq = <f32>0.5 * f * f;
  let dk = <f32>k;
  return (((s * (hfsq + r) + dk * LN2_LO) - hfsq) + f) + dk * LN2_HI;
}

// @ts-ignore: decorator
@inline export function logx(x: v128): v128 {
  let ix = i32x4.add(x, vec(LOG_BIAS_V));
  let k = i32x4.sub(i32x4.shr_s(ix, 23), vec(EXP_BIAS_V));
  ix = i32x4.add(v128.and(ix, vec(MANT_MASK_V)), vec(SQRT_HALF_BITS_V));
  let f = f32x4.sub(ix, vec(ONE_V));
  let s = f32x4.div(f, f32x4.add(vec(TWO_V), f));
  let z = f32x4.mul(s, s);
  let w = f32x4.mul(z, z);
  let t1 = f32x4.mul(w, f32x4.add(vec(LG2_V), f32x4.mul(w, vec(LG4_V))));
  let t2 = f32x4.mul(z, f32x4.add(vec(LG1_V), f32x4.mul(w, vec(LG3_V))));
  let r = f32x4.add(t2, t1);
  let hfsq = f32x4.mul(f32x4.mul(vec(HALF_V), f), f);
  let dk = f32x4.convert_i32x4_s(k);
  let acc = f32x4.add(f32x4.mul(s, f32x4.add(hfsq, r)), f32x4.mul(dk, vec(LN2_LO_V)));
  acc = f32x4.add(f32x4.sub(acc, hfsq), f);
  return f32x4.add(acc, f32x4.mul(dk, vec(LN2_HI_V)));
}

// ---------------------------------------------------------------------------------------------
// Natural logarithm for the truncated normal's tails, where only absolute error counts
// see: logf above for the reduction (m = 2^k (1 + f), 1 + f in [sqrt(2)/2, sqrt(2))); then
//      log(1 + f) = f + f^2 P(f), P of degree 5 our own fit (Lawson-weighted least squares on the
//      absolute error, float64, rounded to float32): no division, 6 fewer operations than logf.
//      P in Estrin's form, (TP1 f + TP0) + f^2 ((TP3 f + TP2) + f^2 (TP5 f + TP4)): the tail is
//      latency-bound, and this shortens the chain from 5 multiply-adds to 3 (measured: [3, 5]
//      0.54x -> 0.58x the normal fill, one build per process, load 2.4-2.8).
// Error: fit 3.0e-7 absolute on the reduced range; evaluated in float32 at most 1.2e-7 relative
//      (6.0e-8 relative in sqrt(-log m)) over 6M points of m in [2^-100, 0.0107], the tail
//      branch's range (|c| > CENTRAL_SPLIT means m < 0.0107, so |log m| > 4.5 and the fit's
//      absolute error is below half an ulp of the result). Not for m near 1: relative error
//      there is unbounded.

const TP0: f32 = reinterpret<f32>(0xbf0000f9); // -0.50001484
const TP0_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP0], 4) : 0;
const TP1: f32 = reinterpret<f32>(0x3eaa935a); // 0.33315545
const TP1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP1], 4) : 0;
const TP2: f32 = reinterpret<f32>(0xbe7ef401); // -0.24897768
const TP2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP2], 4) : 0;
const TP3: f32 = reinterpret<f32>(0x3e51d804); // 0.2049256
const TP3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP3], 4) : 0;
const TP4: f32 = reinterpret<f32>(0xbe401eae); // -0.18761703
const TP4_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP4], 4) : 0;
const TP5: f32 = reinterpret<f32>(0x3df57b69); // 0.11986429
const TP5_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TP5], 4) : 0;

export function logTailf(x: f32): f32 {
  let ix = reinterpret<i32>(x) + (ONE_BITS - SQRT_HALF_BITS);
  let k = (ix >> 23) - 0x7f;
  ix = (ix & 0x007fffff) + SQRT_HALF_BITS;
  let f = reinterpret<f32>(ix) - <f32>1.0;
  let f2 = f * f;
  let p = (TP1 * f + TP0) + f2 * ((TP3 * f + TP2) + f2 * (TP5 * f + TP4));
  let dk = <f32>k;
  return ((f2 * p + dk * LN2_LO) + f) + dk * LN2_HI;
}

/** logTailf, 4 lanes, same operations in the same order. */
// @ts-ignore: decorator
@inline export function logTailx(x: v128): v128 {
  let ix = i32x4.add(x, vec(LOG_BIAS_V));
  let k = i32x4.sub(i32x4.shr_s(ix, 23), vec(EXP_BIAS_V));
  ix = i32x4.add(v128.and(ix, vec(MANT_MASK_V)), vec(SQRT_HALF_BITS_V));
  let f = f32x4.sub(ix, vec(ONE_V));
  let f2 = f32x4.mul(f, f);
  let p45 = f32x4.add(f32x4.mul(vec(TP5_V), f), vec(TP4_V));
  let p23 = f32x4.add(f32x4.mul(vec(TP3_V), f), vec(TP2_V));
  let p01 = f32x4.add(f32x4.mul(vec(TP1_V), f), vec(TP0_V));
  let p = f32x4.add(p01, f32x4.mul(f2, f32x4.add(p23, f32x4.mul(f2, p45))));
  let dk = f32x4.convert_i32x4_s(k);
  let acc = f32x4.add(f32x4.mul(f2, p), f32x4.mul(dk, vec(LN2_LO_V)));
  acc = f32x4.add(acc, f);
  return f32x4.add(acc, f32x4.mul(dk, vec(LN2_HI_V)));
}

// ---------------------------------------------------------------------------------------------
// sin and cos of 2*pi*r for |r| <= 1/8 turn, argument in turns so no rounding of 2*pi*r
// see: Taylor series of sin(2 pi r) and cos(2 pi r); truncation error at |r| = 1/8 is
//      1.8e-9 (sin, degree 9) and 1.2e-10 (cos, degree 10), below f32 rounding.

const S1: f32 = reinterpret<f32>(0x40c90fdb); // 2 pi = 6.2831854820251465
const S1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([S1], 4) : 0;
const S3: f32 = reinterpret<f32>(0xc2255de7); // -(2 pi)^3 / 3! = -41.34170150756836
const S3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([S3], 4) : 0;
const S5: f32 = reinterpret<f32>(0x42a335e3); // (2 pi)^5 / 5! = 81.6052474975586
const S5_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([S5], 4) : 0;
const S7: f32 = reinterpret<f32>(0xc2996966); // -(2 pi)^7 / 7! = -76.70585632324219
const S7_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([S7], 4) : 0;
const S9: f32 = reinterpret<f32>(0x42283c1a); // (2 pi)^9 / 9! = 42.058692932128906
const S9_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([S9], 4) : 0;
const C2: f32 = reinterpret<f32>(0xc19de9e6); // -(2 pi)^2 / 2! = -19.739208221435547
const C2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([C2], 4) : 0;
const C4: f32 = reinterpret<f32>(0x4281e0f8); // (2 pi)^4 / 4! = 64.93939208984375
const C4_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([C4], 4) : 0;
const C6: f32 = reinterpret<f32>(0xc2aae9e4); // -(2 pi)^6 / 6! = -85.45681762695312
const C6_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([C6], 4) : 0;
const C8: f32 = reinterpret<f32>(0x4270fa83); // (2 pi)^8 / 8! = 60.2446403503418
const C8_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([C8], 4) : 0;
const C10: f32 = reinterpret<f32>(0xc1d368f9); // -(2 pi)^10 / 10! = -26.42625617980957
const C10_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([C10], 4) : 0;

// @ts-ignore: decorator
@inline export function sinTurnsf(r: f32): f32 {
  let r2 = r * r;
  return r * (S1 + r2 * (S3 + r2 * (S5 + r2 * (S7 + r2 * S9))));
}

// @ts-ignore: decorator
@inline export function cosTurnsf(r: f32): f32 {
  let r2 = r * r;
  return <f32>1.0 + r2 * (C2 + r2 * (C4 + r2 * (C6 + r2 * (C8 + r2 * C10))));
}

// @ts-ignore: decorator
@inline export function sinTurnsx(r: v128): v128 {
  let r2 = f32x4.mul(r, r);
  let p = f32x4.add(vec(S7_V), f32x4.mul(r2, vec(S9_V)));
  p = f32x4.add(vec(S5_V), f32x4.mul(r2, p));
  p = f32x4.add(vec(S3_V), f32x4.mul(r2, p));
  p = f32x4.add(vec(S1_V), f32x4.mul(r2, p));
  return f32x4.mul(r, p);
}

// @ts-ignore: decorator
@inline export function cosTurnsx(r: v128): v128 {
  let r2 = f32x4.mul(r, r);
  let p = f32x4.add(vec(C8_V), f32x4.mul(r2, vec(C10_V)));
  p = f32x4.add(vec(C6_V), f32x4.mul(r2, p));
  p = f32x4.add(vec(C4_V), f32x4.mul(r2, p));
  p = f32x4.add(vec(C2_V), f32x4.mul(r2, p));
  return f32x4.add(vec(ONE_V), f32x4.mul(r2, p));
}

// ---------------------------------------------------------------------------------------------
// Inverse of the standard normal CDF in float32, in two branches.
//
// Centre, |c| <= CENTRAL_SPLIT = Phi(2.3) - 1/2 (|z| <= 2.3, so Keras's and torch's +-2 sigma never
// leave it): z = c R(s), s = CENTRAL_T - c^2, R a (5,5) rational minimax fit of Phi^-1(1/2 + c) / c
// in s, no log or sqrt. Written in s = T - c^2 like AS 241's central branch: in c^2 itself the sum
// cancels near the edge (measured: 1e-4 relative error at |z| = 2 in float32).
// see: Wichura, AS 241 (below), for the form; the coefficients are our own fit (Lawson-weighted
//      Sanathanan-Koerner iteration on the relative error, float64, then rounded to float32).
// Error: fit 4.4e-8 relative; evaluated in float32 (every op rounded, as here), at most 4.6e-7
//      relative to Phi^-1 of the float32 c over 3.5M points, 3.6e-7 at the 99.99th percentile.
//
// Tails, |c| > CENTRAL_SPLIT: AS 241's tail branches on r = sqrt(-log m), m the tail probability.
// see: Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
//      Applied Statistics 37(3), 1988, PPND7 (about 1 part in 1e7).

/** Largest float32 <= Phi(2.3) - 1/2 = 0.48927588997832416: the edge of the central branch. */
export const CENTRAL_SPLIT: f32 = reinterpret<f32>(0x3efa825e); // 0.4892758727
export const CENTRAL_SPLIT_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CENTRAL_SPLIT], 4) : 0;
/** (Phi(2.3) - 1/2)^2 rounded to float32: s = CENTRAL_T - c^2 runs over [0, CENTRAL_T]. */
const CENTRAL_T: f32 = reinterpret<f32>(0x3e7522e3); // 0.23939089477
const CENTRAL_T_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CENTRAL_T], 4) : 0;
const CP0: f32 = reinterpret<f32>(0x40966d26); // 4.700823783874512
const CP0_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP0], 4) : 0;
const CP1: f32 = reinterpret<f32>(0x4411b82a); // 582.8775634765625
const CP1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP1], 4) : 0;
const CP2: f32 = reinterpret<f32>(0x469d7976); // 20156.73046875
const CP2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP2], 4) : 0;
const CP3: f32 = reinterpret<f32>(0x484c5eed); // 209275.703125
const CP3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP3], 4) : 0;
const CP4: f32 = reinterpret<f32>(0x49008409); // 526400.5625
const CP4_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP4], 4) : 0;
const CP5: f32 = reinterpret<f32>(0x48104818); // 147744.375
const CP5_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CP5], 4) : 0;
const CQ1: f32 = reinterpret<f32>(0x4309974b); // 137.5909881591797
const CQ1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CQ1], 4) : 0;
const CQ2: f32 = reinterpret<f32>(0x45ad75e7); // 5550.73779296875
const CQ2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CQ2], 4) : 0;
const CQ3: f32 = reinterpret<f32>(0x478eb825); // 73072.2890625
const CQ3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CQ3], 4) : 0;
const CQ4: f32 = reinterpret<f32>(0x48856baf); // 273245.46875
const CQ4_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CQ4], 4) : 0;
const CQ5: f32 = reinterpret<f32>(0x4837b046); // 188097.09375
const CQ5_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CQ5], 4) : 0;

const CONST2: f32 = reinterpret<f32>(0x3fcccccd); // 1.6
const CONST2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([CONST2], 4) : 0;
const SPLIT2: f32 = 5.0;
const SPLIT2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([SPLIT2], 4) : 0;
const QC0: f32 = reinterpret<f32>(0x3fb63331); // 1.4234372777
const QC0_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QC0], 4) : 0;
const QC1: f32 = reinterpret<f32>(0x40306faa); // 2.7568153900
const QC1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QC1], 4) : 0;
const QC2: f32 = reinterpret<f32>(0x3fa742e1); // 1.3067284816
const QC2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QC2], 4) : 0;
const QC3: f32 = reinterpret<f32>(0x3e2e52ed); // 0.17023821103
const QC3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QC3], 4) : 0;
const QD1: f32 = reinterpret<f32>(0x3f3cac24); // 0.73700164250
const QD1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QD1], 4) : 0;
const QD2: f32 = reinterpret<f32>(0x3df6315c); // 0.12021132975
const QD2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QD2], 4) : 0;
const QE0: f32 = reinterpret<f32>(0x40d50d8f); // 6.6579051150
const QE0_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QE0], 4) : 0;
const QE1: f32 = reinterpret<f32>(0x404532d0); // 3.0812263860
const QE1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QE1], 4) : 0;
const QE2: f32 = reinterpret<f32>(0x3edb7c55); // 0.42868294337
const QE2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QE2], 4) : 0;
const QE3: f32 = reinterpret<f32>(0x3c8e06c1); // 0.017337203997
const QE3_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QE3], 4) : 0;
const QF1: f32 = reinterpret<f32>(0x3e77c954); // 0.24197894225
const QF1_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QF1], 4) : 0;
const QF2: f32 = reinterpret<f32>(0x3c48d6a1); // 0.012258202635
const QF2_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([QF2], 4) : 0;

/**
 * The standard normal deviate at a point of the interval's CDF range, u in (0, 1), where the
 * point is given three ways so that each branch sees it at full float precision:
 * c = cLo + u*w (the CDF minus 1/2), p = pLo + u*w (the lower tail), q = qHi + (1-u)*w (the
 * upper tail). The caller guarantees w >= 2^-100, so the tail probability is a normal float.
 */
export function truncDeviatef(u: f32, cLo: f32, pLo: f32, qHi: f32, w: f32): f32 {
  let uw = u * w;
  let c = cLo + uw;
  if (abs<f32>(c) <= CENTRAL_SPLIT) {
    let s = CENTRAL_T - c * c;
    let num = ((((CP5 * s + CP4) * s + CP3) * s + CP2) * s + CP1) * s + CP0;
    let den = ((((CQ5 * s + CQ4) * s + CQ3) * s + CQ2) * s + CQ1) * s + <f32>1.0;
    return c * (num / den);
  }
  let m = c < 0 ? pLo + uw : qHi + (<f32>1.0 - u) * w;
  let r = sqrt<f32>(-logTailf(m));
  let x: f32;
  if (r <= SPLIT2) {
    let t = r - CONST2;
    x = (((QC3 * t + QC2) * t + QC1) * t + QC0) / ((QD2 * t + QD1) * t + <f32>1.0);
  } else {
    let t = r - SPLIT2;
    x = (((QE3 * t + QE2) * t + QE1) * t + QE0) / ((QF2 * t + QF1) * t + <f32>1.0);
  }
  return c < 0 ? -x : x;
}

/** The central rational c R(s) of truncDeviatef, 4 lanes, same operations in the same order. */
// @ts-ignore: decorator
@inline export function centralx(c: v128): v128 {
  let s = f32x4.sub(vec(CENTRAL_T_V), f32x4.mul(c, c));
  let num = f32x4.add(f32x4.mul(vec(CP5_V), s), vec(CP4_V));
  num = f32x4.add(f32x4.mul(num, s), vec(CP3_V));
  num = f32x4.add(f32x4.mul(num, s), vec(CP2_V));
  num = f32x4.add(f32x4.mul(num, s), vec(CP1_V));
  num = f32x4.add(f32x4.mul(num, s), vec(CP0_V));
  let den = f32x4.add(f32x4.mul(vec(CQ5_V), s), vec(CQ4_V));
  den = f32x4.add(f32x4.mul(den, s), vec(CQ3_V));
  den = f32x4.add(f32x4.mul(den, s), vec(CQ2_V));
  den = f32x4.add(f32x4.mul(den, s), vec(CQ1_V));
  den = f32x4.add(f32x4.mul(den, s), vec(ONE_V));
  return f32x4.mul(c, f32x4.div(num, den));
}

// @ts-ignore: decorator
@inline function ratio2x(t: v128, a3: usize, a2: usize, a1: usize, a0: usize, b2: usize, b1: usize): v128 {
  let num = f32x4.add(f32x4.mul(vec(a3), t), vec(a2));
  num = f32x4.add(f32x4.mul(num, t), vec(a1));
  num = f32x4.add(f32x4.mul(num, t), vec(a0));
  let den = f32x4.add(f32x4.mul(vec(b2), t), vec(b1));
  den = f32x4.add(f32x4.mul(den, t), vec(ONE_V));
  return f32x4.div(num, den);
}

/** AS 241's far tail (r > SPLIT2, tail probability < e^-25), 4 lanes. Not inlined: rare. */
function farTailx(r: v128): v128 {
  return ratio2x(f32x4.sub(r, vec(SPLIT2_V)), QE3_V, QE2_V, QE1_V, QE0_V, QF2_V, QF1_V);
}

/**
 * f32x4 twin of truncDeviatef's tail branches, for the lanes with |c| > CENTRAL_SPLIT (other
 * lanes get a finite value to be discarded: their m lies above 0.01). `uw` = u * w.
 */
// @ts-ignore: decorator
@inline export function tailx(u: v128, c: v128, uw: v128, pLo: v128, qHi: v128, w: v128): v128 {
  let lower = f32x4.lt(c, vec(ZERO_V));
  let p = f32x4.add(pLo, uw);
  let q = f32x4.add(qHi, f32x4.mul(f32x4.sub(vec(ONE_V), u), w));
  let m = v128.bitselect(p, q, lower);
  let r = f32x4.sqrt(f32x4.neg(logTailx(m)));
  let near = f32x4.le(r, vec(SPLIT2_V));
  let xt = ratio2x(f32x4.sub(r, vec(CONST2_V)), QC3_V, QC2_V, QC1_V, QC0_V, QD2_V, QD1_V);
  // The far tail (p < e^-25) is rare unless the interval lies there.
  if (!i32x4.all_true(near)) xt = v128.bitselect(xt, farTailx(r), near);
  return v128.bitselect(f32x4.neg(xt), xt, lower);
}
