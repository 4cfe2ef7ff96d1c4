// float32 -> float16 / bfloat16, round to nearest, ties to even: the last step of a fill for the
// half dtypes, run in place on each block as soon as it is sampled (fill.ts; word i of the block
// becomes half i of the same bytes), and on whole arrays for values computed outside the
// samplers. Each kernel has a scalar reference and an f32x4 twin doing the same
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
const BF16_ROUND_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([BF16_ROUND], 4) : 0;
const ABS_MASK: u32 = 0x7fffffff;
const ABS_MASK_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([ABS_MASK], 4) : 0;
const INF_BITS: u32 = 0x7f800000; // +inf
const INF_BITS_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([INF_BITS], 4) : 0;
const ONE_INT_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([1], 4) : 0;
const BF16_QUIET: u32 = 0x0040;
const BF16_QUIET_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([BF16_QUIET], 4) : 0;

/** bfloat16 bits of the float32 with bits w. */
// @ts-ignore: decorator
@inline function bfloat16f(w: u32): u32 {
  if ((w & ABS_MASK) > INF_BITS) return (w >>> 16) | BF16_QUIET;
  return (w + BF16_ROUND + ((w >>> 16) & 1)) >>> 16;
}

/** Patches the lanes of w that are NaN in `rounded` (bfloat16NoNaNx(w)) to bfloat16f's NaN. */
// @ts-ignore: decorator
@inline function bfloat16NaNPatchx(w: v128, rounded: v128): v128 {
  // |w| < 2^31, so the signed compare is the unsigned one (wasm has no i32x4.gt_u).
  let nan = i32x4.gt_s(v128.and(w, vec(ABS_MASK_V)), vec(INF_BITS_V));
  return v128.bitselect(v128.or(i32x4.shr_u(w, 16), vec(BF16_QUIET_V)), rounded, nan);
}

// ---------------------------------------------------------------------------------------------
// float16 (IEEE binary16): the FPU rounds, integer ops only move bits.
// see: the "magic number" rounding of F. Giesen, "float->half variants" (2016), here with a
//      per-value magic. With a = |x|'s bits and 2^k the larger of |x|'s binade and 2^-14:
//      - C = 2^(k+13) (bits max(a & 0x7F800000, bits(2^-14)) + (13 << 23)): |x| + C lies in
//        [C, 2C), where the float32 ulp is 2^(k-10), a half's spacing in |x|'s binade (2^-24,
//        the half subnormal unit, when |x| < 2^-14). So r = (|x| + C) - C is |x| rounded to the
//        nearest half by the FPU's own ties-to-even (C's last bits are 0, so the parity is |x|'s),
//        and the subtraction is exact.
//      - r * 2^-112 (exact, f32 subnormal for half subnormals) has the half's exponent and
//        mantissa in bits 13..27: >>> 13 gives the half's magnitude bits, from 0x0000 (zero),
//        0x0001 (2^-24) and 0x0400 (2^-14, r rounded up from below it) to 0x7C00 (65536: |x| at
//        or above 65520, halfway to 2^16, is inf) and above (clamped to 0x7C00).
//      - From |x| >= 2^115 up, C overflows to +inf (or wraps to a negative tiny float): r is
//        NaN (inf - inf) or about |x|, whose bits >>> 13 exceed 0x7C00: inf after the clamp.
// 8 vector ops per 4 magnitudes, 12 in the integer rounding used before (Giesen's fast3_rtne,
// kept by the scalar build, below); the clamp runs once per 8 halves after packing
// (narrow_i32x4_u saturates anything above 0xFFFF to 0xFFFF first). The f32 subnormal products
// (|x| < 2^-14) showed no slowdown on this machine's x86 (N(0, 0.02) has 0.2% of them). The SIMD
// forms below are the NaN-free one plus a patch of NaN lanes. Exact (correctly rounded RNE, subnormals, overflow to +-inf; checked against
// the integer form on all 2^32 float32 bit patterns); NaN -> 0x7E00 with the sign.

const F16_MIN_NORMAL: u32 = 0x38800000; // 6.103515625e-05 = 2^-14, the smallest normal half
const F16_MIN_NORMAL_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([F16_MIN_NORMAL], 4) : 0;
/** Added to a power of two's bits, multiplies it by 2^13: a half's ulp to the magic C. */
const F16_ULP_TO_MAGIC: u32 = 13 << 23;
const F16_ULP_TO_MAGIC_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([F16_ULP_TO_MAGIC], 4) : 0;
const F16_REBIAS: f32 = reinterpret<f32>(0x07800000); // 2^-112 = 2^(15 - 127)
const F16_REBIAS_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([F16_REBIAS], 4) : 0;
const HALF_INF: u32 = 0x00007c00;
const HALF_INF16_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([0x7c007c00], 4) : 0;
const HALF_NAN: u32 = 0x00007e00;
const HALF_SIGN: u32 = 0x00008000;
const F16_REBIAS_ROUND: u32 = 0xc8000fff; // ((15 - 127) << 23) + 0xFFF, mod 2^32
const SUBNORMAL_MAGIC: u32 = 0x3f000000; // 0.5: its ulp is 2^-24

/**
 * The float16 bits of |x| for a non-NaN float32 x with bits w, for the scalar build: the integer
 * rounding of Giesen's fast3_rtne, which a scalar CPU runs faster than the FPU form's max, min
 * and three float ops (measured: 11% on the scalar float16 fill). Same bits (both are exact):
 *   - a >= 2^-14: rebias the exponent by (15 - 127) << 23 and round the 13 dropped bits to
 *     nearest even in integers, (a + rebias + 0xFFF + bit 13 of a) >>> 13, clamped to inf;
 *   - a < 2^-14: |x| + 0.5 rounds |x| to a multiple of 2^-24 (0.5's ulp) by the FPU's
 *     ties-to-even, and the bits above 0.5's are the half's.
 */
// @ts-ignore: decorator
@inline function float16Magnitudef(w: u32): u32 {
  let a = w & ABS_MASK;
  if (a < F16_MIN_NORMAL) return reinterpret<u32>(reinterpret<f32>(a) + reinterpret<f32>(SUBNORMAL_MAGIC)) - SUBNORMAL_MAGIC;
  return min<u32>((a + F16_REBIAS_ROUND + ((a >>> 13) & 1)) >>> 13, HALF_INF);
}

/** float16 bits of the float32 with bits w. */
// @ts-ignore: decorator
@inline function float16f(w: u32): u32 {
  let sign = (w >>> 16) & HALF_SIGN;
  if ((w & ABS_MASK) > INF_BITS) return sign | HALF_NAN;
  return sign | float16Magnitudef(w);
}

// ---------------------------------------------------------------------------------------------
// The fills' forms: a fill never produces NaN (its parameters are finite, checked in JS, and each
// sampler's arithmetic gives finite values, or +-inf at worst), so the fills round with the forms
// above minus their NaN branch. Same bits as bfloat16f / float16f on every non-NaN input.
//   bfloat16: 5 vector ops instead of 10 (the carry of the integer add already turns a float32
//             at or above bfloat16's overflow threshold into +-inf).
//   float16:  the magnitude's 8 ops, the clamp to inf (the normal law is unbounded) and the sign
//             once per 8 halves, after packing: narrow_i32x4_s(a, b) keeps each float32's sign
//             in bit 15 of its i16 lane, and an and + or puts it over the packed magnitudes (3 ops
//             per 8 halves; 6 with the shifts by 16 and the bitselect used before).
// The drivers load their constants into locals once per call (packFloat16NoNaNx, bfloat16NoNaNx
// take them as arguments): V8 keeps them in registers through the loop, where a load-and-splat
// from the pool inside it cost 6% (float16) and 5% (bfloat16) of the uniform fill, measured in
// the kernel alone. The samplers keep their pool loads (mathf.ts: in their longer loops the
// registers are taken).

const HALF_SIGN16_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([0x80008000], 4) : 0;

/** bfloat16f for a non-NaN float32. */
// @ts-ignore: decorator
@inline function bfloat16NoNaNf(w: u32): u32 {
  return (w + BF16_ROUND + ((w >>> 16) & 1)) >>> 16;
}

/** bfloat16NoNaNf on 4 lanes; results in the low 16 bits of each lane. */
// @ts-ignore: decorator
@inline function bfloat16NoNaNx(w: v128, round: v128, one: v128): v128 {
  return i32x4.shr_u(i32x4.add(w, i32x4.add(round, v128.and(i32x4.shr_u(w, 16), one))), 16);
}

/** float16f for a non-NaN float32. */
// @ts-ignore: decorator
@inline function float16NoNaNf(w: u32): u32 {
  return ((w >>> 16) & HALF_SIGN) | float16Magnitudef(w);
}

/**
 * float16NoNaNf on 8 lanes: two f32x4 of non-NaN floats (elements 0-3, 4-7) -> one i16x8 of their
 * float16 bits; the pool constants come in as arguments (see above). Per 4 lanes,
 * float16Magnitudef without the clamp (8 ops): the low 16 bits of each lane, or more than 0xFFFF
 * where the clamp gives inf (0x7C00); then per 8 lanes narrow_i32x4_u and i16x8.min_u clamp, and
 * the sign goes in with and + or (magnitudes <= 0x7C00 leave bit 15 free; bitselect is 3
 * instructions on x86, and + or 2).
 */
// @ts-ignore: decorator
@inline function packFloat16NoNaNx(a: v128, b: v128, absMask: v128, expMask: v128, minNormal: v128, ulpToMagic: v128, rebias: v128, inf16: v128, sign16: v128): v128 {
  let aa = v128.and(a, absMask), ab = v128.and(b, absMask);
  let ca = i32x4.add(i32x4.max_u(v128.and(aa, expMask), minNormal), ulpToMagic);
  let cb = i32x4.add(i32x4.max_u(v128.and(ab, expMask), minNormal), ulpToMagic);
  let ha = i32x4.shr_u(f32x4.mul(f32x4.sub(f32x4.add(aa, ca), ca), rebias), 13);
  let hb = i32x4.shr_u(f32x4.mul(f32x4.sub(f32x4.add(ab, cb), cb), rebias), 13);
  let magnitudes = i16x8.min_u(i16x8.narrow_i32x4_u(ha, hb), inf16);
  // Bit 15 of narrow_i32x4_s(a, b) is each float's sign bit: a negative i32 saturates to -32768
  // or lies in [-32768, -1], a non-negative one to [0, 32767] (no shifts needed).
  return v128.or(v128.and(i16x8.narrow_i32x4_s(a, b), sign16), magnitudes);
}

// ---------------------------------------------------------------------------------------------
// Drivers: n float32 at src -> n uint16 at dst (dst == src allowed, see the top). One copy per
// format (not inlined), shared by the fills (nanFree: the NaN-free forms alone) and the exported
// conversions (any input: NaN lanes are patched after the NaN-free form). The flag is tested per
// 8 values, a branch that always goes the same way; two loops per format would cost the bytes
// every app ships (test/package/bundle-size.node.test.ts).

/** n float32 at src -> n float16 bits at dst. */
export function toFloat16(src: usize, dst: usize, n: i32): void {
  halvesFloat16(src, dst, n, false);
}

/** n float32 at src -> n bfloat16 bits at dst. */
export function toBFloat16(src: usize, dst: usize, n: i32): void {
  halvesBFloat16(src, dst, n, false);
}

/** A fill's block of n non-NaN float32 at p -> n float16 bits at p. */
export function fillFloat16(p: usize, n: i32): void {
  halvesFloat16(p, p, n, true);
}

/** A fill's block of n non-NaN float32 at p -> n bfloat16 bits at p. */
export function fillBFloat16(p: usize, n: i32): void {
  halvesBFloat16(p, p, n, true);
}

const NAN_QUIET16_V: usize = ASC_FEATURE_SIMD ? memory.data<u32>([0x02000200], 4) : 0;

function halvesFloat16(src: usize, dst: usize, n: i32, nanFree: bool): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let absMask = vec(ABS_MASK_V), expMask = vec(INF_BITS_V), minNormal = vec(F16_MIN_NORMAL_V), ulpToMagic = vec(F16_ULP_TO_MAGIC_V);
    let rebias = vec(F16_REBIAS_V), inf16 = vec(HALF_INF16_V), sign16 = vec(HALF_SIGN16_V);
    // Lane layout: two f32x4 (elements 8j..8j+3, 8j+4..8j+7) -> one i16x8 of 8 halves.
    for (; i + 8 <= n; i += 8) {
      let a = v128.load(src + (<usize>i << 2));
      let b = v128.load(src + (<usize>i << 2), 16);
      let bits = packFloat16NoNaNx(a, b, absMask, expMask, minNormal, ulpToMagic, rebias, inf16, sign16);
      if (!nanFree) {
        // The NaN-free form clamps a NaN's magnitude to 0x7C00 (inf): set the quiet bit there.
        let nan = i16x8.narrow_i32x4_s(i32x4.gt_s(v128.and(a, absMask), expMask), i32x4.gt_s(v128.and(b, absMask), expMask));
        bits = v128.or(bits, v128.and(nan, vec(NAN_QUIET16_V)));
      }
      v128.store(dst + (<usize>i << 1), bits);
    }
  }
  for (; i < n; i++) {
    let w = load<u32>(src + (<usize>i << 2));
    store<u16>(dst + (<usize>i << 1), <u16>(nanFree ? float16NoNaNf(w) : float16f(w)));
  }
}

function halvesBFloat16(src: usize, dst: usize, n: i32, nanFree: bool): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let round = vec(BF16_ROUND_V), one = vec(ONE_INT_V);
    for (; i + 8 <= n; i += 8) {
      let a = v128.load(src + (<usize>i << 2));
      let b = v128.load(src + (<usize>i << 2), 16);
      let ra = bfloat16NoNaNx(a, round, one), rb = bfloat16NoNaNx(b, round, one);
      if (!nanFree) {
        ra = bfloat16NaNPatchx(a, ra);
        rb = bfloat16NaNPatchx(b, rb);
      }
      // Every lane holds a value <= 0xFFFF, which narrow_i32x4_u keeps exactly.
      v128.store(dst + (<usize>i << 1), i16x8.narrow_i32x4_u(ra, rb));
    }
  }
  for (; i < n; i++) {
    let w = load<u32>(src + (<usize>i << 2));
    store<u16>(dst + (<usize>i << 1), <u16>(nanFree ? bfloat16NoNaNf(w) : bfloat16f(w)));
  }
}
