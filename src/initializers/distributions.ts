// The plain distributions of torch.nn.init: uniform, normal, trunc_normal, constant, ones, zeros.

import type { Shape } from "../shape.js";
import { truncMass, MIN_TRUNC_MASS } from "../random/sample.js";
import { numberOption, nonNegative, positive, rangeError, F32_MAX } from "../validate.js";
import { request, drawRequest, target, output, checkDtypeReach, type Output, type Request, type TensorOptions } from "./tensor-options.js";

export interface UniformOptions extends TensorOptions {
  /** Lower bound (default 0). */
  a?: number;
  /** Upper bound (default 1), a <= b. */
  b?: number;
}

/**
 * Values drawn from U(a, b) (torch `uniform_`).
 *
 * @example
 * ```ts
 * import { uniform } from "nninit";
 * const bias = uniform([256], { a: -0.1, b: 0.1 });
 * ```
 */
export function uniform<O extends UniformOptions = UniformOptions>(shape: Shape, options?: O): Output<O> {
  const { req, a, b } = uniformPlan(shape, options);
  return drawRequest<O>(req, { kind: "uniform", a, b });
}

/** Checks uniform's arguments: the request and the bounds of U(a, b) (also the catalog's law). */
export function uniformPlan(shape: Shape, options: unknown): { req: Request; a: number; b: number } {
  const fn = "uniform";
  const { req, own } = request<UniformOptions>(fn, shape, options, ["a", "b"]);
  const a = numberOption(fn, "a", own.a, 0);
  const b = numberOption(fn, "b", own.b, 1);
  checkUniformBounds(fn, a, b);
  checkDtypeReach(req, Math.abs(a) > Math.abs(b) ? "a" : "b", Math.abs(a) > Math.abs(b) ? a : b, Math.max(Math.abs(a), Math.abs(b)));
  return { req, a, b };
}

/** Checks a <= b with a width float32 can hold. */
export function checkUniformBounds(fn: string, a: number, b: number, names = ["a", "b"]): void {
  if (a > b) throw rangeError(fn, names[0], `<= ${names[1]} (${b})`, a);
  if (Math.fround(b) - Math.fround(a) > F32_MAX) throw rangeError(fn, names[1], `within float32 range of ${names[0]} (b - a <= ${F32_MAX})`, b);
}

export interface NormalOptions extends TensorOptions {
  /** Mean (default 0). */
  mean?: number;
  /** Standard deviation (default 1), >= 0. */
  std?: number;
}

/**
 * Values drawn from N(mean, std^2) (torch `normal_`).
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * const embedding = normal([1000, 64], { std: 0.02 });
 * ```
 */
export function normal<O extends NormalOptions = NormalOptions>(shape: Shape, options?: O): Output<O> {
  const { req, mean, std } = normalPlan(shape, options);
  return drawRequest<O>(req, { kind: "normal", mean, std });
}

/** Checks normal's arguments: the request and N(mean, std^2)'s parameters (also the catalog's law). */
export function normalPlan(shape: Shape, options: unknown): { req: Request; mean: number; std: number } {
  const fn = "normal";
  const { req, own } = request<NormalOptions>(fn, shape, options, ["mean", "std"]);
  const mean = numberOption(fn, "mean", own.mean, 0);
  const std = own.std === undefined ? 1 : nonNegative(fn, "std", own.std);
  checkNormalRange(fn, mean, std);
  // Box-Muller in float32 never leaves mean +- 5.8 std, so the normal's reach is bounded.
  checkDtypeReach(req, Math.abs(mean) > 6 * std ? "mean" : "std", Math.abs(mean) > 6 * std ? mean : std, Math.abs(mean) + 6 * std);
  return { req, mean, std };
}

/** Box-Muller outputs reach 5.8 standard deviations; all must stay finite in float32. */
export function checkNormalRange(fn: string, mean: number, std: number): void {
  if (Math.abs(mean) + 6 * std > F32_MAX) throw rangeError(fn, "std", "small enough that mean +- 6 std stays within float32 range", std);
}

export interface TruncNormalOptions extends TensorOptions {
  /** Mean (default 0). */
  mean?: number;
  /** Standard deviation (default 1), > 0. */
  std?: number;
  /** Lower cut-off, absolute (default -2). */
  a?: number;
  /** Upper cut-off, absolute (default 2), a < b. */
  b?: number;
}

/**
 * Values drawn from N(mean, std^2) conditioned on [a, b] (torch `trunc_normal_`: `a` and `b` are
 * absolute bounds, not multiples of std). Exact law by inverse CDF, one tape word per value.
 *
 * @example
 * ```ts
 * import { truncNormal } from "nninit";
 * const w = truncNormal([768, 768], { std: 0.02, a: -0.04, b: 0.04 }); // absolute bounds, as torch
 * ```
 */
export function truncNormal<O extends TruncNormalOptions = TruncNormalOptions>(shape: Shape, options?: O): Output<O> {
  const { req, mean, std, a, b } = truncNormalPlan(shape, options);
  return drawRequest<O>(req, { kind: "truncNormal", mean, std, a, b });
}

/** Checks truncNormal's arguments: the request and the truncated law's parameters (also the catalog's law). */
export function truncNormalPlan(shape: Shape, options: unknown): { req: Request; mean: number; std: number; a: number; b: number } {
  const fn = "truncNormal";
  const { req, own } = request<TruncNormalOptions>(fn, shape, options, ["mean", "std", "a", "b"]);
  const mean = numberOption(fn, "mean", own.mean, 0);
  const std = own.std === undefined ? 1 : positive(fn, "std", own.std);
  const a = numberOption(fn, "a", own.a, -2);
  const b = numberOption(fn, "b", own.b, 2);
  checkTruncBounds(fn, mean, std, a, b);
  checkDtypeReach(req, Math.abs(a) > Math.abs(b) ? "a" : "b", Math.abs(a) > Math.abs(b) ? a : b, Math.max(Math.abs(a), Math.abs(b)));
  return { req, mean, std, a, b };
}

/** a < b, and [a, b] must hold enough probability for float32 sampling. */
export function checkTruncBounds(fn: string, mean: number, std: number, a: number, b: number): void {
  if (!(a < b)) throw rangeError(fn, "a", `< b (${b})`, a);
  const mass = truncMass(mean, std, a, b);
  if (!(mass >= MIN_TRUNC_MASS)) {
    throw new RangeError(`${fn}: [a, b] = [${a}, ${b}] holds probability ${mass.toExponential(2)} under N(${mean}, ${std}^2); ` +
      `it must be at least 2^-100 to be sampled in float32 (the interval lies too far in the tail)`);
  }
}

export interface ConstantOptions extends TensorOptions {
  /** The value (required for `constant`). */
  value?: number;
}

/**
 * Every element equal to `value` (torch `constant_`). Draws nothing from the generator.
 *
 * @example
 * ```ts
 * import { constant } from "nninit";
 * const gamma = constant([768], { value: 1 }); // draws nothing
 * ```
 */
export function constant<O extends ConstantOptions = ConstantOptions>(shape: Shape, options?: O): Output<O> {
  const { req, value } = constantPlan(shape, options);
  return output<O>(req, target(req).fill(value));
}

/** Checks constant's arguments: the request and the value (also the catalog's law). */
export function constantPlan(shape: Shape, options: unknown): { req: Request; value: number } {
  const fn = "constant";
  const { req, own } = request<ConstantOptions>(fn, shape, options, ["value"]);
  if (own.value === undefined) throw new TypeError(`${fn}: value must be a number, got undefined`);
  const value = numberOption(fn, "value", own.value, 0);
  checkDtypeReach(req, "value", value, Math.abs(value));
  return { req, value };
}

/**
 * Every element 1 (torch `ones_`).
 *
 * @example
 * ```ts
 * import { ones } from "nninit";
 * const gamma = ones([768]);
 * ```
 */
export function ones<O extends TensorOptions = TensorOptions>(shape: Shape, options?: O): Output<O> {
  const { req } = request<TensorOptions>("ones", shape, options, []);
  return output<O>(req, target(req).fill(1));
}

/**
 * Every element 0 (torch `zeros_`).
 *
 * @example
 * ```ts
 * import { zeros } from "nninit";
 * const bias = zeros([256]);
 * ```
 */
export function zeros<O extends TensorOptions = TensorOptions>(shape: Shape, options?: O): Output<O> {
  const { req } = request<TensorOptions>("zeros", shape, options, []);
  return output<O>(req, target(req).fill(0));
}
