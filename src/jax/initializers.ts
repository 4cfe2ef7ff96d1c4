// jax.nn.initializers: each function returns an initializer `(key, shape, dtype?) => values`,
// with JAX's fan conventions (in_axis -2, out_axis -1, the other axes a receptive field) and
// JAX's arithmetic as eager jax 0.10 runs it: the variance is float32(scale / denominator) with
// the fans in float64, and the draw is scaled by one float32 multiply (normal: sqrt(variance);
// truncated normal: sqrt(variance) / float32(0.8796...); uniform: sqrt(3 * variance) on
// uniform(-1, 1)). Under jax.jit XLA may regroup these constant multiplies; eager is matched.
// Each initializer also carries a pool entry (./pool-initializers.ts: `made` below), so pool.fill
// and fillAsync take it with `{ key }`. Over 300 lines: one documented export per JAX name.

import { uniform as uniformDraw, normal as normalDraw, truncatedNormal as truncDraw, drawTarget } from "./random.js";
import { wordsOf, type JaxKey } from "./key.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { typeError, rangeError, finiteNumber, oneOf, integer, options } from "../validate.js";
import { jaxOrthogonal, jaxDeltaOrthogonal, checkOrthogonal, checkDeltaOrthogonal } from "./orthogonal.js";
import { carryInitializer, type Description } from "./pool-initializers.js";
import type { Call } from "./pool-samplers.js";

const fr = Math.fround;

/** An initializer: values of `shape` (row-major float32) from `key`. */
export type Initializer = (key: JaxKey, shape: Shape, dtype?: "float32") => Float32Array;

/** An axis or a list of axes; negative axes count from the end, as in Python. */
export type Axes = number | readonly number[];

/** Which fan variance scaling divides by: fan_in, fan_out, their mean, or their geometric mean. */
export type FanMode = "fan_in" | "fan_out" | "fan_avg" | "fan_geo_avg";
/** The law variance scaling draws from (JAX's names: "normal" is untruncated). */
export type Distribution = "truncated_normal" | "normal" | "uniform";

/**
 * Checks an initializer call's arguments (a key, a shape, dtype "float32" or none) and returns the shape's dimensions; a TypeError or RangeError naming `fn` otherwise.
 *
 * Checks an initializer call's arguments; the dimension list.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * console.log(initializers.callDims("myInit", key(0), [3, 4], "float32")); // [ 3, 4 ]
 * ```
 */
export function callDims(fn: string, key: unknown, shape: unknown, dtype: unknown): number[] {
  wordsOf(fn, "key", key);
  const dims = dimsOf(fn, shape);
  if (dtype !== undefined) oneOf(fn, "dtype", dtype, ["float32"]);
  return dims;
}

const scaled = (v: Float32Array, c: number) => {
  for (let i = 0; i < v.length; i++) v[i] = fr(v[i] * c);
  return v;
};

/** What an elementwise initializer computes from a key: the (checked) shape's draw, with `range`, `out` and `dtype` as the samplers take them. */
type Draw = (key: JaxKey, shape: Shape, dims: number[], opts: Record<string, unknown>) => Float32Array;

/**
 * The initializer `label` computes by `draw`, carrying its pool entry (./pool-initializers.ts):
 * `factory(...args)` (plain data) makes it again in a worker, where the entry runs `draw` on a range.
 */
function made(label: string, description: Description, draw: Draw, kind: "elementwise" | "whole-tensor" = "elementwise"): Initializer {
  const init: Initializer = (key, shape, dtype) => draw(key, shape, callDims(label, key, shape, dtype), {});
  const call: Call = (key, shape, o) => {
    const opts = options<Record<string, unknown>>(label, o, ["range", "out", "dtype"]);
    return draw(key, shape as Shape, callDims(label, key, shape, opts.dtype), opts);
  };
  carryInitializer(init, label, description, call, kind);
  return init;
}

/**
 * A whole-tensor initializer (each value depends on the whole tensor): `check` refuses what
 * `whole` would, without computing; a range is the slice of the whole tensor (the pool runs it once
 * on a worker; fillAsync refuses it). An empty range only checks.
 */
function madeWhole(label: string, description: Description, check: (dims: number[]) => void, whole: (key: JaxKey, dims: number[]) => Float32Array): Initializer {
  return made(label, description, (key, shape, dims, o) => {
    check(dims);
    const target = drawTarget(label, key, shape, o);
    if (o.range === undefined && o.out === undefined) return whole(key, dims);
    if (target.length > 0) {
      const start = o.range === undefined ? 0 : (o.range as readonly number[])[0];
      target.set(whole(key, dims).subarray(start, start + target.length));
    }
    return target;
  }, "whole-tensor");
}

/**
 * jax.nn.initializers.constant(value): every element float32(value).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const init = initializers.constant(0.1); // jax.nn.initializers.constant(0.1)
 * console.log(init(key(0), [3])); // Float32Array(3) [ 0.1, 0.1, 0.1 ] (float32(0.1))
 * ```
 */
export function constant(value: number): Initializer {
  const v = fr(finiteNumber("constant", "value", value));
  return made("constant", { factory: "constant", args: [value] }, (key, shape, _, o) => drawTarget("constant", key, shape, o).fill(v));
}

/**
 * jax.nn.initializers.zeros / ones (each ignores its key, as in JAX, but checks it).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * console.log(initializers.zeros(key(0), [3])); // Float32Array(3) [ 0, 0, 0 ]
 * ```
 */
export const zeros: Initializer = made("zeros", { factory: "zeros", args: [] }, (key, shape, _, o) => drawTarget("zeros", key, shape, o).fill(0));
/**
 * jax.nn.initializers.ones: every element 1 (the key is checked, not used).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * console.log(initializers.ones(key(0), [3])); // Float32Array(3) [ 1, 1, 1 ]
 * ```
 */
export const ones: Initializer = made("ones", { factory: "ones", args: [] }, (key, shape, _, o) => drawTarget("ones", key, shape, o).fill(1));

/**
 * jax.nn.initializers.uniform(scale = 0.01): uniform(0, 1) * float32(scale).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.uniform(0.1)(key(0), [8]); // jax.nn.initializers.uniform(0.1): [0, 0.1)
 * ```
 */
export function uniform(scale = 1e-2): Initializer {
  const c = fr(finiteNumber("uniform", "scale", scale));
  return made("uniform", { factory: "uniform", args: [scale] }, (key, shape, _, o) => scaled(uniformDraw(key, shape, o), c));
}

/**
 * jax.nn.initializers.normal(stddev = 0.01): normal * float32(stddev).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.normal(0.02)(key(0), [100, 16]); // jax.nn.initializers.normal(0.02)
 * ```
 */
export function normal(stddev = 1e-2): Initializer {
  const c = fr(finiteNumber("normal", "stddev", stddev));
  return made("normal", { factory: "normal", args: [stddev] }, (key, shape, _, o) => scaled(normalDraw(key, shape, o), c));
}

/**
 * jax.nn.initializers.truncated_normal(stddev = 0.01, lower = -2, upper = 2): truncated normal * float32(stddev).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.truncatedNormal(0.02)(key(0), [64, 64]); // in [-0.04, 0.04]
 * ```
 */
export function truncatedNormal(stddev = 1e-2, lower = -2, upper = 2): Initializer {
  const c = fr(finiteNumber("truncatedNormal", "stddev", stddev));
  finiteNumber("truncatedNormal", "lower", lower);
  if (!(fr(finiteNumber("truncatedNormal", "upper", upper)) > fr(lower))) throw rangeError("truncatedNormal", "upper", `a number above lower (${lower})`, upper);
  return made("truncatedNormal", { factory: "truncatedNormal", args: [stddev, lower, upper] }, (key, shape, _, o) => scaled(truncDraw(key, lower, upper, shape, o), c));
}

/** A checked axis list (the argument as given, for messages). */
function axesOf(fn: string, name: string, value: unknown): number[] | number {
  if (typeof value === "number") return integer(fn, name, value, -Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(value)) throw typeError(fn, name, "an axis or an array of axes", value);
  return value.map((a: unknown, i) => integer(fn, `${name}[${i}]`, a, -Number.MAX_SAFE_INTEGER));
}

/** Python's shape[axis] (negative from the end); a RangeError outside the shape. */
function dimAt(fn: string, name: string, dims: readonly number[], axis: number): number {
  const i = axis < 0 ? dims.length + axis : axis;
  if (i < 0 || i >= dims.length) throw rangeError(fn, name, `an axis of a ${dims.length}-d shape`, axis);
  return dims[i];
}

const sizeOf = (fn: string, name: string, dims: readonly number[], axes: number | number[]) =>
  typeof axes === "number" ? dimAt(fn, name, dims, axes) : axes.reduce((p, a) => p * dimAt(fn, name, dims, a), 1);

/**
 * JAX's `_compute_fans`: [fan_in, fan_out] of `dims` for the given axes, the other axes (but the batch axes) a receptive field, in float64 as Python computes them.
 *
 * JAX's _compute_fans: float64, the receptive field by three divisions as Python does them.
 *
 * @example
 * ```ts
 * import { initializers } from "nninit/jax";
 * console.log(initializers.computeFans("fans", [3, 3, 16, 32], -2, -1, [])); // [ 144, 288 ]
 * ```
 */
export function computeFans(fn: string, dims: readonly number[], inAxis: number | number[], outAxis: number | number[], batchAxis: number | number[]): [number, number] {
  if (typeof inAxis === "number" && inAxis === -2 && dims.length <= 1) {
    throw rangeError(fn, "shape", "at least 2-d with the default in_axis (or give inAxis)", dims);
  }
  const inSize = sizeOf(fn, "inAxis", dims, inAxis);
  const outSize = sizeOf(fn, "outAxis", dims, outAxis);
  const batchSize = sizeOf(fn, "batchAxis", dims, batchAxis);
  if (inSize === 0 || outSize === 0 || batchSize === 0) throw rangeError(fn, "shape", "no zero-length in, out or batch axis (JAX divides by them)", dims);
  const receptive = numel(dims) / inSize / outSize / batchSize;
  return [inSize * receptive, outSize * receptive];
}

/** The axes {@link varianceScaling} computes fans over (JAX's in_axis, out_axis, batch_axis; negative from the end). */
export interface VarianceScalingOptions {
  inAxis?: Axes;
  outAxis?: Axes;
  batchAxis?: Axes;
}

/**
 * jax.nn.initializers.variance_scaling(scale, mode, distribution, in_axis, out_axis, batch_axis).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const init = initializers.varianceScaling(2, "fan_out", "normal", { inAxis: 0, outAxis: 1 });
 * const w = init(key(0), [64, 32]);
 * ```
 */
export function varianceScaling(scale: number, mode: FanMode, distribution: Distribution, opts: VarianceScalingOptions = {}): Initializer {
  const fn = "varianceScaling";
  finiteNumber(fn, "scale", scale);
  oneOf(fn, "mode", mode, ["fan_in", "fan_out", "fan_avg", "fan_geo_avg"]);
  oneOf(fn, "distribution", distribution, ["truncated_normal", "normal", "uniform"]);
  if (opts === null || typeof opts !== "object") throw typeError(fn, "options", "an object", opts);
  const inAxis = axesOf(fn, "inAxis", opts.inAxis ?? -2);
  const outAxis = axesOf(fn, "outAxis", opts.outAxis ?? -1);
  const batchAxis = axesOf(fn, "batchAxis", opts.batchAxis ?? []);
  const description = { factory: fn, args: [scale, mode, distribution, { inAxis, outAxis, batchAxis }] };
  return made(fn, description, (key, shape, dims, o) => {
    const [fanIn, fanOut] = computeFans(fn, dims, inAxis, outAxis, batchAxis);
    const den = mode === "fan_in" ? fanIn : mode === "fan_out" ? fanOut : mode === "fan_avg" ? (fanIn + fanOut) / 2 : Math.sqrt(fanIn * fanOut);
    const variance = fr(scale / den);
    if (distribution === "truncated_normal") return scaled(truncDraw(key, -2, 2, shape, o), fr(fr(Math.sqrt(variance)) / fr(0.87962566103423978)));
    if (distribution === "normal") return scaled(normalDraw(key, shape, o), fr(Math.sqrt(variance)));
    return scaled(uniformDraw(key, shape, { ...o, minval: -1 }), fr(Math.sqrt(fr(3 * variance))));
  });
}

const family = (scale: number, mode: FanMode, distribution: Distribution) => (opts?: VarianceScalingOptions) => varianceScaling(scale, mode, distribution, opts);

/**
 * glorot_* (xavier_*): variance 1 / fan_avg.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.glorotUniform()(key(0), [64, 32]); // jax.nn.initializers.glorot_uniform()(key(0), (64, 32))
 * ```
 */
export const glorotUniform = family(1, "fan_avg", "uniform");
/**
 * jax.nn.initializers.glorot_normal (xavier_normal): variance scaling with scale 1, "fan_avg", "truncated_normal".
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.glorotNormal()(key(0), [64, 32]);
 * ```
 */
export const glorotNormal = family(1, "fan_avg", "truncated_normal");
/**
 * lecun_*: variance 1 / fan_in.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.lecunUniform()(key(0), [128, 64]);
 * ```
 */
export const lecunUniform = family(1, "fan_in", "uniform");
/**
 * jax.nn.initializers.lecun_normal: variance scaling with scale 1, "fan_in", "truncated_normal" (Flax's default kernel initializer).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.lecunNormal()(key(0), [128, 64]);
 * ```
 */
export const lecunNormal = family(1, "fan_in", "truncated_normal");
/**
 * he_* (kaiming_*): variance 2 / fan_in.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.heUniform()(key(0), [3, 3, 16, 32]);
 * ```
 */
export const heUniform = family(2, "fan_in", "uniform");
/**
 * jax.nn.initializers.he_normal (kaiming_normal): variance scaling with scale 2, "fan_in", "truncated_normal".
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.heNormal()(key(0), [3, 3, 16, 32]);
 * ```
 */
export const heNormal = family(2, "fan_in", "truncated_normal");
/**
 * jax.nn.initializers.xavier_uniform: the same initializer as glorotUniform.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.xavierUniform()(key(0), [64, 32]);
 * ```
 */
export const xavierUniform = glorotUniform;
/**
 * jax.nn.initializers.xavier_normal: the same initializer as glorotNormal.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.xavierNormal()(key(0), [64, 32]);
 * ```
 */
export const xavierNormal = glorotNormal;
/**
 * jax.nn.initializers.kaiming_uniform: the same initializer as heUniform.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.kaimingUniform()(key(0), [128, 64]);
 * ```
 */
export const kaimingUniform = heUniform;
/**
 * jax.nn.initializers.kaiming_normal: the same initializer as heNormal.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.kaimingNormal()(key(0), [128, 64]);
 * ```
 */
export const kaimingNormal = heNormal;

/**
 * jax.nn.initializers.orthogonal(scale = 1, column_axis = -1): Q of the QR of JAX's own normal
 * draw (the same normals, bit for bit), signs from diag(R). The QR is nninit's Householder, not
 * LAPACK's, so values agree with JAX to float32 rounding, not bit for bit.
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.orthogonal()(key(0), [16, 16]); // to float32 rounding of JAX's (nninit's QR)
 * ```
 */
export function orthogonal(scale = 1, columnAxis = -1): Initializer {
  const s = fr(finiteNumber("orthogonal", "scale", scale));
  integer("orthogonal", "columnAxis", columnAxis, -Number.MAX_SAFE_INTEGER);
  return madeWhole("orthogonal", { factory: "orthogonal", args: [scale, columnAxis] }, (dims) => checkOrthogonal("orthogonal", dims, columnAxis),
    (key, dims) => jaxOrthogonal("orthogonal", key, dims, s, columnAxis));
}

/**
 * jax.nn.initializers.delta_orthogonal(scale = 1, column_axis = -1): orthogonal at the kernel's centre tap ((k - 1) // 2).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const w = initializers.deltaOrthogonal()(key(0), [3, 3, 8, 16]); // conv kernel (kh, kw, in, out), in <= out
 * ```
 */
export function deltaOrthogonal(scale = 1, columnAxis = -1): Initializer {
  const s = fr(finiteNumber("deltaOrthogonal", "scale", scale));
  integer("deltaOrthogonal", "columnAxis", columnAxis, -Number.MAX_SAFE_INTEGER);
  return madeWhole("deltaOrthogonal", { factory: "deltaOrthogonal", args: [scale, columnAxis] }, (dims) => checkDeltaOrthogonal(dims, columnAxis),
    (key, dims) => jaxDeltaOrthogonal(key, dims, s, columnAxis));
}
