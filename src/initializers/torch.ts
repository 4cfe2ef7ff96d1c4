// torch.nn.init's fan-scaled initializers: xavier (Glorot) and kaiming (He), torch layout
// [out, in, ...kernel] by default. The spreads are computed in float64 in torch's own order of
// operations, so the bounds and standard deviations match torch's before the float32 rounding.

import type { Shape } from "../shape.js";
import { fansOf, gainOf, type Layout, type Nonlinearity } from "../fan.js";
import { numberOption, nonNegative, oneOf } from "../validate.js";
import { request, type Output, type Request, type TensorOptions } from "./tensor-options.js";
import { checkScaled, sampleScaled, scaledUniform, scaledNormal, type Scaled } from "./scaled.js";

export interface XavierOptions extends TensorOptions {
  /** Multiplies the spread (default 1), >= 0; see `calculateGain`. */
  gain?: number;
  /** Where the input and output axes are (default "torch": `[out, in, ...kernel]`). */
  layout?: Layout;
}

/** Checks the options; gives the request and std = gain sqrt(2 / (fan_in + fan_out)). */
function xavier(fn: string, shape: Shape, options: unknown): { req: Request; gain: number; std: number } {
  const { req, own } = request<XavierOptions>(fn, shape, options, ["gain", "layout"]);
  const gain = own.gain === undefined ? 1 : nonNegative(fn, "gain", own.gain);
  const [fanIn, fanOut] = fansOf(fn, req.dims, own.layout ?? "torch");
  return { req, gain, std: gain * Math.sqrt(2.0 / (fanIn + fanOut)) };
}

/** A checked call: its request and the law it draws (what the catalog reports as its law). */
export interface ScaledPlan {
  req: Request;
  law: Scaled;
}

/** Draws xavier's law after checking it stays in float32 range (blaming the gain). */
function drawXavier<O>({ req, law, gain }: ScaledPlan & { gain: number }): Output<O> {
  if (req.numel > 0) checkScaled(req.fn, "gain", gain, law);
  return sampleScaled<O>(req, law, ["gain", gain]);
}

/**
 * Glorot/Xavier uniform (torch `xavier_uniform_`): U(-b, b) with
 * b = gain sqrt(6 / (fan_in + fan_out)), computed as torch does, sqrt(3) gain sqrt(2 / (fan_in + fan_out)).
 *
 * @example
 * ```ts
 * import { calculateGain, xavierUniform } from "nninit";
 * const w = xavierUniform([256, 784]); // nn.Linear(784, 256).weight
 * const c = xavierUniform([64, 3, 3, 3], { gain: calculateGain("relu") });
 * ```
 */
export function xavierUniform<O extends XavierOptions = XavierOptions>(shape: Shape, options?: O): Output<O> {
  return drawXavier<O>(xavierUniformPlan(shape, options));
}

/** xavierUniform's checked request and law. */
export function xavierUniformPlan(shape: Shape, options: unknown): ScaledPlan & { gain: number } {
  const { req, gain, std } = xavier("xavierUniform", shape, options);
  return { req, gain, law: scaledUniform(Math.sqrt(3.0) * std) };
}

/**
 * Glorot/Xavier normal (torch `xavier_normal_`): N(0, std^2), untruncated, with
 * std = gain sqrt(2 / (fan_in + fan_out)).
 *
 * @example
 * ```ts
 * import { calculateGain, xavierNormal } from "nninit";
 * const w = xavierNormal([512, 512], { gain: calculateGain("tanh") });
 * ```
 */
export function xavierNormal<O extends XavierOptions = XavierOptions>(shape: Shape, options?: O): Output<O> {
  return drawXavier<O>(xavierNormalPlan(shape, options));
}

/** xavierNormal's checked request and law. */
export function xavierNormalPlan(shape: Shape, options: unknown): ScaledPlan & { gain: number } {
  const { req, gain, std } = xavier("xavierNormal", shape, options);
  return { req, gain, law: scaledNormal(std) };
}

export interface KaimingOptions extends TensorOptions {
  /** Negative slope of the rectifier after this layer, used with "leaky_relu" (default 0). */
  a?: number;
  /** "fan_in" (default) keeps the forward pass's variance, "fan_out" the backward pass's. */
  mode?: "fan_in" | "fan_out";
  /** The nonlinearity after this layer (default "leaky_relu", with slope `a`). */
  nonlinearity?: Nonlinearity;
  /** Where the input and output axes are (default "torch": `[out, in, ...kernel]`). */
  layout?: Layout;
}

/** Checks the options; gives the request and std = gain / sqrt(fan). */
function kaiming(fn: string, shape: Shape, options: unknown): { req: Request; std: number } {
  const { req, own } = request<KaimingOptions>(fn, shape, options, ["a", "mode", "nonlinearity", "layout"]);
  const a = numberOption(fn, "a", own.a, 0);
  const mode = own.mode === undefined ? "fan_in" : oneOf(fn, "mode", own.mode, ["fan_in", "fan_out"] as const);
  const gain = gainOf(fn, own.nonlinearity ?? "leaky_relu", a, "a");
  const [fanIn, fanOut] = fansOf(fn, req.dims, own.layout ?? "torch");
  return { req, std: gain / Math.sqrt(mode === "fan_in" ? fanIn : fanOut) };
}

/**
 * Kaiming/He uniform (torch `kaiming_uniform_`): U(-b, b) with b = sqrt(3) gain / sqrt(fan),
 * gain = calculateGain(nonlinearity, a). Zero-element tensors come back empty, as torch's no-op.
 *
 * @example
 * ```ts
 * import { kaimingUniform } from "nninit";
 * const w = kaimingUniform([64, 3, 7, 7], { nonlinearity: "relu" }); // ResNet stem
 * const v = kaimingUniform([256, 784], { a: Math.sqrt(5) });        // nn.Linear's default
 * ```
 */
export function kaimingUniform<O extends KaimingOptions = KaimingOptions>(shape: Shape, options?: O): Output<O> {
  // The gain is at most sqrt(2) and fans are >= 1, so the bound always fits in float32.
  const { req, law } = kaimingUniformPlan(shape, options);
  return sampleScaled<O>(req, law);
}

/** kaimingUniform's checked request and law. */
export function kaimingUniformPlan(shape: Shape, options: unknown): ScaledPlan {
  const { req, std } = kaiming("kaimingUniform", shape, options);
  return { req, law: scaledUniform(Math.sqrt(3.0) * std) };
}

/**
 * Kaiming/He normal (torch `kaiming_normal_`): N(0, std^2), untruncated, with
 * std = gain / sqrt(fan), gain = calculateGain(nonlinearity, a).
 *
 * @example
 * ```ts
 * import { kaimingNormal } from "nninit";
 * const w = kaimingNormal([64, 3, 7, 7], { mode: "fan_out", nonlinearity: "relu" }); // torchvision ResNet stem
 * ```
 */
export function kaimingNormal<O extends KaimingOptions = KaimingOptions>(shape: Shape, options?: O): Output<O> {
  const { req, law } = kaimingNormalPlan(shape, options);
  return sampleScaled<O>(req, law);
}

/** kaimingNormal's checked request and law. */
export function kaimingNormalPlan(shape: Shape, options: unknown): ScaledPlan {
  const { req, std } = kaiming("kaimingNormal", shape, options);
  return { req, law: scaledNormal(std) };
}
