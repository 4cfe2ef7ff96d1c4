// Keras 3 initializers on the JAX backend, as `keras.initializers.X(seed=s)(shape)` computes them
// with an integer seed: Keras's draw_seed(s) is the uint32 pair [s, 0], used directly as the
// threefry key's words (so it is not jax.random.key(s), which is [0, s]); every call of the same
// initializer reuses that key. The law's parameters are float64 (Python) rounded once to float32
// where JAX meets them; normal laws are `sample * stddev + mean`, two float32 ops.

import { wrapKeyData, type JaxKey } from "./key.js";
import { uniform, normal, truncatedNormal } from "./random.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { jaxOrthogonal } from "./orthogonal.js";
import { integer, finiteNumber, oneOf, rangeError, options } from "../validate.js";

const fr = Math.fround;

/** A Keras initializer: values of `shape`, the same on every call. */
export type KerasInitializer = (shape: Shape) => Float32Array;

/**
 * The key of Keras's draw_seed(seed) for an integer seed in [0, 2^32).
 *
 * @example
 * ```ts
 * import { keyData, keras } from "nninit/jax";
 * console.log(keyData(keras.kerasKey("example", 7))); // Uint32Array(2) [ 7, 0 ], Keras's draw_seed(7)
 * ```
 */
export function kerasKey(fn: string, seed: unknown): JaxKey {
  return wrapKeyData([integer(fn, "seed", seed, 0, 0xffffffff), 0]);
}

const affine = (v: Float32Array, std: number, mean: number) => {
  const s = fr(std), m = fr(mean);
  for (let i = 0; i < v.length; i++) v[i] = fr(fr(v[i] * s) + m);
  return v;
};

/**
 * Keras's compute_fans: 1-d (n, n); 2-d (rows, cols); else the leading dims are a receptive field.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * console.log(keras.kerasFans([3, 3, 16, 32])); // [ 144, 288 ]
 * ```
 */
export function kerasFans(dims: readonly number[]): [number, number] {
  if (dims.length < 1) return [1, 1];
  if (dims.length === 1) return [dims[0], dims[0]];
  const receptive = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  return [dims[dims.length - 2] * receptive, dims[dims.length - 1] * receptive];
}

interface Seeded { seed: number }

/**
 * keras.initializers.RandomNormal(mean, stddev, seed) on the JAX backend: `normal * stddev + mean` in float32 (defaults 0 and 0.05).
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const init = keras.RandomNormal({ seed: 1, stddev: 0.02 });
 * const a = init([4]), b = init([4]); // the same values: a Keras initializer reuses its seed
 * ```
 */
export function RandomNormal(opts: Seeded & { mean?: number; stddev?: number }): KerasInitializer {
  const fn = "RandomNormal";
  const o = options<Seeded & { mean?: number; stddev?: number }>(fn, opts, ["seed", "mean", "stddev"]);
  const k = kerasKey(fn, o.seed);
  const mean = finiteNumber(fn, "mean", o.mean ?? 0), std = finiteNumber(fn, "stddev", o.stddev ?? 0.05);
  return (shape) => affine(normal(k, dimsOf(fn, shape)), std, mean);
}

/**
 * keras.initializers.TruncatedNormal(mean, stddev, seed) on the JAX backend: a normal cut at 2 standard deviations (defaults 0 and 0.05).
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.TruncatedNormal({ seed: 1, stddev: 0.02 })([64, 64]);
 * ```
 */
export function TruncatedNormal(opts: Seeded & { mean?: number; stddev?: number }): KerasInitializer {
  const fn = "TruncatedNormal";
  const o = options<Seeded & { mean?: number; stddev?: number }>(fn, opts, ["seed", "mean", "stddev"]);
  const k = kerasKey(fn, o.seed);
  const mean = finiteNumber(fn, "mean", o.mean ?? 0), std = finiteNumber(fn, "stddev", o.stddev ?? 0.05);
  return (shape) => affine(truncatedNormal(k, -2, 2, dimsOf(fn, shape)), std, mean);
}

/**
 * keras.initializers.RandomUniform(minval, maxval, seed) on the JAX backend (defaults -0.05 and 0.05).
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.RandomUniform({ seed: 1, minval: -0.1, maxval: 0.1 })([8]);
 * ```
 */
export function RandomUniform(opts: Seeded & { minval?: number; maxval?: number }): KerasInitializer {
  const fn = "RandomUniform";
  const o = options<Seeded & { minval?: number; maxval?: number }>(fn, opts, ["seed", "minval", "maxval"]);
  const k = kerasKey(fn, o.seed);
  const minval = finiteNumber(fn, "minval", o.minval ?? -0.05), maxval = finiteNumber(fn, "maxval", o.maxval ?? 0.05);
  return (shape) => uniform(k, dimsOf(fn, shape), { minval, maxval });
}

/** Options of {@link VarianceScaling}: Keras's scale, mode and distribution, and the integer seed. */
export interface VarianceScalingOptions extends Seeded {
  scale?: number;
  mode?: "fan_in" | "fan_out" | "fan_avg";
  /** "normal" means "truncated_normal" in Keras. */
  distribution?: "truncated_normal" | "normal" | "untruncated_normal" | "uniform";
}

/**
 * keras.initializers.VarianceScaling(scale, mode, distribution, seed) on the JAX backend; `distribution: "normal"` means truncated normal, as in Keras.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.VarianceScaling({ seed: 1, scale: 2, mode: "fan_out", distribution: "untruncated_normal" })([64, 32]);
 * ```
 */
export function VarianceScaling(opts: VarianceScalingOptions): KerasInitializer {
  return varianceScaling("VarianceScaling", options<VarianceScalingOptions>("VarianceScaling", opts, ["seed", "scale", "mode", "distribution"]));
}

function varianceScaling(fn: string, o: Partial<VarianceScalingOptions>): KerasInitializer {
  const k = kerasKey(fn, o.seed);
  const scale0 = finiteNumber(fn, "scale", o.scale ?? 1);
  if (!(scale0 > 0)) throw rangeError(fn, "scale", "a positive number", o.scale);
  const mode = oneOf(fn, "mode", o.mode ?? "fan_in", ["fan_in", "fan_out", "fan_avg"]);
  let dist = oneOf(fn, "distribution", o.distribution ?? "truncated_normal", ["truncated_normal", "normal", "untruncated_normal", "uniform"]);
  if (dist === "normal") dist = "truncated_normal";
  return (shape) => {
    const dims = dimsOf(fn, shape);
    const [fanIn, fanOut] = kerasFans(dims);
    const den = mode === "fan_in" ? fanIn : mode === "fan_out" ? fanOut : (fanIn + fanOut) / 2;
    const scale = scale0 / Math.max(1, den);
    if (dist === "truncated_normal") return affine(truncatedNormal(k, -2, 2, dims), Math.sqrt(scale) / 0.87962566103423978, 0);
    if (dist === "untruncated_normal") return affine(normal(k, dims), Math.sqrt(scale), 0);
    const limit = Math.sqrt(3 * scale);
    return uniform(k, dims, { minval: -limit, maxval: limit });
  };
}

type Preset = (opts: Seeded) => KerasInitializer;
const preset = (fn: string, scale: number, mode: "fan_in" | "fan_avg", distribution: "truncated_normal" | "uniform"): Preset =>
  (opts) => varianceScaling(fn, { ...options<Seeded>(fn, opts, ["seed"]), scale, mode, distribution });

/**
 * keras.initializers.GlorotNormal(seed) on the JAX backend: variance scaling with scale 1, "fan_avg", "truncated_normal".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.GlorotNormal({ seed: 1 })([64, 32]);
 * ```
 */
export const GlorotNormal = preset("GlorotNormal", 1, "fan_avg", "truncated_normal");
/**
 * keras.initializers.GlorotUniform(seed) on the JAX backend (Keras's default kernel initializer): scale 1, "fan_avg", "uniform".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const init = keras.GlorotUniform({ seed: 1 });
 * const w = init([64, 32]); // keras.initializers.GlorotUniform(seed=1)((64, 32))
 * ```
 */
export const GlorotUniform = preset("GlorotUniform", 1, "fan_avg", "uniform");
/**
 * keras.initializers.HeNormal(seed) on the JAX backend: scale 2, "fan_in", "truncated_normal".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.HeNormal({ seed: 1 })([3, 3, 16, 32]);
 * ```
 */
export const HeNormal = preset("HeNormal", 2, "fan_in", "truncated_normal");
/**
 * keras.initializers.HeUniform(seed) on the JAX backend: scale 2, "fan_in", "uniform".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.HeUniform({ seed: 1 })([3, 3, 16, 32]);
 * ```
 */
export const HeUniform = preset("HeUniform", 2, "fan_in", "uniform");
/**
 * keras.initializers.LecunNormal(seed) on the JAX backend: scale 1, "fan_in", "truncated_normal".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.LecunNormal({ seed: 1 })([128, 64]);
 * ```
 */
export const LecunNormal = preset("LecunNormal", 1, "fan_in", "truncated_normal");
/**
 * keras.initializers.LecunUniform(seed) on the JAX backend: scale 1, "fan_in", "uniform".
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.LecunUniform({ seed: 1 })([128, 64]);
 * ```
 */
export const LecunUniform = preset("LecunUniform", 1, "fan_in", "uniform");

/**
 * keras.initializers.Orthogonal(gain, seed): Q of the QR of normal(key, (max(r, c), min(r, c)))
 * with r the product of all but the last axis, signs from diag(R), times float32(gain): the same
 * construction as jax.nn.initializers.orthogonal, so the normals are Keras's bit for bit and Q
 * agrees to float32 rounding (nninit's QR, not LAPACK's).
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.Orthogonal({ gain: 1, seed: 1 })([32, 32]);
 * ```
 */
export function Orthogonal(opts: Seeded & { gain?: number }): KerasInitializer {
  const fn = "Orthogonal";
  const o = options<Seeded & { gain?: number }>(fn, opts, ["seed", "gain"]);
  const k = kerasKey(fn, o.seed);
  const gain = fr(finiteNumber(fn, "gain", o.gain ?? 1));
  return (shape) => jaxOrthogonal(fn, k, dimsOf(fn, shape), gain, -1);
}

/**
 * keras.initializers.Identity(gain): float32(gain) on the diagonal of a 2-d shape.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * console.log(keras.Identity({ gain: 2 })([2, 3])); // Float32Array(6) [ 2, 0, 0, 0, 2, 0 ]
 * ```
 */
export function Identity(opts: { gain?: number } = {}): KerasInitializer {
  const fn = "Identity";
  const gain = fr(finiteNumber(fn, "gain", options<{ gain?: number }>(fn, opts, ["gain"]).gain ?? 1));
  return (shape) => {
    const dims = dimsOf(fn, shape);
    if (dims.length !== 2) throw rangeError(fn, "shape", "2-d", shape);
    const out = new Float32Array(dims[0] * dims[1]);
    for (let i = 0; i < Math.min(dims[0], dims[1]); i++) out[i * dims[1] + i] = gain;
    return out;
  };
}

/**
 * keras.initializers.Constant(value), Zeros(), Ones().
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * console.log(keras.Constant({ value: 0.5 })([3])); // Float32Array(3) [ 0.5, 0.5, 0.5 ]
 * ```
 */
export function Constant(opts: { value?: number } = {}): KerasInitializer {
  const fn = "Constant";
  const value = fr(finiteNumber(fn, "value", options<{ value?: number }>(fn, opts, ["value"]).value ?? 0));
  return (shape) => new Float32Array(numel(dimsOf(fn, shape))).fill(value);
}
/**
 * keras.initializers.Zeros(): every element 0.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * console.log(keras.Zeros()([2])); // Float32Array(2) [ 0, 0 ]
 * ```
 */
export const Zeros = (): KerasInitializer => Constant({ value: 0 });
/**
 * keras.initializers.Ones(): every element 1.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * console.log(keras.Ones()([2])); // Float32Array(2) [ 1, 1 ]
 * ```
 */
export const Ones = (): KerasInitializer => Constant({ value: 1 });
