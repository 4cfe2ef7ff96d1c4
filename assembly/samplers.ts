// What one generator step becomes: each sampler reads the 8 tape words of one step at `at` and
// overwrites them with the 8 outputs at the same positions. The SIMD form loads the step as two
// i32x4 vectors, `lo` = words 0-3 and `hi` = words 4-7; the scalar form reads word by word.
//
// Box-Muller pairs word q with word q + 4 (q = 0..3): u1 = unit(word q) gives the radius,
// u2 = unit(word q + 4) the angle; z0 = r cos(2 pi u2) goes to position q, z1 = r sin(2 pi u2)
// to position q + 4. Every other sampler maps word i to position i alone.
//
//   step words:   w0 w1 w2 w3 | w4 w5 w6 w7
//   SIMD vectors: [   lo     ] | [   hi    ]
//   normal:       z0(w0,w4) .. z0(w3,w7) | z1(w0,w4) .. z1(w3,w7)

import { LAW, LAW_FIELDS, law, UNIFORM_A, UNIFORM_WIDTH, UNIFORM_B, NORMAL_MEAN, NORMAL_STD, TRUNC_MEAN, TRUNC_STD, TRUNC_LO, TRUNC_HI, TRUNC_CLO, TRUNC_PLO, TRUNC_QHI, TRUNC_W } from "./params";
import { pminf, pmaxf, vec, MINUS_TWO_V, INT_ONE_V, INT_TWO_V, unitf, unitx, logf, logx, sinTurnsf, cosTurnsf, sinTurnsx, cosTurnsx, truncDeviatef, centralx, tailx, CENTRAL_SPLIT, CENTRAL_SPLIT_V } from "./mathf";

export const KIND_BITS: i32 = 0;
export const KIND_UNIFORM: i32 = 1;
export const KIND_NORMAL: i32 = 2;
export const KIND_TRUNC_NORMAL: i32 = 3;

/** 1 when every lane of the current truncated-normal fill is central (setAllCentral), else 0. */
const ALL_CENTRAL: usize = ASC_FEATURE_SIMD ? memory.data(4, 4) : 0;

/**
 * Records whether c = cLo + u w stays in the central branch for every u in (0, 1): c is monotone
 * in u (each rounded operation is), so its two ends, u = 2^-24 and 1 - 2^-24, decide.
 */
export function setAllCentral(cLo: f32, w: f32): void {
  let first = cLo + unitf(0) * w;
  let last = cLo + unitf(0xffffffff) * w;
  store<i32>(ALL_CENTRAL, <i32>(abs<f32>(first) <= CENTRAL_SPLIT && abs<f32>(last) <= CENTRAL_SPLIT));
}

// ---------------------------------------------------------------------------------------------
// Scalar reference samplers. Each reads its law's parameters by name from the fill's record
// (params.ts: the fields and formulas of each law).

// @ts-ignore: decorator
@inline function wordAt(at: usize, i: i32): u32 {
  return load<u32>(at + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function flipSign(x: f32, bit: i32): f32 {
  return reinterpret<f32>(reinterpret<i32>(x) ^ (bit << 30));
}

/** 2^21: added before the shift by 22 so that it rounds m / 2^22 to nearest. */
const QUARTER_ROUND: i32 = 1 << 21;
const QUARTER_ROUND_V: usize = ASC_FEATURE_SIMD ? memory.data<i32>([QUARTER_ROUND], 4) : 0;
/** 2^-24 */
const TWO_M24: f32 = reinterpret<f32>(0x33800000); // 5.960464477539063e-8
const TWO_M24_V: usize = ASC_FEATURE_SIMD ? memory.data<f32>([TWO_M24], 4) : 0;

// The angle of Box-Muller is u2 = m 2^-24 turns, m = (word >>> 8) | 1 odd. Its quadrant
// k = round(4 u2) (0..4) and remainder r = u2 - k/4 in [-1/8, 1/8] are computed exactly in
// integers: m is odd, so 4 u2 is never a half-integer, and m - k 2^22 converts to float exactly.

// @ts-ignore: decorator
@inline function quadrantf(m: i32): i32 {
  return (m + QUARTER_ROUND) >>> 22;
}

// @ts-ignore: decorator
@inline function remainderf(m: i32, k: i32): f32 {
  return <f32>(m - (k << 22)) * TWO_M24;
}

// @ts-ignore: decorator
@inline export function sampleStepf(kind: i32, at: usize): void {
  if (kind == KIND_UNIFORM) {
    let a = law(UNIFORM_A), width = law(UNIFORM_WIDTH), b = law(UNIFORM_B);
    for (let i = 0; i < 8; i++) {
      store<f32>(at + (<usize>i << 2), pminf(a + width * unitf(wordAt(at, i)), b));
    }
  } else if (kind == KIND_NORMAL) {
    let mean = law(NORMAL_MEAN), std = law(NORMAL_STD);
    for (let q = 0; q < 4; q++) {
      let u1 = unitf(wordAt(at, q));
      let radius = sqrt<f32>(logf(u1) * <f32>-2.0);
      let m = <i32>((wordAt(at, q + 4) >>> 8) | 1);
      let k = quadrantf(m);
      let r = remainderf(m, k);
      let s = sinTurnsf(r);
      let c = cosTurnsf(r);
      let cosine = flipSign((k & 1) ? s : c, (k + 1) & 2);
      let sine = flipSign((k & 1) ? c : s, k & 2);
      store<f32>(at + (<usize>q << 2), mean + std * (radius * cosine));
      store<f32>(at + (<usize>(q + 4) << 2), mean + std * (radius * sine));
    }
  } else if (kind == KIND_TRUNC_NORMAL) {
    let mean = law(TRUNC_MEAN), std = law(TRUNC_STD), lo = law(TRUNC_LO), hi = law(TRUNC_HI);
    let cLo = law(TRUNC_CLO), pLo = law(TRUNC_PLO), qHi = law(TRUNC_QHI), w = law(TRUNC_W);
    for (let i = 0; i < 8; i++) {
      let x = truncDeviatef(unitf(wordAt(at, i)), cLo, pLo, qHi, w);
      store<f32>(at + (<usize>i << 2), pminf(pmaxf(mean + std * x, lo), hi));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SIMD samplers, the f32x4 twins of the above. The law record's fields are splatted once per
// fill into PARAMS (see splatLaw), field f at PARAMS + 4 f, and loaded from there by name, like
// the constant pool.

/** The law record's 8 fields, each splatted to a v128. */
const PARAMS: usize = ASC_FEATURE_SIMD ? memory.data(LAW_FIELDS << 4, 16) : 0;
/** The truncated normal's central values and masks of a mixed step, 4 vectors. */
const SCRATCH: usize = ASC_FEATURE_SIMD ? memory.data(64, 16) : 0;

/** Splats each field of the law record (params.ts) into PARAMS, once per fill. */
export function splatLaw(): void {
  for (let i = 0; i < LAW_FIELDS; i++) {
    v128.store(PARAMS + (<usize>i << 4), f32x4.splat(load<f32>(LAW + (<usize>i << 2))));
  }
}

/** The splatted law field at byte offset `field` of the record (a params.ts constant). */
// @ts-ignore: decorator
@inline function param(field: usize): v128 {
  return v128.load(PARAMS + (field << 2));
}

// @ts-ignore: decorator
@inline function uniformx(x: v128, a: v128, w: v128, b: v128): v128 {
  return f32x4.pmin(f32x4.add(a, f32x4.mul(w, unitx(x))), b);
}

// @ts-ignore: decorator
@inline export function sampleStepx(kind: i32, at: usize): void {
  let lo = v128.load(at), hi = v128.load(at, 16);
  if (kind == KIND_UNIFORM) {
    let a = param(UNIFORM_A), w = param(UNIFORM_WIDTH), b = param(UNIFORM_B);
    v128.store(at, uniformx(lo, a, w, b));
    v128.store(at, uniformx(hi, a, w, b), 16);
  } else if (kind == KIND_NORMAL) {
    let u1 = unitx(lo);
    let radius = f32x4.sqrt(f32x4.mul(logx(u1), vec(MINUS_TWO_V)));
    // quadrantf and remainderf, 4 lanes at a time
    let m = v128.or(i32x4.shr_u(hi, 8), vec(INT_ONE_V));
    let k = i32x4.shr_u(i32x4.add(m, vec(QUARTER_ROUND_V)), 22);
    let r = f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(m, i32x4.shl(k, 22))), vec(TWO_M24_V));
    let s = sinTurnsx(r);
    let c = cosTurnsx(r);
    let odd = i32x4.eq(v128.and(k, vec(INT_ONE_V)), vec(INT_ONE_V));
    let cosine = v128.xor(v128.bitselect(s, c, odd), i32x4.shl(v128.and(i32x4.add(k, vec(INT_ONE_V)), vec(INT_TWO_V)), 30));
    let sine = v128.xor(v128.bitselect(c, s, odd), i32x4.shl(v128.and(k, vec(INT_TWO_V)), 30));
    let mean = param(NORMAL_MEAN), std = param(NORMAL_STD);
    v128.store(at, f32x4.add(mean, f32x4.mul(std, f32x4.mul(radius, cosine))));
    v128.store(at, f32x4.add(mean, f32x4.mul(std, f32x4.mul(radius, sine))), 16);
  } else if (kind == KIND_TRUNC_NORMAL) {
    let mean = param(TRUNC_MEAN), std = param(TRUNC_STD), lov = param(TRUNC_LO), hiv = param(TRUNC_HI);
    let cLo = param(TRUNC_CLO), pLo = param(TRUNC_PLO), qHi = param(TRUNC_QHI), w = param(TRUNC_W);
    // The two vectors of a step run side by side through each branch one of their 8 lanes needs
    // (the centre alone on every step of a +-2 sigma interval, the tails alone on every step of
    // one such as [3, 5]), so the CPU overlaps their dependency chains (Horner's, log, sqrt,
    // divisions; measured +18% on [3, 5] against one vector at a time). Each lane then keeps the
    // value of its own branch: exactly the scalar branch's operations.
    let ul = unitx(lo), uh = unitx(hi);
    let uwl = f32x4.mul(ul, w), uwh = f32x4.mul(uh, w);
    let cl = f32x4.add(cLo, uwl), ch = f32x4.add(cLo, uwh);
    // On an interval whose lanes are all central (ALL_CENTRAL, once per fill) the test per step
    // is skipped (measured +5-8% on [-2, 2]; same bits: the test would pass).
    if (load<i32>(ALL_CENTRAL) || i32x4.all_true(v128.and(f32x4.le(f32x4.abs(cl), vec(CENTRAL_SPLIT_V)), f32x4.le(f32x4.abs(ch), vec(CENTRAL_SPLIT_V))))) {
      let xl = centralx(cl), xh = centralx(ch);
      v128.store(at, f32x4.pmin(f32x4.pmax(f32x4.add(mean, f32x4.mul(std, xl)), lov), hiv));
      v128.store(at, f32x4.pmin(f32x4.pmax(f32x4.add(mean, f32x4.mul(std, xh)), lov), hiv), 16);
      return;
    }
    // A step with central and tail lanes parks its central values and masks in SCRATCH while the
    // tails run, rather than keeping them in registers through the tails' code (measured: the
    // all-tail steps, which share that code, lost a third of their gain).
    let split = vec(CENTRAL_SPLIT_V);
    let centl = f32x4.le(f32x4.abs(cl), split), centh = f32x4.le(f32x4.abs(ch), split);
    let mixed = v128.any_true(v128.or(centl, centh));
    if (mixed) {
      v128.store(SCRATCH, centralx(cl));
      v128.store(SCRATCH, centralx(ch), 16);
      v128.store(SCRATCH, centl, 32);
      v128.store(SCRATCH, centh, 48);
    }
    let xl = tailx(ul, cl, uwl, pLo, qHi, w);
    let xh = tailx(uh, ch, uwh, pLo, qHi, w);
    if (mixed) {
      xl = v128.bitselect(v128.load(SCRATCH), xl, v128.load(SCRATCH, 32));
      xh = v128.bitselect(v128.load(SCRATCH, 16), xh, v128.load(SCRATCH, 48));
    }
    v128.store(at, f32x4.pmin(f32x4.pmax(f32x4.add(mean, f32x4.mul(std, xl)), lov), hiv));
    v128.store(at, f32x4.pmin(f32x4.pmax(f32x4.add(mean, f32x4.mul(std, xh)), lov), hiv), 16);
  }
}
