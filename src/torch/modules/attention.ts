// nn.MultiheadAttention as torch 1.13 constructs it (torch/nn/modules/activation.py): the
// out_proj Linear draws first (in __init__), then _reset_parameters draws the input projections.

import { options } from "../../validate.js";
import { size, flag, divisible } from "./check.js";
import { Plan } from "./plan.js";
import { planLinear } from "./linear.js";
import { runModule, type ModuleOptions } from "./run.js";
import type { NamedTensors } from "./tensor.js";

export interface MultiheadAttentionOptions extends ModuleOptions {
  /** Input and output projection biases (default true). */
  bias?: boolean;
  /** Learned bias_k and bias_v [1, 1, embedDim] (default false). */
  addBiasKv?: boolean;
  /** Features of the keys (default embedDim); differing from embedDim splits the input projection. */
  kdim?: number;
  /** Features of the values (default embedDim). */
  vdim?: number;
}

/**
 * `nn.MultiheadAttention(embedDim, numHeads, bias, add_bias_kv, kdim, vdim)`. Parameters in
 * `named_parameters()` order: `in_proj_weight` [3E, E] (or `q_proj_weight`, `k_proj_weight`,
 * `v_proj_weight` when kdim or vdim differ from E), `in_proj_bias` [3E], `bias_k`, `bias_v`,
 * `out_proj.weight` [E, E], `out_proj.bias` [E].
 *
 * Draws, in torch's order: out_proj's Linear constructor (kaiming_uniform_ weight, which is kept,
 * and a uniform_ bias, later zeroed), then xavier_uniform_ of the input projection(s), then
 * xavier_normal_ of bias_k and bias_v.
 *
 * @example
 * ```ts
 * import { multiheadAttention, TorchGenerator } from "nninit/torch";
 * const mha = multiheadAttention(64, 4, { generator: new TorchGenerator(0) }); // nn.MultiheadAttention(64, 4)
 * console.log([...mha.keys()]); // [ "in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" ]
 * ```
 */
export function multiheadAttention(embedDim: number, numHeads: number, opts?: MultiheadAttentionOptions): NamedTensors {
  const fn = "multiheadAttention";
  const own = options<MultiheadAttentionOptions>(fn, opts, ["generator", "bias", "addBiasKv", "kdim", "vdim"]);
  const e = size(fn, "embedDim", embedDim);
  const heads = size(fn, "numHeads", numHeads);
  divisible(fn, "embedDim", e, heads, "numHeads");
  const kdim = own.kdim === undefined ? e : size(fn, "kdim", own.kdim);
  const vdim = own.vdim === undefined ? e : size(fn, "vdim", own.vdim);
  const bias = flag(fn, "bias", own.bias, true);
  const biasKv = flag(fn, "addBiasKv", own.addBiasKv, false);

  const plan = new Plan();
  const projections = kdim === e && vdim === e
    ? [plan.param("in_proj_weight", plan.tensor([3 * e, e]))]
    : [plan.param("q_proj_weight", plan.tensor([e, e])), plan.param("k_proj_weight", plan.tensor([e, kdim])), plan.param("v_proj_weight", plan.tensor([e, vdim]))];
  const inBias = bias ? plan.param("in_proj_bias", plan.tensor([3 * e])) : undefined;
  // out_proj is a child module, so torch lists its parameters after all of the parent's own,
  // bias_k and bias_v included, although it is constructed (and draws) before them.
  const outPlan = new Plan();
  const sub = planLinear(outPlan, "out_proj.", e, e, bias);
  const kv = biasKv ? [plan.param("bias_k", plan.tensor([1, 1, e])), plan.param("bias_v", plan.tensor([1, 1, e]))] : [];
  const base = plan.merge(outPlan);

  for (const p of projections) plan.init(p, { kind: "xavierUniform", gain: 1 });
  if (inBias !== undefined) {
    plan.init(inBias, { kind: "constant", value: 0 });
    plan.init(sub.bias! + base, { kind: "constant", value: 0 });
  }
  for (const p of kv) plan.init(p, { kind: "xavierNormal", gain: 1 });
  return runModule(fn, plan, own.generator);
}
