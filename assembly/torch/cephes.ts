// The float32 log and sincos that torch's AVX2 normal_ kernel uses (log256_ps, sincos256_ps from
// aten/src/ATen/native/cpu/avx_mathfun.h, Julien Pommier's AVX port of the cephes polynomials),
// lane by lane, with the multiply-adds fused exactly where GCC 12 (-O2 -mavx2 -mfma) fused them
// in Debian's libtorch 1.13.1: with any other choice results are up to 4 ulp (256 near zero) off.
// see: cephes logf.c and sinf.c (Stephen L. Moshier); docs/torch-cpu-rng.md (which multiply-adds GCC fused).
// Error vs the true functions: cephes's, ~1-2 ulp; vs torch: 0 (the same operations).

import { fmaf } from "./fmaf";

// log256_ps
export const SQRTHF: f32 = reinterpret<f32>(0x3f3504f3); // 0.707106781186547524
export const LOG_P0: f32 = reinterpret<f32>(0x3d9021bb); // 7.0376836292e-2
export const LOG_P1: f32 = reinterpret<f32>(0xbdebd1b8); // -1.1514610310e-1
export const LOG_P2: f32 = reinterpret<f32>(0x3def251a); // 1.1676998740e-1
export const LOG_P3: f32 = reinterpret<f32>(0xbdfe5d4f); // -1.2420140846e-1
export const LOG_P4: f32 = reinterpret<f32>(0x3e11e9bf); // 1.4249322787e-1
export const LOG_P5: f32 = reinterpret<f32>(0xbe2aae50); // -1.6668057665e-1
export const LOG_P6: f32 = reinterpret<f32>(0x3e4cceac); // 2.0000714765e-1
export const LOG_P7: f32 = reinterpret<f32>(0xbe7ffffc); // -2.4999993993e-1
export const LOG_P8: f32 = reinterpret<f32>(0x3eaaaaaa); // 3.3333331174e-1
export const LOG_Q1: f32 = reinterpret<f32>(0xb95e8083); // -2.12194440e-4
export const LOG_Q2: f32 = reinterpret<f32>(0x3f318000); // 0.693359375

/** log256_ps for a normal float u in (0, 1] (Box-Muller's 1 - x: never 0, never subnormal). */
export function log256f(u: f32): f32 {
  let bits = reinterpret<i32>(u);
  let e = <f32>((bits >>> 23) - 0x7f) + <f32>1.0;
  let x = reinterpret<f32>((bits & ~0x7f800000) | 0x3f000000);
  // if (x < SQRTHF) { e -= 1; x = x + x - 1 } else { x = x - 1 }, written as the C code does it
  let small = x < SQRTHF;
  let tmp: f32 = small ? x : 0;
  x = x - <f32>1.0;
  e = e - (small ? <f32>1.0 : <f32>0.0);
  x = x + tmp;
  let z = x * x;
  let y = fmaf(LOG_P0, x, LOG_P1);
  y = fmaf(y, x, LOG_P2);
  y = fmaf(y, x, LOG_P3);
  y = fmaf(y, x, LOG_P4);
  y = fmaf(y, x, LOG_P5);
  y = fmaf(y, x, LOG_P6);
  y = fmaf(y, x, LOG_P7);
  y = fmaf(y, x, LOG_P8);
  y = y * x;
  y = fmaf(y, z, e * LOG_Q1);
  y = y - z * <f32>0.5;
  x = x + y;
  return fmaf(e, LOG_Q2, x);
}

// sincos256_ps
export const FOPI: f32 = reinterpret<f32>(0x3fa2f983); // 4 / pi = 1.27323954473516
export const DP1: f32 = reinterpret<f32>(0xbf490000); // -0.78515625
export const DP2: f32 = reinterpret<f32>(0xb97da000); // -2.4187564849853515625e-4
export const DP3: f32 = reinterpret<f32>(0xb3222169); // -3.77489497744594108e-8
export const SIN_P0: f32 = reinterpret<f32>(0xb94ca1f9); // -1.9515295891e-4
export const SIN_P1: f32 = reinterpret<f32>(0x3c08839e); // 8.3321608736e-3
export const SIN_P2: f32 = reinterpret<f32>(0xbe2aaaa3); // -1.6666654611e-1
export const COS_P0: f32 = reinterpret<f32>(0x37ccf5ce); // 2.443315711809948e-5
export const COS_P1: f32 = reinterpret<f32>(0xbab6061a); // -1.388731625493765e-3
export const COS_P2: f32 = reinterpret<f32>(0x3d2aaaa5); // 4.166664568298827e-2

// sincos256_ps's shared part: the octant j and the reduced angle x (the fused reduction).
// @ts-ignore: decorator
@inline function octant(theta: f32): i32 {
  let j = <i32>(theta * FOPI); // theta >= 0 and theta * FOPI < 8: truncation in range
  return (j + 1) & ~1;
}

// @ts-ignore: decorator
@inline function reduce(theta: f32, j: i32): f32 {
  let y = <f32>j;
  let x = fmaf(y, DP1, theta);
  x = fmaf(y, DP2, x);
  return fmaf(y, DP3, x);
}

// @ts-ignore: decorator
@inline function cosPoly(z: f32): f32 {
  let yc = fmaf(COS_P0, z, COS_P1);
  yc = fmaf(yc, z, COS_P2);
  yc = yc * z;
  yc = fmaf(yc, z, -(z * <f32>0.5));
  return yc + <f32>1.0;
}

// @ts-ignore: decorator
@inline function sinPoly(x: f32, z: f32): f32 {
  let ys = fmaf(SIN_P0, z, SIN_P1);
  ys = fmaf(ys, z, SIN_P2);
  ys = ys * z;
  return fmaf(ys, x, x);
}

/**
 * sin(theta) as sincos256_ps computes it for theta >= 0 (Box-Muller's angle): octant j, the
 * sin polynomial when (j & 2) == 0 else the cos one (the C code's masked selection adds +0,
 * turning -0 into +0), sign from bit 2 of j.
 */
export function sin256f(theta: f32): f32 {
  let j = octant(theta);
  let x = reduce(theta, j);
  let z = x * x;
  let v = (j & 2) == 0 ? sinPoly(x, z) + <f32>0.0 : cosPoly(z) + <f32>0.0;
  return reinterpret<f32>(reinterpret<i32>(v) ^ ((j & 4) << 29));
}

/** cos(theta) as sincos256_ps computes it for theta >= 0: sign from bit 2 of j - 2, inverted. */
export function cos256f(theta: f32): f32 {
  let j = octant(theta);
  let x = reduce(theta, j);
  let z = x * x;
  let v = (j & 2) == 0 ? cosPoly(z) + <f32>0.0 : sinPoly(x, z) + <f32>0.0;
  return reinterpret<f32>(reinterpret<i32>(v) ^ ((~(j - 2) & 4) << 29));
}
