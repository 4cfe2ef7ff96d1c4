// torch's float32 transforms of mt19937 words, in place: the words at dst become the values.
//   uniform_ (core/TransformationHelper.h uniform_real):
//       x = (w & 0xffffff) * 2^-24, value = x * (to - from) + from, in float32; the AVX2 build
//       fuses it into one fma, the DEFAULT build rounds the product first.
//   normal_ on >= 16 contiguous floats (native/cpu/DistributionTemplates.h), per block of 16:
//       u1 = 1 - x[j], u2 = x[j + 8] (j < 8), radius = sqrt(-2 log u1), theta = 2 pi u2,
//       x[j] = radius cos(theta) std + mean, x[j + 8] = radius sin(theta) std + mean.
//       AVX2 (normal_fill_16_AVX2): cephes float32 log/sincos (./cephes.ts), theta = float(2 pi) * u2,
//       a final fma. DEFAULT (normal_fill_16): libm logf/cosf/sinf, theta rounded from double,
//       no fma; here AssemblyScript's Mathf (musl/ARM algorithms), so only within a few ulps.

import { fmaf } from "./fmaf";
import { log256f, sin256f, cos256f } from "./cephes";

/** 2^-24 */
const TWO_M24: f32 = reinterpret<f32>(0x33800000); // 5.960464477539063e-8
/** float(2 pi) */
const TWO_PI_F: f32 = reinterpret<f32>(0x40c90fdb); // 6.2831854820251465

// @ts-ignore: decorator
@inline export function unit24(w: u32): f32 {
  return <f32>(w & 0xffffff) * TWO_M24;
}

/** Scalar uniform_ on n words at dst. */
export function uniformScalar(dst: usize, n: i32, from: f32, range: f32, fused: bool): void {
  for (let i = 0; i < n; i++) {
    let at = dst + (<usize>i << 2);
    let x = unit24(load<u32>(at));
    store<f32>(at, fused ? fmaf(x, range, from) : x * range + from);
  }
}

/** Words to x = (w & 0xffffff) * 2^-24 in place (normal_'s first pass). */
export function unitsScalar(dst: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    let at = dst + (<usize>i << 2);
    store<f32>(at, unit24(load<u32>(at)));
  }
}

/** normal_fill_16_AVX2's radius sqrt(-2 log256(u1)) for u1 = 1 - x. */
// @ts-ignore: decorator
@inline export function radiusOf(x: f32): f32 {
  return Mathf.sqrt(<f32>-2.0 * log256f(<f32>1.0 - x));
}

/** The rest of one lane of normal_fill_16_AVX2, given its radius: u2 = x at lo + 32, outputs to lo and lo + 32. */
export function normalPairRadius(lo: usize, radius: f32, mean: f32, std: f32): void {
  let theta = TWO_PI_F * load<f32>(lo, 32);
  store<f32>(lo, fmaf(radius * cos256f(theta), std, mean));
  store<f32>(lo, fmaf(radius * sin256f(theta), std, mean), 32);
}

/** One lane of normal_fill_16_AVX2: u1 = 1 - x at `lo`, u2 = x at lo + 32; the outputs go back there. */
export function normalPair(lo: usize, mean: f32, std: f32): void {
  normalPairRadius(lo, radiusOf(load<f32>(lo)), mean, std);
}

/** normal_fill_16_AVX2 on the 16 uniforms at d, lane by lane. */
export function normal16Fused(d: usize, mean: f32, std: f32): void {
  for (let j = 0; j < 8; j++) normalPair(d + (<usize>j << 2), mean, std);
}

/** normal_fill_16 of the DEFAULT build on the 16 uniforms at d. */
export function normal16Plain(d: usize, mean: f32, std: f32): void {
  for (let j = 0; j < 8; j++) {
    let lo = d + (<usize>j << 2);
    let u1 = <f32>1.0 - load<f32>(lo);
    let u2 = load<f32>(lo, 32);
    let radius = Mathf.sqrt(<f32>-2.0 * Mathf.log(u1));
    let theta = <f32>(2.0 * Math.PI * <f64>u2);
    store<f32>(lo, radius * Mathf.cos(theta) * std + mean);
    store<f32>(lo, radius * Mathf.sin(theta) * std + mean, 32);
  }
}
