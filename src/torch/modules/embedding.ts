// nn.Embedding as torch 1.13 constructs it (torch/nn/modules/sparse.py): normal_(weight), then the
// padding row set to zero.

import { options, integer } from "../../validate.js";
import { size } from "./check.js";
import { Plan } from "./plan.js";
import { runModule, type ModuleOptions } from "./run.js";
import type { NamedTensors } from "./tensor.js";

/** nn.Embedding's constructor; `paddingIdx` already in [0, numEmbeddings). */
export function planEmbedding(plan: Plan, prefix: string, numEmbeddings: number, embeddingDim: number, paddingIdx?: number): number {
  const w = plan.param(`${prefix}weight`, plan.tensor([numEmbeddings, embeddingDim]));
  plan.init(w, { kind: "normal", mean: 0, std: 1 });
  if (paddingIdx !== undefined) plan.init(w, { kind: "zeroRow", row: paddingIdx });
  return w;
}

export interface EmbeddingOptions extends ModuleOptions {
  /** A row kept at zero, in [-numEmbeddings, numEmbeddings) (negative counts from the end). */
  paddingIdx?: number;
}

/**
 * `nn.Embedding(numEmbeddings, embeddingDim, paddingIdx)`: `weight` [num, dim] from N(0, 1)
 * (torch's normal_: num*dim words, plus 16 when num*dim is not a multiple of 16 and >= 16).
 *
 * @example
 * ```ts
 * import { embedding, TorchGenerator } from "nninit/torch";
 * const wte = embedding(100, 16, { paddingIdx: 0, generator: new TorchGenerator(1337) }); // nn.Embedding(100, 16, padding_idx=0)
 * console.log(wte.get("weight")?.data.slice(0, 16).every((x) => x === 0)); // true: the padding row
 * ```
 */
export function embedding(numEmbeddings: number, embeddingDim: number, opts?: EmbeddingOptions): NamedTensors {
  const fn = "embedding";
  const own = options<EmbeddingOptions>(fn, opts, ["generator", "paddingIdx"]);
  const num = size(fn, "numEmbeddings", numEmbeddings);
  const dim = size(fn, "embeddingDim", embeddingDim);
  let padding: number | undefined;
  if (own.paddingIdx !== undefined) {
    padding = integer(fn, "paddingIdx", own.paddingIdx, -num, num - 1);
    if (padding < 0) padding += num;
  }
  const plan = new Plan();
  planEmbedding(plan, "", num, dim, padding);
  return runModule(fn, plan, own.generator);
}
