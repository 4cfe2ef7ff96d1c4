// The SIMD twin of ./transforms.ts's uniform_ (normal_'s is ./normal-simd.ts), 4 lanes at a
// time, computing the same bits, and the float64x2 helpers both kernels use. float32 values
// travel in float64x2 halves, where wasm's exact float64 ops emulate each float32 operation
// (round(x op y) to float32 through float64 is correctly rounded for + - * / sqrt, since
// 53 >= 2 * 24 + 2: Figueroa, "When is double rounding innocuous?", 1995) and each fused
// multiply-add (./fmaf.ts: the product is exact, one float64 rounding, one float32 rounding).
// The rare sums where the float64 rounding lands on a float32 midpoint are flagged (a lane-wise
// test of the 29 dropped bits) and redone by the scalar code, so every output equals the scalar
// kernel's.

import { DROPPED_MASK, MIDPOINT, TINY_BITS, fmaf } from "./fmaf";
import { unit24 } from "./transforms";

// @ts-ignore: decorator
@inline export function vec(at: usize): v128 {
  return v128.load(at);
}

const DROPPED_V = memory.data<u64>([DROPPED_MASK, DROPPED_MASK], 16);
const MIDPOINT_V = memory.data<u64>([MIDPOINT, MIDPOINT], 16);
const ABS64_V = memory.data<u64>([0x7fffffffffffffff, 0x7fffffffffffffff], 16);
const TINY_V = memory.data<u64>([TINY_BITS, TINY_BITS], 16);

/** All-ones lanes where a float64 sum sits on a float32 midpoint (double rounding possible). */
// @ts-ignore: decorator
@inline export function midpoint(s: v128): v128 {
  return i64x2.eq(v128.and(s, vec(DROPPED_V)), vec(MIDPOINT_V));
}

/**
 * midpoint(s) where s = p + c was inexact (TwoSum's error is not 0): an exact sum on a midpoint
 * is a true tie, which the float32 rounding resolves correctly. Steps whose operands have few
 * bits (the range reductions, e * Q2, the final mean + std n, uniform_'s x * range + from)
 * land on exact ties often; this keeps them off the scalar path.
 */
// @ts-ignore: decorator
@inline export function inexactMidpoint(p: v128, c: v128, s: v128): v128 {
  let bb = f64x2.sub(s, p);
  let err = f64x2.add(f64x2.sub(p, f64x2.sub(s, bb)), f64x2.sub(c, bb));
  return v128.and(midpoint(s), f64x2.ne(err, f64x2.splat(0)));
}

/** inexactMidpoint, or |s| in float32's subnormal range (more dropped bits there), or 0. */
// @ts-ignore: decorator
@inline export function inexactMidpointOrTiny(p: v128, c: v128, s: v128): v128 {
  return v128.or(inexactMidpoint(p, c, s), i64x2.lt_s(v128.and(s, vec(ABS64_V)), vec(TINY_V)));
}

/** Rounds float64 lanes to float32 and back: one float32 rounding. */
// @ts-ignore: decorator
@inline export function r32(s: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(s));
}

/** Lanes 2-3 of an f32x4 as float64x2. */
// @ts-ignore: decorator
@inline export function high(x: v128): v128 {
  return f64x2.promote_low_f32x4(i8x16.shuffle(x, x, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
}

/** Lanes 0-1 of an f32x4 as float64x2. */
// @ts-ignore: decorator
@inline export function low(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}

/** Two float64x2 halves (holding float32 values) back into one f32x4. */
// @ts-ignore: decorator
@inline export function join(l: v128, h: v128): v128 {
  return i8x16.shuffle(f32x4.demote_f64x2_zero(l), f32x4.demote_f64x2_zero(h), 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

// ---------------------------------------------------------------------------------------------
// uniform_

const LOW24_V = memory.data<u32>([0xffffff, 0xffffff, 0xffffff, 0xffffff], 16);
const TWO_M24: f32 = reinterpret<f32>(0x33800000); // 5.960464477539063e-8
const TWO_M24_V = memory.data<f32>([TWO_M24, TWO_M24, TWO_M24, TWO_M24], 16);

/** x = (w & 0xffffff) * 2^-24 on 4 lanes: the conversion is exact (24 bits), the scaling too. */
// @ts-ignore: decorator
@inline export function unitV(w: v128): v128 {
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

