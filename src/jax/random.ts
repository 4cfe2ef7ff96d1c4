// jax.random's samplers on JaxKeys: bits, uniform, normal, truncatedNormal, in float32, bit for
// bit as jax 0.10 computes them on CPU (docs/jax.md). Element i of a draw depends only on the key
// and i (partitionable threefry counters), so `range` computes a slice alone and any split of a
// draw into ranges gives the same bits as one call.

import { jax, JAX_WINDOW_ELEMENTS, type JaxKernels } from "../wasm/jax.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { options, typeError, rangeError, integer, finiteNumber, oneOf, isDetached } from "../validate.js";
import { wordsOf, type JaxKey } from "./key.js";
import { erfScalar, nextToward, ftz, RSQRT2 } from "./scalar.js";
import { carry } from "./pool-samplers.js";

const fr = Math.fround;

/** Options of every sampler. */
export interface DrawOptions {
  /** Return only elements [start, end) of the flat draw, exactly as they are in the whole draw. */
  range?: readonly [number, number];
  /** Write into this array (its length must be the draw's, or the range's) instead of allocating. */
  out?: Float32Array;
  /** The element type: "float32" (JAX's default; the only one so far). */
  dtype?: "float32";
}

export interface UniformOptions extends DrawOptions {
  /** Lower bound (default 0), rounded to float32 as JAX does. */
  minval?: number;
  /** Upper bound (default 1), rounded to float32. */
  maxval?: number;
}

const DRAW_KEYS = ["range", "out", "dtype"] as const;

/** A checked draw: the key's words, the flat slice and the array to fill. */
interface Slice<A> {
  k0: number;
  k1: number;
  start: number;
  end: number;
  out: A;
}

function sliceOf<A extends Float32Array | Uint32Array>(fn: string, k: unknown, shape: unknown, opts: Record<string, unknown>, make: (n: number) => A, isA: (x: unknown) => x is A, kind: string): Slice<A> {
  const [k0, k1] = wordsOf(fn, "key", k);
  const total = numel(dimsOf(fn, shape));
  let start = 0, end = total;
  if (opts.range !== undefined) {
    const r: unknown = opts.range;
    if (!Array.isArray(r) || r.length !== 2) throw typeError(fn, "range", "a pair [start, end]", r);
    start = integer(fn, "range[0]", r[0], 0, total);
    end = integer(fn, "range[1]", r[1], 0, total);
    if (start > end) throw rangeError(fn, "range", `a pair [start, end] with 0 <= start <= end <= ${total}`, r);
  }
  if (opts.dtype !== undefined) oneOf(fn, "dtype", opts.dtype, ["float32"]);
  let out: A;
  if (opts.out !== undefined) {
    if (!isA(opts.out)) throw typeError(fn, "out", kind, opts.out);
    if (isDetached(opts.out.buffer)) throw typeError(fn, "out", `${kind} whose buffer is not detached`, opts.out);
    if (opts.out.length !== end - start) throw rangeError(fn, "out", `${kind} of length ${end - start}`, opts.out);
    out = opts.out;
  } else {
    out = make(end - start);
  }
  return { k0, k1, start, end, out };
}

const isF32 = (x: unknown): x is Float32Array => x instanceof Float32Array;
const isU32 = (x: unknown): x is Uint32Array => x instanceof Uint32Array;
const f32Slice = (fn: string, k: unknown, shape: unknown, opts: Record<string, unknown>) =>
  sliceOf(fn, k, shape, opts, (n) => new Float32Array(n), isF32, "a Float32Array");

/** The array a float32 draw of `shape` with these options (range, out, dtype) fills: checked as the samplers check it, nothing drawn (for constant initializers). */
export const drawTarget = (fn: string, k: unknown, shape: unknown, opts: Record<string, unknown>): Float32Array => f32Slice(fn, k, shape, opts).out;

/** Runs `kernel` window by window over the slice's counters; it writes n words or floats at dst. */
function run(s: Slice<Float32Array | Uint32Array>, kernel: (k: JaxKernels, hi: number, lo: number, dst: number, n: number) => void): void {
  const k = jax.current();
  const view = s.out instanceof Float32Array ? () => k.windowF32() : () => k.windowU32();
  for (let i = s.start; i < s.end;) {
    const n = Math.min(JAX_WINDOW_ELEMENTS, s.end - i);
    kernel(k, Math.floor(i / 2 ** 32), i >>> 0, k.window, n);
    s.out.set(view().subarray(0, n), i - s.start);
    i += n;
  }
}

/**
 * jax.random.bits(key, shape): the 32-bit words y0 ^ y1 of counters 0, 1, ...
 *
 * @example
 * ```ts
 * import { bits, key } from "nninit/jax";
 * console.log(bits(key(0), [2])); // Uint32Array(2) [ 4070199207, 4202968722 ], as jax.random.bits
 * ```
 */
export function bits(key: JaxKey, shape: Shape, opts?: { range?: readonly [number, number]; out?: Uint32Array }): Uint32Array {
  const fn = "bits";
  const o = options<Record<string, unknown>>(fn, opts, ["range", "out"]);
  const s = sliceOf(fn, key, shape, o, (n) => new Uint32Array(n), isU32, "a Uint32Array");
  run(s, (k, hi, lo, dst, n) => k.exports.jax_bits(s.k0, s.k1, hi, lo, dst, n));
  return s.out;
}

/**
 * jax.random.uniform(key, shape, minval, maxval) in float32: [minval, maxval).
 *
 * @example
 * ```ts
 * import { key, uniform } from "nninit/jax";
 * console.log(uniform(key(0), [3])); // [ 0.947667, 0.9785799, 0.33229148 ], jax.random.uniform(key(0), (3,))
 * const part = uniform(key(0), [1000], { range: [10, 20] }); // elements 10..19 of the same draw, alone
 * ```
 */
export function uniform(key: JaxKey, shape: Shape, opts?: UniformOptions): Float32Array {
  const fn = "uniform";
  const o = options<Record<string, unknown>>(fn, opts, [...DRAW_KEYS, "minval", "maxval"]);
  // XLA's CPU code treats subnormal inputs as zero (DAZ) and flushes subnormal results (FTZ).
  const minval = ftz(fr(o.minval === undefined ? 0 : finiteNumber(fn, "minval", o.minval)));
  const maxval = ftz(fr(o.maxval === undefined ? 1 : finiteNumber(fn, "maxval", o.maxval)));
  const range = ftz(fr(maxval - minval));
  const s = f32Slice(fn, key, shape, o);
  run(s, (k, hi, lo, dst, n) => k.exports.jax_uniform(s.k0, s.k1, hi, lo, dst, n, minval, range));
  return s.out;
}

/**
 * jax.random.normal(key, shape) in float32: sqrt(2) erf_inv(uniform(-1 + 2^-24, 1)).
 *
 * @example
 * ```ts
 * import { key, normal } from "nninit/jax";
 * console.log(normal(key(0), [3])); // [ 1.6226422, 2.0252647, -0.43359444 ], jax.random.normal(key(0), (3,))
 * ```
 */
export function normal(key: JaxKey, shape: Shape, opts?: DrawOptions): Float32Array {
  const fn = "normal";
  const s = f32Slice(fn, key, shape, options<Record<string, unknown>>(fn, opts, DRAW_KEYS));
  run(s, (k, hi, lo, dst, n) => k.exports.jax_normal(s.k0, s.k1, hi, lo, dst, n));
  return s.out;
}

/**
 * jax.random.truncated_normal(key, lower, upper, shape) in float32, bounds given as numbers
 * (eager JAX: XLA's scalar erf of the bounds at run time; a call under an outer jit with constant
 * bounds folds erf with the host libm instead, which differs for some bounds).
 *
 * @example
 * ```ts
 * import { key, truncatedNormal } from "nninit/jax";
 * const w = truncatedNormal(key(0), -2, 2, [256]); // jax.random.truncated_normal(key(0), -2, 2, (256,))
 * console.log(Math.min(...w) >= -2 && Math.max(...w) <= 2); // true
 * ```
 */
export function truncatedNormal(key: JaxKey, lower: number, upper: number, shape: Shape, opts?: DrawOptions): Float32Array {
  const fn = "truncatedNormal";
  wordsOf(fn, "key", key);
  const lo = fr(finiteNumber(fn, "lower", lower)), hi = fr(finiteNumber(fn, "upper", upper));
  if (!(lo < hi)) throw rangeError(fn, "upper", `a number above lower (${lower})`, upper);
  const s = f32Slice(fn, key, shape, options<Record<string, unknown>>(fn, opts, DRAW_KEYS));
  const a = ftz(erfScalar(fr(lo * RSQRT2))), b = ftz(erfScalar(fr(hi * RSQRT2)));
  const range = ftz(fr(b - a)), clipLo = nextToward(lo, 1), clipHi = nextToward(hi, -1);
  run(s, (k, h, l, dst, n) => k.exports.jax_truncated(s.k0, s.k1, h, l, dst, n, a, range, clipLo, clipHi));
  return s.out;
}

/**
 * jax.random.bernoulli(key, p, shape) (mode "low", JAX's default): 1 where uniform(key, shape)
 * < float32(p), else 0, as a Uint8Array (JAX's bool array).
 *
 * @example
 * ```ts
 * import { bernoulli, key } from "nninit/jax";
 * console.log(bernoulli(key(0), 0.5, [4])); // Uint8Array(4) [ 0, 0, 1, 1 ], jax.random.bernoulli(key(0), 0.5, (4,))
 * ```
 */
export function bernoulli(key: JaxKey, p: number, shape: Shape, opts?: { range?: readonly [number, number]; out?: Uint8Array }): Uint8Array {
  const fn = "bernoulli";
  const o = options<Record<string, unknown>>(fn, opts, ["range", "out"]);
  const q = fr(finiteNumber(fn, "p", p));
  const { out, ...rest } = o;
  if (out !== undefined && !(out instanceof Uint8Array)) throw typeError(fn, "out", "a Uint8Array", out);
  const s = f32Slice(fn, key, shape, rest);
  if (out !== undefined && out.length !== s.out.length) throw rangeError(fn, "out", `a Uint8Array of length ${s.out.length}`, out);
  run(s, (k, hi, lo, dst, n) => k.exports.jax_uniform(s.k0, s.k1, hi, lo, dst, n, 0, 1));
  const result = out ?? new Uint8Array(s.out.length);
  for (let i = 0; i < result.length; i++) result[i] = s.out[i] < q ? 1 : 0;
  return result;
}

/**
 * The samplers' calls from a key and the options of pool.fill and fillAsync (`truncatedNormal`
 * takes `lower` and `upper` there): what their pool entries run (./pool-samplers.ts).
 */
export const POOL_CALLS = {
  normal: (k: JaxKey, shape: unknown, o: Record<string, unknown>) => normal(k, shape as Shape, o),
  uniform: (k: JaxKey, shape: unknown, o: Record<string, unknown>) => uniform(k, shape as Shape, o),
  truncatedNormal: (k: JaxKey, shape: unknown, { lower, upper, ...o }: Record<string, unknown>) =>
    truncatedNormal(k, lower as number, upper as number, shape as Shape, o),
} as const;
carry(normal, "normal", POOL_CALLS.normal);
carry(uniform, "uniform", POOL_CALLS.uniform);
carry(truncatedNormal, "truncatedNormal", POOL_CALLS.truncatedNormal);
