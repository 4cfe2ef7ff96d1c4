// nn.LayerNorm, nn.GroupNorm and nn.BatchNorm1d/2d/3d as torch 1.13 constructs them
// (torch/nn/modules/normalization.py, batchnorm.py): ones and zeros, no draws.

import { options, typeError } from "../../validate.js";
import { size, flag, divisible } from "./check.js";
import { Plan } from "./plan.js";
import { runModule } from "./run.js";
import type { NamedTensors, NamedTensorsWithBuffers } from "./tensor.js";

/** weight = 1 and bias = 0 of `shape` (the affine part of every norm layer). */
function planAffine(plan: Plan, prefix: string, shape: number[], bias = true): void {
  const w = plan.param(`${prefix}weight`, plan.tensor(shape));
  const b = bias ? plan.param(`${prefix}bias`, plan.tensor(shape)) : undefined;
  plan.init(w, { kind: "constant", value: 1 });
  if (b !== undefined) plan.init(b, { kind: "constant", value: 0 });
}

/** nn.LayerNorm's parameters, or a GPT-style LayerNorm without bias (`bias` false). */
export function planLayerNorm(plan: Plan, prefix: string, shape: number[], bias = true): void {
  planAffine(plan, prefix, shape, bias);
}

/**
 * _NormBase's constructor: weight and bias (when affine), then the buffers running_mean = 0,
 * running_var = 1 and num_batches_tracked = 0 (int64) when tracking running stats.
 */
export function planBatchNorm(plan: Plan, prefix: string, numFeatures: number, affine = true, track = true): number | undefined {
  let weight: number | undefined;
  if (affine) {
    weight = plan.param(`${prefix}weight`, plan.tensor([numFeatures]));
    const b = plan.param(`${prefix}bias`, plan.tensor([numFeatures]));
    plan.init(weight, { kind: "constant", value: 1 });
    plan.init(b, { kind: "constant", value: 0 });
  }
  if (track) {
    plan.init(plan.buffer(`${prefix}running_mean`, plan.tensor([numFeatures])), { kind: "constant", value: 0 });
    plan.init(plan.buffer(`${prefix}running_var`, plan.tensor([numFeatures])), { kind: "constant", value: 1 });
    plan.init(plan.buffer(`${prefix}num_batches_tracked`, plan.tensor([], "int64")), { kind: "constant", value: 0 });
  }
  return weight;
}

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Whether the layer has a weight and a bias (default true). */
  elementwiseAffine?: boolean;
}

/**
 * `nn.LayerNorm(normalizedShape, elementwise_affine)`: `weight` = 1 and `bias` = 0 of shape
 * `normalizedShape`. No draws.
 *
 * @example
 * ```ts
 * import { layerNorm } from "nninit/torch";
 * const ln = layerNorm(768); // nn.LayerNorm(768): weight = 1, bias = 0
 * console.log(ln.get("weight")?.data[0], ln.get("bias")?.data[0]); // 1 0
 * ```
 */
export function layerNorm(normalizedShape: number | readonly number[], opts?: LayerNormOptions): NamedTensors {
  const fn = "layerNorm";
  const own = options<LayerNormOptions>(fn, opts, ["elementwiseAffine"]);
  let shape: number[];
  if (typeof normalizedShape === "number") shape = [size(fn, "normalizedShape", normalizedShape)];
  else if (Array.isArray(normalizedShape) && normalizedShape.length > 0) shape = normalizedShape.map((d: unknown, i) => size(fn, `normalizedShape[${i}]`, d));
  else throw typeError(fn, "normalizedShape", "an integer >= 1 or a non-empty array of them", normalizedShape);
  const plan = new Plan();
  if (flag(fn, "elementwiseAffine", own.elementwiseAffine, true)) planLayerNorm(plan, "", shape);
  return runModule(fn, plan, undefined);
}

/** Options of {@link groupNorm}. */
export interface GroupNormOptions {
  /** Whether the layer has a weight and a bias (default true). */
  affine?: boolean;
}

/**
 * `nn.GroupNorm(numGroups, numChannels, affine)`: `weight` = 1, `bias` = 0 of [numChannels]. No draws.
 *
 * @example
 * ```ts
 * import { groupNorm } from "nninit/torch";
 * const gn = groupNorm(4, 32); // nn.GroupNorm(4, 32): weight = 1, bias = 0 of [32]
 * console.log([...gn.keys()]); // [ "weight", "bias" ]
 * ```
 */
export function groupNorm(numGroups: number, numChannels: number, opts?: GroupNormOptions): NamedTensors {
  const fn = "groupNorm";
  const own = options<GroupNormOptions>(fn, opts, ["affine"]);
  const groups = size(fn, "numGroups", numGroups);
  const channels = size(fn, "numChannels", numChannels);
  divisible(fn, "numChannels", channels, groups, "numGroups");
  const plan = new Plan();
  if (flag(fn, "affine", own.affine, true)) planAffine(plan, "", [channels]);
  return runModule(fn, plan, undefined);
}

/** Options of {@link batchNorm1d}, {@link batchNorm2d} and {@link batchNorm3d}. */
export interface BatchNormOptions {
  /** Whether the layer has a weight and a bias (default true). */
  affine?: boolean;
  /** Whether the layer keeps running statistics (buffers; default true). */
  trackRunningStats?: boolean;
  /** Also return the buffers running_mean, running_var, num_batches_tracked (default false). */
  buffers?: boolean;
}

function batchNorm(fn: string, numFeatures: number, opts: BatchNormOptions | undefined): NamedTensorsWithBuffers {
  const own = options<BatchNormOptions>(fn, opts, ["affine", "trackRunningStats", "buffers"]);
  const n = size(fn, "numFeatures", numFeatures);
  const plan = new Plan();
  planBatchNorm(plan, "", n, flag(fn, "affine", own.affine, true), flag(fn, "trackRunningStats", own.trackRunningStats, true));
  return runModule<NamedTensorsWithBuffers>(fn, plan, undefined, flag(fn, "buffers", own.buffers, false));
}

/**
 * `nn.BatchNorm1d(numFeatures, affine, track_running_stats)`: `weight` = 1, `bias` = 0; with
 * `buffers: true` also `running_mean` = 0, `running_var` = 1 and `num_batches_tracked` = 0n
 * (an int64 0-d tensor), in `state_dict()` order. No draws. BatchNorm2d and 3d are the same.
 *
 * @example
 * ```ts
 * import { batchNorm1d } from "nninit/torch";
 * const bn = batchNorm1d(4, { buffers: true }); // nn.BatchNorm1d(4).state_dict()
 * console.log([...bn.keys()]); // [ "weight", "bias", "running_mean", "running_var", "num_batches_tracked" ]
 * ```
 */
export function batchNorm1d(numFeatures: number, opts?: BatchNormOptions & { buffers?: false }): NamedTensors;
export function batchNorm1d(numFeatures: number, opts: BatchNormOptions): NamedTensorsWithBuffers;
export function batchNorm1d(numFeatures: number, opts?: BatchNormOptions): NamedTensorsWithBuffers {
  return batchNorm("batchNorm1d", numFeatures, opts);
}

/**
 * `nn.BatchNorm2d(numFeatures, ...)`: see {@link batchNorm1d}.
 *
 * @example
 * ```ts
 * import { batchNorm2d } from "nninit/torch";
 * const bn = batchNorm2d(64); // nn.BatchNorm2d(64).named_parameters(): weight = 1, bias = 0
 * console.log(bn.get("weight")?.shape); // [ 64 ]
 * ```
 */
export function batchNorm2d(numFeatures: number, opts?: BatchNormOptions & { buffers?: false }): NamedTensors;
export function batchNorm2d(numFeatures: number, opts: BatchNormOptions): NamedTensorsWithBuffers;
export function batchNorm2d(numFeatures: number, opts?: BatchNormOptions): NamedTensorsWithBuffers {
  return batchNorm("batchNorm2d", numFeatures, opts);
}

/**
 * `nn.BatchNorm3d(numFeatures, ...)`: see {@link batchNorm1d}.
 *
 * @example
 * ```ts
 * import { batchNorm3d } from "nninit/torch";
 * const bn = batchNorm3d(8, { affine: false, buffers: true }); // running statistics only
 * console.log([...bn.keys()]); // [ "running_mean", "running_var", "num_batches_tracked" ]
 * ```
 */
export function batchNorm3d(numFeatures: number, opts?: BatchNormOptions & { buffers?: false }): NamedTensors;
export function batchNorm3d(numFeatures: number, opts: BatchNormOptions): NamedTensorsWithBuffers;
export function batchNorm3d(numFeatures: number, opts?: BatchNormOptions): NamedTensorsWithBuffers {
  return batchNorm("batchNorm3d", numFeatures, opts);
}
