// JAX's float32 transforms of threefry words, as XLA 0.10 compiles them for an x86 CPU with FMA
// (docs/jax.md gives the derivation): uniform's fma(f, range, minval), and normal's
// sqrt(2) * erf_inv(u) with XLA's own log1p (Cephes rational near 0, its log polynomial beyond)
// and Giles' erf_inv polynomials. Every multiply-add that XLA's backend fuses is an emulated
// fmaf (../torch/fmaf.ts: correctly rounded); every other operation is a plain float32 op.
// Subnormal results flush to zero, as XLA's CPU code does.

import { fmaf } from "../torch/fmaf";

// @ts-ignore: decorator
@inline function f(bits: u32): f32 {
  return reinterpret<f32>(bits);
}

/** Flush a float32 subnormal to a zero of its sign (XLA CPU runs with FTZ). */
// @ts-ignore: decorator
@inline export function ftz(x: f32): f32 {
  return (reinterpret<u32>(x) & 0x7f800000) == 0 ? reinterpret<f32>(reinterpret<u32>(x) & 0x80000000) : x;
}

/** lax.max(a, b): NaN if either is NaN. */
// @ts-ignore: decorator
@inline function maxNan(a: f32, b: f32): f32 {
  return isNaN(a) || isNaN(b) ? NaN : (a > b ? a : b);
}

/** uniform's value of one word: max(minval, fma(f, range, minval)), f in [0, 1) from the top 23 bits. */
// @ts-ignore: decorator
@inline export function uniformOf(w: u32, minval: f32, range: f32): f32 {
  let u = reinterpret<f32>((w >>> 9) | 0x3f800000) - 1;
  return ftz(maxNan(minval, fmaf(u, range, minval)));
}

/** XLA's float32 log1p(t), with XLA's fusion. */
export function log1p(t: f32): f32 {
  if (Mathf.abs(t) < f(0x3ed413cd)) {
    let x2 = t * t;
    let d = fmaf(<f32>1, t, f(0x417101ad));
    d = fmaf(d, t, f(0x42a6185b));
    d = fmaf(d, t, f(0x435dc32d));
    d = fmaf(d, t, f(0x439a8ca3));
    d = fmaf(d, t, f(0x43586d8a));
    d = fmaf(d, t, f(0x42707982));
    let n = fmaf(<f32>4.527e-5, t, f(0x3eff40c5));
    n = fmaf(n, t, f(0x40d284fa));
    n = fmaf(n, t, f(0x41ef4b9c));
    n = fmaf(n, t, f(0x4273cc76));
    n = fmaf(n, t, f(0x426473ad));
    n = fmaf(n, t, f(0x41a05101));
    let r = n / d;
    return t + fmaf(x2, -0.5, ftz(ftz(t * x2) * r));
  }
  let v = t + 1;
  if (!(v > 0)) return v == 0 ? -Infinity : NaN;
  if (v == Infinity) return v;
  let b = reinterpret<u32>(v);
  let e1 = <f32>(<i32>(b >>> 23) - 127) + 1;
  let m = reinterpret<f32>((b & 0x807fffff) | 0x3f000000);
  let lt = m < f(0x3f3504f3);
  let xx = (m - 1) + (lt ? m : 0);
  let ee = e1 - (lt ? <f32>1 : <f32>0);
  let x2 = xx * xx;
  let x3 = x2 * xx;
  let y = fmaf(xx, f(0x3d9021bb), f(0xbdebd1b8));
  let y1 = fmaf(xx, f(0xbdfe5d4f), f(0x3e11e9bf));
  let y2 = fmaf(xx, f(0x3e4cceac), f(0xbe7ffffc));
  y = fmaf(y, xx, f(0x3def251a));
  y1 = fmaf(y1, xx, f(0xbe2aae50));
  y2 = fmaf(y2, xx, f(0x3eaaaaaa));
  y1 = fmaf(y, x3, y1);
  y2 = fmaf(y1, x3, y2);
  let tail = fmaf(y2, x3, ee * f(0xb95e8083));
  let z = fmaf(x2, -0.5, xx);
  return fmaf(ee, f(0x3f318000), z + tail);
}

/** Giles' erf_inv coefficients, highest first: for w = -log1p(-x^2) < 5 (q = -2.5 - l), else (q = sqrt(w) - 3). */
const SMALL_W = memory.data<u32>([0x32f16588, 0x34b84b36, 0xb66c7357, 0xb6935ac1, 0x396532db, 0xbaa45408, 0xbb88e4ef, 0x3e7c8f63, 0x3fc02e2f]);
const LARGE_W = memory.data<u32>([0xb951f09b, 0x38d3b56b, 0x3ab0dc72, 0xbb70bde7, 0x3bbc127b, 0xbbf9c5d7, 0x3c1aa57e, 0x3f8036db, 0x40354f7e]);

/** XLA's float32 erf_inv(x), with XLA's fusion: fma(c0, q, c1), then fma(q, p, c) for the rest. */
// @ts-ignore: decorator
@inline export function erfInv(x: f32): f32 {
  let l = log1p(x * -x);
  let small = l > -5;
  let q = small ? <f32>-2.5 - l : Mathf.sqrt(-l) - 3;
  let c = small ? SMALL_W : LARGE_W;
  let p = fmaf(load<f32>(c), q, load<f32>(c, 4));
  for (let i: usize = 8; i < 36; i += 4) p = fmaf(q, p, load<f32>(c + i));
  return x * (Mathf.abs(x) == 1 ? Infinity : p);
}

/** float32(sqrt 2), and nextafter(-1, 0): normal's uniform range is [NORMAL_MIN, 1). */
export const SQRT2: f32 = f(0x3fb504f3);
export const NORMAL_MIN: f32 = f(0xbf7fffff);

/** In place: words -> uniform(minval, minval + range). */
export function uniformWords(dst: usize, n: i32, minval: f32, range: f32): void {
  for (let j = 0; j < n; j++) {
    let at = dst + (<usize>j << 2);
    store<f32>(at, uniformOf(load<u32>(at), minval, range));
  }
}

/** In place: words -> jax.random.normal values. */
export function normalWords(dst: usize, n: i32): void {
  for (let j = 0; j < n; j++) {
    let at = dst + (<usize>j << 2);
    store<f32>(at, erfInv(uniformOf(load<u32>(at), NORMAL_MIN, 2)) * SQRT2);
  }
}

/** In place: float32 values u -> sqrt(2) erf_inv(u) (the erf_inv half of normal and truncated normal, for the tests). */
export function sqrt2ErfInvWords(dst: usize, n: i32): void {
  for (let j = 0; j < n; j++) {
    let at = dst + (<usize>j << 2);
    store<f32>(at, erfInv(load<f32>(at)) * SQRT2);
  }
}

/**
 * In place: words -> truncated_normal values: erf_inv of uniform(a, a + range) (a, range from
 * the bounds' erf), times sqrt 2, clipped to [lo, hi] (the bounds moved one ulp inward).
 */
export function truncatedWords(dst: usize, n: i32, a: f32, range: f32, lo: f32, hi: f32): void {
  for (let j = 0; j < n; j++) {
    let at = dst + (<usize>j << 2);
    let v = erfInv(uniformOf(load<u32>(at), a, range)) * SQRT2;
    store<f32>(at, Mathf.min(Mathf.max(v, lo), hi));
  }
}
