// nn.Linear and nn.Bilinear as torch 1.13 constructs them (torch/nn/modules/linear.py).

import { options } from "../../validate.js";
import { size, flag } from "./check.js";
import { Plan } from "./plan.js";
import { runModule, type ModuleOptions } from "./run.js";
import type { NamedTensors } from "./tensor.js";

/** nn.Linear's constructor: the weight tensor, then the bias's, then `reset_parameters()`. */
export function planLinear(plan: Plan, prefix: string, inFeatures: number, outFeatures: number, bias: boolean): { weight: number; bias: number | undefined } {
  const w = plan.param(`${prefix}weight`, plan.tensor([outFeatures, inFeatures]));
  const b = bias ? plan.param(`${prefix}bias`, plan.tensor([outFeatures])) : undefined;
  // kaiming_uniform_(weight, a=sqrt(5)): U(-1/sqrt(in), 1/sqrt(in)) up to rounding.
  plan.init(w, { kind: "kaimingUniform", a: Math.sqrt(5), mode: "fan_in", nonlinearity: "leaky_relu" });
  if (b !== undefined) {
    const bound = 1 / Math.sqrt(inFeatures);
    plan.init(b, { kind: "uniform", a: -bound, b: bound });
  }
  return { weight: w, bias: b };
}

export interface LinearOptions extends ModuleOptions {
  /** Whether the layer has a bias (default true). */
  bias?: boolean;
}

/**
 * `nn.Linear(inFeatures, outFeatures, bias)`: `weight` [out, in] from `kaiming_uniform_(a=sqrt(5))`,
 * then `bias` [out] from U(-1/sqrt(in), 1/sqrt(in)); `inFeatures * outFeatures + outFeatures` words.
 *
 * @example
 * ```ts
 * import { linear, TorchGenerator } from "nninit/torch";
 * const g = new TorchGenerator(0);               // torch.manual_seed(0)
 * const fc = linear(784, 256, { generator: g }); // nn.Linear(784, 256)
 * console.log(fc.get("weight")?.shape, fc.get("bias")?.shape); // [ 256, 784 ] [ 256 ]
 * ```
 */
export function linear(inFeatures: number, outFeatures: number, opts?: LinearOptions): NamedTensors {
  const fn = "linear";
  const own = options<LinearOptions>(fn, opts, ["generator", "bias"]);
  const plan = new Plan();
  planLinear(plan, "", size(fn, "inFeatures", inFeatures), size(fn, "outFeatures", outFeatures), flag(fn, "bias", own.bias, true));
  return runModule(fn, plan, own.generator);
}

/**
 * `nn.Bilinear(in1, in2, out, bias)`: `weight` [out, in1, in2] and `bias` [out], both from
 * U(-1/sqrt(in1), 1/sqrt(in1)).
 *
 * @example
 * ```ts
 * import { bilinear, TorchGenerator } from "nninit/torch";
 * const layer = bilinear(4, 5, 3, { generator: new TorchGenerator(0) }); // nn.Bilinear(4, 5, 3)
 * console.log(layer.get("weight")?.shape, layer.get("bias")?.shape); // [ 3, 4, 5 ] [ 3 ]
 * ```
 */
export function bilinear(in1Features: number, in2Features: number, outFeatures: number, opts?: LinearOptions): NamedTensors {
  const fn = "bilinear";
  const own = options<LinearOptions>(fn, opts, ["generator", "bias"]);
  const in1 = size(fn, "in1Features", in1Features);
  const in2 = size(fn, "in2Features", in2Features);
  const out = size(fn, "outFeatures", outFeatures);
  const plan = new Plan();
  const w = plan.param("weight", plan.tensor([out, in1, in2]));
  const b = flag(fn, "bias", own.bias, true) ? plan.param("bias", plan.tensor([out])) : undefined;
  const bound = 1 / Math.sqrt(in1);
  plan.init(w, { kind: "uniform", a: -bound, b: bound });
  if (b !== undefined) plan.init(b, { kind: "uniform", a: -bound, b: bound });
  return runModule(fn, plan, own.generator);
}
