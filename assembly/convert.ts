// float32 -> float16 / bfloat16, round to nearest, ties to even: the last step of a fill for the
// half dtypes, run in place on the window before the copy-out (word i of the window becomes
// half i of the same bytes). Each kernel has a scalar reference and an f32x4 twin doing the same
// exact operations; test/reference/half.ts checks both against an integer-only JS conversion.
//
// In place is safe: the SIMD loop reads 32 bytes at src + 32 j before writing 16 bytes at
// src + 16 j, which lies below every byte still unread.

import { vec } from "./mathf";

// ---------------------------------------------------------------------------------------------
// bfloat16: the top 16 bits of the float32, rounded.
// see: Intel, "BFLOAT16 - Hardware Numerics Definition" (2018), RNE; tensorflow/core/lib/bfloat16
//      round_to_bfloat16: bits + 0x7FFF + ((bits >> 16) & 1), then >> 16.
// Exact (correctly rounded, overflow to +-inf, subnormals kept). NaN stays NaN (sign kept,
// quiet bit set) instead of carrying into the exponent.

const BF16_ROUND: u32 = 0x00007fff;
const BF16_ROUND_V = memory.data<u32>([BF16_ROUND, BF16_ROUND, BF16_ROUND, BF16_ROUND], 16);
const ABS_MASK: u32 = 0x7fffffff;
const ABS_MASK_V = memory.data<u32>([ABS_MASK, ABS_MASK, ABS_MASK, ABS_MASK], 16);
const INF_BITS: u32 = 0x7f800000; // +inf
const INF_BITS_V = memory.data<u32>([INF_BITS, INF_BITS, INF_BITS, INF_BITS], 16);
const ONE_INT_V = memory.data<u32>([1, 1, 1, 1], 16);
const BF16_QUIET: u32 = 0x0040;
const BF16_QUIET_V = memory.data<u32>([BF16_QUIET, BF16_QUIET, BF16_QUIET, BF16_QUIET], 16);

/** bfloat16 bits of the float32 with bits w. */
// @ts-ignore: decorator
@inline function bfloat16f(w: u32): u32 {
  if ((w & ABS_MASK) > INF_BITS) return (w >>> 16) | BF16_QUIET;
  return (w + BF16_ROUND + ((w >>> 16) & 1)) >>> 16;
}

/** bfloat16f on 4 lanes; results in the low 16 bits of each lane. */
// @ts-ignore: decorator
@inline function bfloat16x(w: v128): v128 {
  let rounded = i32x4.shr_u(i32x4.add(w, i32x4.add(vec(BF16_ROUND_V), v128.and(i32x4.shr_u(w, 16), vec(ONE_INT_V)))), 16);
  // |w| < 2^31, so the signed compare is the unsigned one (wasm has no i32x4.gt_u).
  let nan = i32x4.gt_s(v128.and(w, vec(ABS_MASK_V)), vec(INF_BITS_V));
  return v128.bitselect(v128.or(i32x4.shr_u(w, 16), vec(BF16_QUIET_V)), rounded, nan);
}

// ---------------------------------------------------------------------------------------------
// float16 (IEEE binary16).
// see: M. Dukhan, FP16 library, include/fp16/fp16.h fp16_ieee_from_fp32_value. The float
//      additions do the rounding: base = |x| 2^112 2^-110 is 4|x|, or inf past the half range
//      (|x| >= 65520 reaches 2^128). Adding 2^(max(e, -14) + 15), e = x's exponent, leaves 4|x|
//      to an ulp of 2^(max(e, -14) - 8): x rounded to 10 fraction bits (fewer for the subnormal
//      halves below 2^-14), ties to even by the f32 addition; the half's exponent and mantissa
//      are then read off the sum's bits.
// Exact (correctly rounded RNE, subnormals, overflow to +-inf); NaN -> 0x7E00 with the sign.

const SCALE_TO_INF: f32 = reinterpret<f32>(0x77800000); // 5.192296858534828e+33 = 2^112
const SCALE_TO_INF_V = memory.data<f32>([SCALE_TO_INF, SCALE_TO_INF, SCALE_TO_INF, SCALE_TO_INF], 16);
const SCALE_TO_ZERO: f32 = reinterpret<f32>(0x08800000); // 7.703719777548943e-34 = 2^-110
const SCALE_TO_ZERO_V = memory.data<f32>([SCALE_TO_ZERO, SCALE_TO_ZERO, SCALE_TO_ZERO, SCALE_TO_ZERO], 16);
const EXP_MASK2: u32 = 0xff000000; // the exponent of w, shifted left by 1
const EXP_MASK2_V = memory.data<u32>([EXP_MASK2, EXP_MASK2, EXP_MASK2, EXP_MASK2], 16);
const MIN_BIAS: u32 = 0x71000000; // (127 - 14) << 24: the exponent of the smallest normal half
const MIN_BIAS_V = memory.data<u32>([MIN_BIAS, MIN_BIAS, MIN_BIAS, MIN_BIAS], 16);
const BIAS_ADD: u32 = 0x07800000; // 15 << 23: adds 15 to the exponent (bias >>> 1 is e's field << 23)
const BIAS_ADD_V = memory.data<u32>([BIAS_ADD, BIAS_ADD, BIAS_ADD, BIAS_ADD], 16);
const HALF_EXP: u32 = 0x00007c00;
const HALF_EXP_V = memory.data<u32>([HALF_EXP, HALF_EXP, HALF_EXP, HALF_EXP], 16);
const HALF_MANT: u32 = 0x00000fff;
const HALF_MANT_V = memory.data<u32>([HALF_MANT, HALF_MANT, HALF_MANT, HALF_MANT], 16);
const HALF_NAN: u32 = 0x00007e00;
const HALF_NAN_V = memory.data<u32>([HALF_NAN, HALF_NAN, HALF_NAN, HALF_NAN], 16);
const SIGN: u32 = 0x80000000;

/** float16 bits of the float32 with bits w. */
// @ts-ignore: decorator
@inline function float16f(w: u32): u32 {
  let base = (abs<f32>(reinterpret<f32>(w)) * SCALE_TO_INF) * SCALE_TO_ZERO;
  let shl1 = w + w;
  let bias = max<u32>(shl1 & EXP_MASK2, MIN_BIAS);
  base = reinterpret<f32>((bias >>> 1) + BIAS_ADD) + base;
  let bits = reinterpret<u32>(base);
  let nonsign = ((bits >>> 13) & HALF_EXP) + (bits & HALF_MANT);
  return ((w & SIGN) >>> 16) | ((w & ABS_MASK) > INF_BITS ? HALF_NAN : nonsign);
}

/**
 * float16f on 4 lanes; results in the low 16 bits of each lane. The constants come in as
 * arguments, loaded from the pool once per call by the driver, outside its loop.
 */
// @ts-ignore: decorator
@inline function float16x(w: v128, toInf: v128, toZero: v128, expMask2: v128, minBias: v128, biasAdd: v128,
  halfExp: v128, halfMant: v128, absMask: v128, infBits: v128, halfNan: v128): v128 {
  let base = f32x4.mul(f32x4.mul(f32x4.abs(w), toInf), toZero);
  let shl1 = i32x4.add(w, w);
  let bias = i32x4.max_u(v128.and(shl1, expMask2), minBias);
  base = f32x4.add(i32x4.add(i32x4.shr_u(bias, 1), biasAdd), base);
  let nonsign = i32x4.add(v128.and(i32x4.shr_u(base, 13), halfExp), v128.and(base, halfMant));
  let nan = i32x4.gt_s(v128.and(w, absMask), infBits);
  // the sign: bit 31 of w to bit 15
  return v128.or(i32x4.shl(i32x4.shr_u(w, 31), 15), v128.bitselect(halfNan, nonsign, nan));
}

// ---------------------------------------------------------------------------------------------
// Drivers: n float32 at src -> n uint16 at dst (dst == src allowed, see the top).

export const HALF_FLOAT16: i32 = 0;
export const HALF_BFLOAT16: i32 = 1;

// @ts-ignore: decorator
@inline export function convertHalves(kind: i32, src: usize, dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    // Lane layout: two f32x4 (elements 8j..8j+3, 8j+4..8j+7) -> one i16x8 of 8 halves; every
    // lane holds a value <= 0xFFFF, which narrow_i32x4_u keeps exactly.
    if (kind == HALF_BFLOAT16) {
      for (; i + 8 <= n; i += 8) {
        let a = v128.load(src + (<usize>i << 2));
        let b = v128.load(src + (<usize>i << 2), 16);
        v128.store(dst + (<usize>i << 1), i16x8.narrow_i32x4_u(bfloat16x(a), bfloat16x(b)));
      }
    } else {
      let toInf = vec(SCALE_TO_INF_V), toZero = vec(SCALE_TO_ZERO_V), expMask2 = vec(EXP_MASK2_V), minBias = vec(MIN_BIAS_V);
      let biasAdd = vec(BIAS_ADD_V), halfExp = vec(HALF_EXP_V), halfMant = vec(HALF_MANT_V), absMask = vec(ABS_MASK_V);
      let infBits = vec(INF_BITS_V), halfNan = vec(HALF_NAN_V);
      for (; i + 8 <= n; i += 8) {
        let a = v128.load(src + (<usize>i << 2));
        let b = v128.load(src + (<usize>i << 2), 16);
        let ha = float16x(a, toInf, toZero, expMask2, minBias, biasAdd, halfExp, halfMant, absMask, infBits, halfNan);
        let hb = float16x(b, toInf, toZero, expMask2, minBias, biasAdd, halfExp, halfMant, absMask, infBits, halfNan);
        v128.store(dst + (<usize>i << 1), i16x8.narrow_i32x4_u(ha, hb));
      }
    }
  }
  for (; i < n; i++) {
    let w = load<u32>(src + (<usize>i << 2));
    store<u16>(dst + (<usize>i << 1), <u16>(kind == HALF_BFLOAT16 ? bfloat16f(w) : float16f(w)));
  }
}
