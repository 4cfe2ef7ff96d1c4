// The scalar float32 pieces of JAX's truncated_normal that run once per call, in JS: XLA's scalar
// erf of the bounds (eager jax evaluates it at run time, with explicit fma), nextafter, and a
// correctly rounded float32 fma (the same emulation as assembly/torch/fmaf.ts).

const fr = Math.fround;
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 of its bit pattern. */
export function floatOf(bits: number): number {
  u32[0] = bits;
  return f32[0];
}

/** Bit pattern of a float32 value. */
export function bitsOf(x: number): number {
  f32[0] = x;
  return u32[0];
}

/** fma(a, b, c) rounded once to float32: exact product, TwoSum, round to odd, then fround. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb);
  if (err === 0) return fr(s);
  f64[0] = s;
  if ((u64[0] & 1n) === 0n) u64[0] += (err > 0) === (s > 0) ? 1n : -1n;
  return fr(f64[0]);
}

/** XLA's flush of float32 subnormals to zero. */
export const ftz = (x: number): number => (x !== 0 && Math.abs(x) < 2 ** -126 ? (x < 0 ? -0 : 0) : x);

const CLAMP = floatOf(0x406f9c68);
const P = [0x3d50b6eb, 0x3e3da740, 0x3f906eba].map(floatOf);
const Q = [0x3a856d28, 0x3c6687d4, 0x3de34c21, 0x3efeb44a].map(floatOf);

/** XLA's scalar float32 erf(x): x P(x^2) / Q(x^2) on [-3.7439213, 3.7439213], +-1 beyond. */
export function erfScalar(x: number): number {
  if (Math.abs(x) >= CLAMP) return x < 0 ? -1 : 1;
  const x2 = fr(x * x);
  let p = fmaf(x2, floatOf(0x39702d51), floatOf(0x3b5f5da2));
  for (const c of P) p = fmaf(p, x2, c);
  let q = fmaf(x2, floatOf(0xb3fd3906), floatOf(0x37c588df));
  for (const c of Q) q = fmaf(q, x2, c);
  q = fmaf(q, x2, 1);
  return fr(fr(x * p) / q);
}

/** float32 nextafter(x, +-inf) for finite x (0 goes to the smallest subnormal, as XLA's does). */
export function nextToward(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * 2 ** -149;
  const b = bitsOf(x);
  return floatOf((x > 0) === (dir > 0) ? b + 1 : b - 1);
}

/** float32(1/sqrt 2): XLA rewrites x / sqrt(2) as x times this. */
export const RSQRT2 = floatOf(0x3f3504f3);
