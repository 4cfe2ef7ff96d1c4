// nn.RNN, nn.LSTM and nn.GRU as torch 1.13 constructs them (torch/nn/modules/rnn.py, RNNBase):
// every parameter, in registration order, from U(-1/sqrt(hidden), 1/sqrt(hidden)).

import { options, integer, oneOf } from "../../validate.js";
import { size, flag } from "./check.js";
import { Plan } from "./plan.js";
import { runModule, type ModuleOptions } from "./run.js";
import type { NamedTensors } from "./tensor.js";

export interface RnnOptions extends ModuleOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Whether the layers have bias_ih and bias_hh (default true). */
  bias?: boolean;
  /** Adds the `_reverse` direction (default false). */
  bidirectional?: boolean;
}

/** RNNBase's constructor and reset_parameters for a gate size of `gates * hidden`. */
function planRnn(plan: Plan, gates: number, inputSize: number, hidden: number, layers: number, bias: boolean, bidirectional: boolean, proj: number): void {
  const gateSize = gates * hidden;
  const real = proj > 0 ? proj : hidden;
  const params: number[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (const suffix of bidirectional ? ["", "_reverse"] : [""]) {
      const input = layer === 0 ? inputSize : real * (bidirectional ? 2 : 1);
      params.push(plan.param(`weight_ih_l${layer}${suffix}`, plan.tensor([gateSize, input])));
      params.push(plan.param(`weight_hh_l${layer}${suffix}`, plan.tensor([gateSize, real])));
      if (bias) {
        params.push(plan.param(`bias_ih_l${layer}${suffix}`, plan.tensor([gateSize])));
        params.push(plan.param(`bias_hh_l${layer}${suffix}`, plan.tensor([gateSize])));
      }
      if (proj > 0) params.push(plan.param(`weight_hr_l${layer}${suffix}`, plan.tensor([proj, hidden])));
    }
  }
  const stdv = 1.0 / Math.sqrt(hidden);
  for (const p of params) plan.init(p, { kind: "uniform", a: -stdv, b: stdv });
}

function recurrent(fn: string, gates: number, inputSize: number, hiddenSize: number, opts: unknown, extra: readonly string[]): { plan: Plan; own: RnnOptions & { projSize?: number } } {
  const own = options<RnnOptions & { projSize?: number; nonlinearity?: string }>(fn, opts, ["generator", "numLayers", "bias", "bidirectional", ...extra]);
  const input = size(fn, "inputSize", inputSize);
  const hidden = size(fn, "hiddenSize", hiddenSize);
  const layers = own.numLayers === undefined ? 1 : size(fn, "numLayers", own.numLayers);
  const proj = own.projSize === undefined ? 0 : integer(fn, "projSize", own.projSize, 0, hidden - 1);
  if (own.nonlinearity !== undefined) oneOf(fn, "nonlinearity", own.nonlinearity, ["tanh", "relu"]);
  const plan = new Plan();
  planRnn(plan, gates, input, hidden, layers, flag(fn, "bias", own.bias, true), flag(fn, "bidirectional", own.bidirectional, false), proj);
  return { plan, own };
}

export interface ElmanRnnOptions extends RnnOptions {
  /** "tanh" (default) or "relu"; does not change the parameters. */
  nonlinearity?: "tanh" | "relu";
}

/**
 * `nn.RNN(inputSize, hiddenSize, num_layers, nonlinearity, bias, bidirectional)`: per layer and
 * direction `weight_ih_l{k}` [H, in], `weight_hh_l{k}` [H, H], `bias_ih_l{k}`, `bias_hh_l{k}` [H]
 * (`_reverse` appended for the second direction), all from U(-1/sqrt(H), 1/sqrt(H)).
 *
 * @example
 * ```ts
 * import { rnn, TorchGenerator } from "nninit/torch";
 * const layer = rnn(8, 16, { bidirectional: true, generator: new TorchGenerator(0) }); // nn.RNN(8, 16, bidirectional=True)
 * console.log([...layer.keys()]); // [ "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", ... ]
 * ```
 */
export function rnn(inputSize: number, hiddenSize: number, opts?: ElmanRnnOptions): NamedTensors {
  const { plan, own } = recurrent("rnn", 1, inputSize, hiddenSize, opts, ["nonlinearity"]);
  return runModule("rnn", plan, own.generator);
}

export interface LstmOptions extends RnnOptions {
  /** Projects the hidden state to this size (default 0: none), < hiddenSize; adds `weight_hr_l{k}`. */
  projSize?: number;
}

/**
 * `nn.LSTM(inputSize, hiddenSize, num_layers, bias, bidirectional, proj_size)`: as {@link rnn} with
 * gates of 4H, and `weight_hr_l{k}` [P, H] when `projSize` P > 0 (then `weight_hh` is [4H, P]).
 *
 * @example
 * ```ts
 * import { lstm, TorchGenerator } from "nninit/torch";
 * const lm = lstm(32, 64, { numLayers: 2, generator: new TorchGenerator(0) }); // nn.LSTM(32, 64, num_layers=2)
 * console.log([...lm.keys()].length, lm.get("weight_hh_l1")?.shape); // 8 [ 256, 64 ]
 * ```
 */
export function lstm(inputSize: number, hiddenSize: number, opts?: LstmOptions): NamedTensors {
  const { plan, own } = recurrent("lstm", 4, inputSize, hiddenSize, opts, ["projSize"]);
  return runModule("lstm", plan, own.generator);
}

/**
 * `nn.GRU(inputSize, hiddenSize, num_layers, bias, bidirectional)`: as {@link rnn} with gates of 3H.
 *
 * @example
 * ```ts
 * import { gru, TorchGenerator } from "nninit/torch";
 * const layer = gru(8, 16, { generator: new TorchGenerator(0) }); // nn.GRU(8, 16)
 * console.log(layer.get("weight_ih_l0")?.shape); // [ 48, 8 ]
 * ```
 */
export function gru(inputSize: number, hiddenSize: number, opts?: RnnOptions): NamedTensors {
  const { plan, own } = recurrent("gru", 3, inputSize, hiddenSize, opts, []);
  return runModule("gru", plan, own.generator);
}
