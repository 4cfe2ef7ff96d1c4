// nn.Conv1d/2d/3d and nn.ConvTranspose1d/2d/3d as torch 1.13 constructs them
// (torch/nn/modules/conv.py, _ConvNd.__init__ and reset_parameters). Stride, padding and dilation
// do not change the parameters, so they are not taken here.

import { options } from "../../validate.js";
import { size, flag, kernelSize, divisible } from "./check.js";
import { Plan } from "./plan.js";
import { runModule, type ModuleOptions } from "./run.js";
import type { NamedTensors } from "./tensor.js";

/**
 * _ConvNd's constructor. The weight is [out, in/groups, ...k], or [in, out/groups, ...k] when
 * transposed; either way torch's fan_in is `weight.size(1) * prod(k)`, which for a transposed
 * convolution is out/groups times the kernel (kaiming_uniform_ reads it from the shape).
 */
export function planConv(plan: Plan, prefix: string, inChannels: number, outChannels: number, kernel: number[], groups: number, bias: boolean, transposed: boolean): number {
  const shape = transposed ? [inChannels, outChannels / groups, ...kernel] : [outChannels, inChannels / groups, ...kernel];
  const w = plan.param(`${prefix}weight`, plan.tensor(shape));
  const b = bias ? plan.param(`${prefix}bias`, plan.tensor([outChannels])) : undefined;
  plan.init(w, { kind: "kaimingUniform", a: Math.sqrt(5), mode: "fan_in", nonlinearity: "leaky_relu" });
  if (b !== undefined) {
    const fanIn = shape.slice(1).reduce((x, y) => x * y, 1);
    const bound = 1 / Math.sqrt(fanIn);
    plan.init(b, { kind: "uniform", a: -bound, b: bound });
  }
  return w;
}

export interface ConvOptions extends ModuleOptions {
  /** Blocked connections from input to output channels (default 1); divides both channel counts. */
  groups?: number;
  /** Whether the layer has a bias (default true). */
  bias?: boolean;
}

function conv(fn: string, spatial: number, transposed: boolean, inChannels: number, outChannels: number, kernel: number | readonly number[], opts: ConvOptions | undefined): NamedTensors {
  const own = options<ConvOptions>(fn, opts, ["generator", "groups", "bias"]);
  const cin = size(fn, "inChannels", inChannels);
  const cout = size(fn, "outChannels", outChannels);
  const k = kernelSize(fn, kernel, spatial);
  const groups = own.groups === undefined ? 1 : size(fn, "groups", own.groups);
  divisible(fn, "inChannels", cin, groups, "groups");
  divisible(fn, "outChannels", cout, groups, "groups");
  const plan = new Plan();
  planConv(plan, "", cin, cout, k, groups, flag(fn, "bias", own.bias, true), transposed);
  return runModule(fn, plan, own.generator);
}

/**
 * `nn.Conv1d(inChannels, outChannels, kernelSize, groups, bias)`: `weight` [out, in/groups, k] from
 * `kaiming_uniform_(a=sqrt(5))`, `bias` [out] from U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 *
 * @example
 * ```ts
 * import { conv1d, TorchGenerator } from "nninit/torch";
 * const conv = conv1d(16, 32, 3, { groups: 4, generator: new TorchGenerator(0) }); // nn.Conv1d(16, 32, 3, groups=4)
 * console.log(conv.get("weight")?.shape); // [ 32, 4, 3 ]
 * ```
 */
export function conv1d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("conv1d", 1, false, inChannels, outChannels, kernelSize, opts);
}

/**
 * `nn.Conv2d(inChannels, outChannels, kernelSize, groups, bias)`: `weight` [out, in/groups, kh, kw].
 *
 * @example
 * ```ts
 * import { conv2d, TorchGenerator } from "nninit/torch";
 * const stem = conv2d(3, 64, 7, { bias: false, generator: new TorchGenerator(0) }); // nn.Conv2d(3, 64, 7, bias=False)
 * console.log(stem.get("weight")?.shape); // [ 64, 3, 7, 7 ]
 * ```
 */
export function conv2d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("conv2d", 2, false, inChannels, outChannels, kernelSize, opts);
}

/**
 * `nn.Conv3d(...)`: `weight` [out, in/groups, kd, kh, kw].
 *
 * @example
 * ```ts
 * import { conv3d, TorchGenerator } from "nninit/torch";
 * const conv = conv3d(2, 4, [3, 3, 3], { generator: new TorchGenerator(0) }); // nn.Conv3d(2, 4, 3)
 * console.log(conv.get("weight")?.shape); // [ 4, 2, 3, 3, 3 ]
 * ```
 */
export function conv3d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("conv3d", 3, false, inChannels, outChannels, kernelSize, opts);
}

/**
 * `nn.ConvTranspose1d(inChannels, outChannels, kernelSize, groups, bias)`: `weight` is
 * [in, out/groups, k] (transposed layout), so torch's fan_in is out/groups * k.
 *
 * @example
 * ```ts
 * import { convTranspose1d, TorchGenerator } from "nninit/torch";
 * const up = convTranspose1d(16, 8, 4, { generator: new TorchGenerator(0) }); // nn.ConvTranspose1d(16, 8, 4)
 * console.log(up.get("weight")?.shape); // [ 16, 8, 4 ]
 * ```
 */
export function convTranspose1d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("convTranspose1d", 1, true, inChannels, outChannels, kernelSize, opts);
}

/**
 * `nn.ConvTranspose2d(...)`: `weight` [in, out/groups, kh, kw].
 *
 * @example
 * ```ts
 * import { convTranspose2d, TorchGenerator } from "nninit/torch";
 * const up = convTranspose2d(16, 8, 2, { generator: new TorchGenerator(0) }); // nn.ConvTranspose2d(16, 8, 2)
 * console.log(up.get("weight")?.shape); // [ 16, 8, 2, 2 ]
 * ```
 */
export function convTranspose2d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("convTranspose2d", 2, true, inChannels, outChannels, kernelSize, opts);
}

/**
 * `nn.ConvTranspose3d(...)`: `weight` [in, out/groups, kd, kh, kw].
 *
 * @example
 * ```ts
 * import { convTranspose3d, TorchGenerator } from "nninit/torch";
 * const up = convTranspose3d(4, 2, 2, { bias: false, generator: new TorchGenerator(0) });
 * console.log(up.get("weight")?.shape); // [ 4, 2, 2, 2, 2 ]
 * ```
 */
export function convTranspose3d(inChannels: number, outChannels: number, kernelSize: number | readonly number[], opts?: ConvOptions): NamedTensors {
  return conv("convTranspose3d", 3, true, inChannels, outChannels, kernelSize, opts);
}
