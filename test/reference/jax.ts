// A plain-JS JAX (jax 0.10, CPU): threefry2x32 with partitionable counters, and the float32
// transforms as XLA compiles them on an x86 host with FMA (see docs/jax.md). Written from the
// recipe, one value at a time and without the kernels' tricks, so that the wasm kernels (SIMD
// and scalar) can be checked against something independent of them.

import { fmaf } from "./torch.js";
import { floatOf, bitsOf } from "./f32.js";

const fr = Math.fround;
const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
const ROT = [[13, 15, 26, 6], [17, 29, 16, 24]];

/** threefry2x32(key, (x0, x1)) -> [y0, y1] (20 rounds). */
export function threefry(k0: number, k1: number, x0: number, x1: number): [number, number] {
  const ks = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ 0x1bd11bda) >>> 0];
  let a = (x0 + ks[0]) >>> 0;
  let b = (x1 + ks[1]) >>> 0;
  for (let g = 0; g < 5; g++) {
    for (const r of ROT[g & 1]) {
      a = (a + b) >>> 0;
      b = (rotl(b, r) ^ a) >>> 0;
    }
    a = (a + ks[(g + 1) % 3]) >>> 0;
    b = (b + ks[(g + 2) % 3] + g + 1) >>> 0;
  }
  return [a, b];
}

/** jax.random.key(seed) data with x64 off: [0, seed mod 2^32]. */
export function keyData(seed: bigint): [number, number] {
  return [0, Number(BigInt.asUintN(32, seed))];
}

/** The 32-bit word of flat element i (a safe integer). */
export function word(k: [number, number], i: number): number {
  const [y0, y1] = threefry(k[0], k[1], Math.floor(i / 2 ** 32), i >>> 0);
  return (y0 ^ y1) >>> 0;
}

export const split = (k: [number, number], n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => threefry(k[0], k[1], Math.floor(i / 2 ** 32), i >>> 0));
export const foldIn = (k: [number, number], d: number): [number, number] => threefry(k[0], k[1], 0, d >>> 0);

/** XLA CPU flushes subnormal float32 results to zero. */
const ftz = (x: number) => (Math.abs(x) < 2 ** -126 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : x);
/** lax.max: NaN propagates. */
const maxNan = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? a : b);

/** uniform in [minval, maxval) from one word: fma(f, maxval - minval, minval), max with minval. */
export function uniformOf(w: number, minval: number, maxval: number): number {
  const f = fr(floatOf((w >>> 9) | 0x3f800000) - 1);
  minval = ftz(minval); // XLA CPU: subnormal inputs read as zero (DAZ)
  const range = ftz(fr(ftz(maxval) - minval));
  return ftz(maxNan(minval, fmaf(f, range, minval)));
}

/** XLA's float32 log1p as fused on x86 (see docs/jax.md). */
export function log1p(t: number): number {
  if (Math.abs(t) < floatOf(0x3ed413cd)) {
    const x2 = fr(t * t);
    let d = 1;
    for (const c of [0x417101ad, 0x42a6185b, 0x435dc32d, 0x439a8ca3, 0x43586d8a, 0x42707982]) d = fmaf(d, t, floatOf(c));
    let n = fr(4.527e-5);
    for (const c of [0x3eff40c5, 0x40d284fa, 0x41ef4b9c, 0x4273cc76, 0x426473ad, 0x41a05101]) n = fmaf(n, t, floatOf(c));
    const r = fr(n / d);
    const s = fmaf(x2, -0.5, fr(ftz(fr(t * x2)) * r));
    return fr(t + s);
  }
  const v = fr(t + 1);
  if (Number.isNaN(v) || v < 0) return NaN;
  if (v === 0) return -Infinity;
  if (v === Infinity) return Infinity;
  const b = bitsOf(Math.max(v, 2 ** -126));
  const e1 = fr(((b >>> 23) - 127) + 1);
  const m = floatOf((b & 0x807fffff) | 0x3f000000);
  const lt = m < floatOf(0x3f3504f3);
  const xx = fr(fr(m - 1) + (lt ? m : 0));
  const ee = fr(e1 - (lt ? 1 : 0));
  const x2 = fr(xx * xx);
  const x3 = fr(x2 * xx);
  let y = fmaf(xx, floatOf(0x3d9021bb), floatOf(0xbdebd1b8));
  let y1 = fmaf(xx, floatOf(0xbdfe5d4f), floatOf(0x3e11e9bf));
  let y2 = fmaf(xx, floatOf(0x3e4cceac), floatOf(0xbe7ffffc));
  y = fmaf(y, xx, floatOf(0x3def251a));
  y1 = fmaf(y1, xx, floatOf(0xbe2aae50));
  y2 = fmaf(y2, xx, floatOf(0x3eaaaaaa));
  y1 = fmaf(y, x3, y1);
  y2 = fmaf(y1, x3, y2);
  const tail = fmaf(y2, x3, fr(ee * floatOf(0xb95e8083)));
  const z = fmaf(x2, -0.5, xx);
  return fmaf(ee, floatOf(0x3f318000), fr(z + tail));
}

const SMALL = [0x32f16588, 0x34b84b36, 0xb66c7357, 0xb6935ac1, 0x396532db, 0xbaa45408, 0xbb88e4ef, 0x3e7c8f63, 0x3fc02e2f].map(floatOf);
const LARGE = [0xb951f09b, 0x38d3b56b, 0x3ab0dc72, 0xbb70bde7, 0x3bbc127b, 0xbbf9c5d7, 0x3c1aa57e, 0x3f8036db, 0x40354f7e].map(floatOf);

/** XLA's float32 erf_inv (Giles) as fused on x86. */
export function erfInv(x: number): number {
  const l = log1p(fr(x * -x));
  const small = l > -5;
  const q = small ? fr(-2.5 - l) : fr(fr(Math.sqrt(-l)) - 3);
  const c = small ? SMALL : LARGE;
  let p = fmaf(c[0], q, c[1]);
  for (let i = 2; i < 9; i++) p = fmaf(q, p, c[i]);
  return fr(x * (Math.abs(x) === 1 ? Infinity : p));
}

export const SQRT2 = floatOf(0x3fb504f3);
export const NORMAL_MIN = floatOf(0xbf7fffff);

/** jax.random.normal's value for one word. */
export const normalOf = (w: number) => fr(erfInv(uniformOf(w, NORMAL_MIN, 1)) * SQRT2);

/** XLA's scalar float32 erf (the bounds of truncated_normal, eager). */
export function erf(x: number): number {
  const xc = Math.min(Math.max(x, floatOf(0xc06f9c68)), floatOf(0x406f9c68));
  if (Math.abs(x) >= floatOf(0x406f9c68)) return x < 0 ? -1 : 1;
  const x2 = fr(xc * xc);
  let p = fmaf(x2, floatOf(0x39702d51), floatOf(0x3b5f5da2));
  for (const c of [0x3d50b6eb, 0x3e3da740, 0x3f906eba]) p = fmaf(p, x2, floatOf(c));
  let q = fmaf(x2, floatOf(0xb3fd3906), floatOf(0x37c588df));
  for (const c of [0x3a856d28, 0x3c6687d4, 0x3de34c21, 0x3efeb44a]) q = fmaf(q, x2, floatOf(c));
  q = fmaf(q, x2, 1);
  return fr(fr(xc * p) / q);
}

/** float32 nextafter toward +inf (dir 1) or -inf (dir -1), finite x. */
export function nextToward(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * 2 ** -149;
  const b = bitsOf(x);
  return floatOf((x > 0) === (dir > 0) ? b + 1 : b - 1);
}

/** jax.random.truncated_normal(key, lower, upper)'s value for one word (float32 bounds). */
export function truncatedOf(w: number, lower: number, upper: number): number {
  const a = erf(fr(lower * floatOf(0x3f3504f3)));
  const b = erf(fr(upper * floatOf(0x3f3504f3)));
  const out = fr(erfInv(uniformOf(w, a, b)) * SQRT2);
  return Math.min(Math.max(out, nextToward(lower, 1)), nextToward(upper, -1));
}
