// Keras and JAX's variance scaling and its presets (Glorot, He, LeCun), Keras layout
// [...kernel, in, out] by default. Fans are clamped to at least 1 as Keras does, so 0-D and 1-D
// shapes work too (a vector of n has fan_in = fan_out = n).

import type { Shape } from "../shape.js";
import { fansOf, type Layout } from "../fan.js";
import { oneOf, positive } from "../validate.js";
import { request, type Output, type Request, type TensorOptions } from "./tensor-options.js";
import { sampleScaled, scaledUniform, scaledNormal, scaledTruncated, type Scaled } from "./scaled.js";

/** Which fan divides the scale: fan_in, fan_out, their mean, or their geometric mean (JAX). */
export type VarianceScalingMode = "fan_in" | "fan_out" | "fan_avg" | "fan_geo_avg";
/** The law drawn from; "truncated_normal" is cut at 2 standard deviations. */
export type VarianceScalingDistribution = "truncated_normal" | "untruncated_normal" | "uniform";

export interface FanOptions extends TensorOptions {
  /** Where the input and output axes are (default "keras": `[...kernel, in, out]`). */
  layout?: Layout;
}

export interface VarianceScalingOptions extends FanOptions {
  /** The variance before dividing by the fan (default 1), > 0. */
  scale?: number;
  /** Default "fan_in". */
  mode?: VarianceScalingMode;
  /** Default "truncated_normal". */
  distribution?: VarianceScalingDistribution;
}

const MODES: readonly VarianceScalingMode[] = ["fan_in", "fan_out", "fan_avg", "fan_geo_avg"];
const DISTRIBUTIONS: readonly VarianceScalingDistribution[] = ["truncated_normal", "untruncated_normal", "uniform"];

/**
 * Standard deviation of the standard normal truncated to [-2, 2], sqrt(1 - 4 phi(2) / (2 Phi(2) - 1))
 * (Keras's and JAX's constant): dividing by it makes the truncated law's standard deviation the
 * requested one. The one definition in nninit; tests, the demo and the bench import it.
 *
 * @example
 * ```ts
 * import { TRUNCATED_STD } from "nninit";
 * // heNormal's std for fan_in 100: sqrt(2 / 100) / TRUNCATED_STD before truncation at 2 std
 * console.log(Math.sqrt(2 / 100) / TRUNCATED_STD);
 * ```
 */
export const TRUNCATED_STD = 0.87962566103423978;

/** Variance scaling's three parameters: a preset fixes them all. */
export interface Preset {
  scale: number;
  mode: VarianceScalingMode;
  distribution: VarianceScalingDistribution;
}

/** Keras's presets: variance scaling with these parameters. */
export const GLOROT_UNIFORM: Readonly<Preset> = { scale: 1, mode: "fan_avg", distribution: "uniform" };
export const GLOROT_NORMAL: Readonly<Preset> = { scale: 1, mode: "fan_avg", distribution: "truncated_normal" };
export const HE_UNIFORM: Readonly<Preset> = { scale: 2, mode: "fan_in", distribution: "uniform" };
export const HE_NORMAL: Readonly<Preset> = { scale: 2, mode: "fan_in", distribution: "truncated_normal" };
export const LECUN_UNIFORM: Readonly<Preset> = { scale: 1, mode: "fan_in", distribution: "uniform" };
export const LECUN_NORMAL: Readonly<Preset> = { scale: 1, mode: "fan_in", distribution: "truncated_normal" };

/** The law of variance scaling: variance = scale / max(1, fan), spread per distribution. */
export function varianceLaw(p: Preset, fanIn: number, fanOut: number): Scaled {
  const fan = p.mode === "fan_in" ? fanIn : p.mode === "fan_out" ? fanOut
    : p.mode === "fan_avg" ? (fanIn + fanOut) / 2.0 : Math.sqrt(fanIn * fanOut);
  const variance = p.scale / Math.max(1.0, fan);
  if (p.distribution === "truncated_normal") return scaledTruncated(Math.sqrt(variance) / TRUNCATED_STD);
  if (p.distribution === "untruncated_normal") return scaledNormal(Math.sqrt(variance));
  return scaledUniform(Math.sqrt(3.0 * variance));
}

function scaled<O>(fn: string, shape: Shape, options: unknown, preset?: Preset): Output<O> {
  const { req, law, scale } = varianceScalingPlan(fn, shape, options, preset);
  return sampleScaled<O>(req, law, ["scale", scale]);
}

/**
 * The checked request and law of variance scaling (`preset` absent) or of one of its presets
 * (`fn` names it; only `layout` is then an option). Also the catalog's law.
 */
export function varianceScalingPlan(fn: string, shape: Shape, options: unknown, preset?: Preset): { req: Request; law: Scaled; scale: number } {
  const keys = preset ? ["layout"] : ["scale", "mode", "distribution", "layout"];
  const { req, own } = request<VarianceScalingOptions>(fn, shape, options, keys);
  const p: Preset = preset ?? {
    scale: own.scale === undefined ? 1 : positive(fn, "scale", own.scale),
    mode: own.mode === undefined ? "fan_in" : oneOf(fn, "mode", own.mode, MODES),
    distribution: own.distribution === undefined ? "truncated_normal" : oneOf(fn, "distribution", own.distribution, DISTRIBUTIONS),
  };
  const [fanIn, fanOut] = fansOf(fn, req.dims, own.layout ?? "keras");
  // scale <= F32_MAX and fan >= 1 keep every spread far inside float32 (sqrt(3 F32_MAX) < 4e19).
  return { req, law: varianceLaw(p, fanIn, fanOut), scale: p.scale };
}

/**
 * Variance scaling (Keras `VarianceScaling`, JAX `variance_scaling`): variance
 * scale / max(1, fan) where fan follows `mode`; "truncated_normal" draws N(0, s^2) cut at +-2s
 * with s = sqrt(variance) / 0.87962566103423978, "untruncated_normal" N(0, variance),
 * "uniform" U(-l, l) with l = sqrt(3 variance).
 *
 * @example
 * ```ts
 * import { varianceScaling } from "nninit";
 * const w = varianceScaling([3, 3, 64, 128], { scale: 2, mode: "fan_out", distribution: "untruncated_normal" });
 * ```
 */
export function varianceScaling<O extends VarianceScalingOptions = VarianceScalingOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("varianceScaling", shape, options);
}

/**
 * Glorot uniform (Keras's default kernel initializer): variance scaling with scale 1, "fan_avg", "uniform".
 *
 * @example
 * ```ts
 * import { glorotUniform } from "nninit";
 * const kernel = glorotUniform([784, 256]); // Dense(256) on 784 inputs
 * ```
 */
export function glorotUniform<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("glorotUniform", shape, options, GLOROT_UNIFORM);
}

/**
 * Glorot normal: variance scaling with scale 1, "fan_avg", "truncated_normal".
 *
 * @example
 * ```ts
 * import { glorotNormal } from "nninit";
 * const kernel = glorotNormal([3, 3, 32, 64]); // Keras layout [kh, kw, in, out]
 * ```
 */
export function glorotNormal<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("glorotNormal", shape, options, GLOROT_NORMAL);
}

/**
 * He uniform: variance scaling with scale 2, "fan_in", "uniform".
 *
 * @example
 * ```ts
 * import { heUniform } from "nninit";
 * const kernel = heUniform([3, 3, 64, 64]);
 * ```
 */
export function heUniform<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("heUniform", shape, options, HE_UNIFORM);
}

/**
 * He normal: variance scaling with scale 2, "fan_in", "truncated_normal".
 *
 * @example
 * ```ts
 * import { heNormal } from "nninit";
 * const kernel = heNormal([7, 7, 3, 64]); // Keras Conv2D kernel
 * ```
 */
export function heNormal<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("heNormal", shape, options, HE_NORMAL);
}

/**
 * LeCun uniform: variance scaling with scale 1, "fan_in", "uniform".
 *
 * @example
 * ```ts
 * import { lecunUniform } from "nninit";
 * const kernel = lecunUniform([512, 512]);
 * ```
 */
export function lecunUniform<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("lecunUniform", shape, options, LECUN_UNIFORM);
}

/**
 * LeCun normal (for SELU networks): variance scaling with scale 1, "fan_in", "truncated_normal".
 *
 * @example
 * ```ts
 * import { lecunNormal } from "nninit";
 * const kernel = lecunNormal([512, 512]); // for SELU networks
 * ```
 */
export function lecunNormal<O extends FanOptions = FanOptions>(shape: Shape, options?: O): Output<O> {
  return scaled<O>("lecunNormal", shape, options, LECUN_NORMAL);
}
