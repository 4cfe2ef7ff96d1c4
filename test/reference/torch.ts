// Plain-JS reference of PyTorch's CPU generator and its float32 transforms (facts in
// docs/torch-cpu-rng.md): slow, written to be read next to torch's sources, and the
// oracle that the torch wasm kernels (scalar and SIMD) must equal bit for bit.
//   mt19937:        aten/src/ATen/core/MT19937RNGEngine.h
//   uniform_:       aten/src/ATen/core/TransformationHelper.h (uniform_real)
//   normal_ (>=16): aten/src/ATen/native/cpu/DistributionTemplates.h (normal_fill, normal_fill_AVX2)
//   log256_ps, sincos256_ps: aten/src/ATen/native/cpu/avx_mathfun.h (cephes, float32)
//   normal_ (<16):  aten/src/ATen/core/DistributionsHelper.h (normal_distribution<double>)

import { fr, bitsOf, floatOf } from "./f32.js";

const N = 624;

/** mt19937 as torch runs it: `next` = 624 means "twist before the next word". */
export class MT {
  state = new Uint32Array(N);
  next = N;
  words = 0;
  normal: number | null = null;

  constructor(seed: number | bigint = 67280421310721n) {
    const s = Number(BigInt.asUintN(32, BigInt(seed)));
    this.state[0] = s;
    for (let j = 1; j < N; j++) {
      const p = this.state[j - 1];
      this.state[j] = (Math.imul(1812433253, (p ^ (p >>> 30)) >>> 0) + j) >>> 0;
    }
  }

  twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i] & 0x80000000) | (s[(i + 1) % N] & 0x7fffffff);
      s[i] = (s[(i + 397) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
    }
    this.next = 0;
  }

  /** One 32-bit output (`random()`). */
  random(): number {
    if (this.next === N) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    this.words++;
    return y >>> 0;
  }

  /** `random64()`: two outputs, the first is the high half. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}

// ---------------------------------------------------------------------------------------------
// A correctly rounded float32 fma, the obvious way: the exact value with BigInt rationals is
// overkill; a*b is exact in float64 (24 + 24 bits), the sum's error comes from TwoSum, and
// rounding the float64 sum to odd before rounding to float32 gives the correctly rounded result.

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

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

/** Whether a torch kernel build fuses multiply-adds: "avx2" (GCC 12 -mfma) or "default". */
export type Build = "avx2" | "default";

// ---------------------------------------------------------------------------------------------
// uniform_: x = (w & 0xffffff) * 2^-24, value = x * (to - from) + from in float32.

export function uniformValue(w: number, from: number, range: number, build: Build): number {
  const x = (w & 0xffffff) * 2 ** -24;
  return build === "avx2" ? fmaf(x, range, from) : fr(fr(x * range) + from);
}

export function uniform(g: MT, n: number, a: number, b: number, build: Build): Float32Array {
  const from = fr(a), to = fr(b), range = fr(to - from);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = uniformValue(g.random(), from, range, build);
  return out;
}

// ---------------------------------------------------------------------------------------------
// avx_mathfun.h's log256_ps and sincos256_ps, lane by lane, with the multiply-adds that GCC 12
// fused in Debian's build (the facts file lists them).

const C = (x: number) => fr(x);
const SQRTHF = C(0.707106781186547524);
const LOG_P = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(C);
const LOG_Q1 = C(-2.12194440e-4);
const LOG_Q2 = C(0.693359375);

/** A float32 fma: the exact one, or an instrumented one (test/torch/exhaustive.node.test.ts). */
export type Fma = (a: number, b: number, c: number) => number;

export function log256(v: number, fma: Fma = fmaf): number {
  let bits = bitsOf(Math.max(v, floatOf(0x00800000)));
  let e = fr((bits >>> 23) - 0x7f);
  bits = (bits & ~0x7f800000) | 0x3f000000;
  let x = floatOf(bits);
  e = fr(e + 1);
  const small = x < SQRTHF;
  const tmp = small ? x : 0;
  x = fr(x - 1);
  e = fr(e - (small ? 1 : 0));
  x = fr(x + tmp);
  const z = fr(x * x);
  let y = LOG_P[0];
  for (let k = 1; k <= 8; k++) y = fma(y, x, LOG_P[k]);
  y = fr(y * x);
  y = fma(y, z, fr(e * LOG_Q1));
  y = fr(y - fr(z * 0.5));
  x = fr(x + y);
  return fma(e, LOG_Q2, x);
}

const FOPI = C(1.27323954473516);
const DP = [C(-0.78515625), C(-2.4187564849853515625e-4), C(-3.77489497744594108e-8)];
const SIN_P = [C(-1.9515295891e-4), C(8.3321608736e-3), C(-1.6666654611e-1)];
const COS_P = [C(2.443315711809948e-5), C(-1.388731625493765e-3), C(4.166664568298827e-2)];

/** [sin, cos] of a float32 angle >= 0 (Box-Muller's theta), as sincos256_ps computes them. */
export function sincos256(theta: number, fma: Fma = fmaf): [number, number] {
  let x = Math.abs(theta);
  const signSin = theta < 0 || Object.is(theta, -0) ? 1 : 0;
  let j = Math.trunc(fr(x * FOPI)) | 0;
  j = (j + 1) & ~1;
  const y = fr(j);
  const swapSin = (j & 4) !== 0 ? 1 : 0;
  const polyMask = (j & 2) === 0;
  x = fma(y, DP[0], x);
  x = fma(y, DP[1], x);
  x = fma(y, DP[2], x);
  const signCos = (~(j - 2) & 4) !== 0 ? 1 : 0;
  const z = fr(x * x);
  let yc = fma(COS_P[0], z, COS_P[1]);
  yc = fma(yc, z, COS_P[2]);
  yc = fr(yc * z);
  yc = fma(yc, z, -fr(z * 0.5));
  yc = fr(yc + 1);
  let ys = fma(SIN_P[0], z, SIN_P[1]);
  ys = fma(ys, z, SIN_P[2]);
  ys = fr(ys * z);
  ys = fma(ys, x, x);
  // The selection is written with masks and adds of +0 in the C code; keep its signed zeros.
  const sinPart = polyMask ? fr(0 + ys) : fr(yc + 0);
  const cosPart = polyMask ? fr(yc + 0) : fr(0 + ys);
  const flip = (v: number, s: number) => (s ? -v : v);
  return [flip(sinPart, signSin ^ swapSin), flip(cosPart, signCos)];
}

export const TWO_PI_F = fr(2 * Math.PI);

/** normal_fill_16 of the AVX2 kernel on 16 uniforms in place. */
export function normal16Avx2(d: Float32Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = fr(Math.sqrt(fr(-2 * log256(u1))));
    const theta = fr(TWO_PI_F * u2);
    const [s, c] = sincos256(theta);
    d[at + j] = fmaf(fr(radius * c), std, mean);
    d[at + j + 8] = fmaf(fr(radius * s), std, mean);
  }
}

/** normal_fill_16 of the DEFAULT build: libm logf/cosf/sinf (here correctly rounded), no fma. */
export function normal16Default(d: Float32Array, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = fr(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = fr(Math.sqrt(fr(-2 * fr(Math.log(u1)))));
    const theta = fr(2 * Math.PI * u2);
    d[at + j] = fr(fr(fr(radius * fr(Math.cos(theta))) * std) + mean);
    d[at + j + 8] = fr(fr(fr(radius * fr(Math.sin(theta))) * std) + mean);
  }
}

/** One sample of at::normal_distribution<double> (the small / non-contiguous path), with the cache. */
export function normalDouble(g: MT, mean: number, std: number): number {
  if (g.normal !== null) {
    const z = g.normal;
    g.normal = null;
    return z * std + mean;
  }
  const u1 = Number(BigInt.asUintN(53, g.random64())) * 2 ** -53;
  const u2 = Number(BigInt.asUintN(53, g.random64())) * 2 ** -53;
  const r = Math.sqrt(-2 * Math.log(1 - u2));
  const theta = 2 * Math.PI * u1;
  g.normal = r * Math.sin(theta);
  return r * Math.cos(theta) * std + mean;
}

/** torch's `normal_` on a contiguous float32 tensor of n elements. */
export function normal(g: MT, n: number, mean: number, std: number, build: Build): Float32Array {
  const out = new Float32Array(n);
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = fr(normalDouble(g, mean, std));
    return out;
  }
  const m = fr(mean), s = fr(std);
  const block = build === "avx2" ? normal16Avx2 : normal16Default;
  for (let i = 0; i < n; i++) out[i] = (g.random() & 0xffffff) * 2 ** -24;
  for (let i = 0; i + 16 <= n; i += 16) block(out, i, m, s);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) out[i] = (g.random() & 0xffffff) * 2 ** -24;
    block(out, n - 16, m, s);
  }
  return out;
}

/** torch.randperm(n) on the CPU (n - 1 words: a Fisher-Yates shuffle with random() % (n - i)). */
export function randperm(g: MT, n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = g.random() % (n - i);
    const t = r[i]; r[i] = r[z + i]; r[z + i] = t;
  }
  return r;
}
