// karpathy/nanoGPT's GPT(config) (model.py), replayed as torch runs it:
//   1. constructors, in __init__ order: wte and wpe (Embedding: normal_), then per block c_attn,
//      attn.c_proj, mlp.c_fc, mlp.c_proj (Linear: kaiming_uniform_ weight, uniform_ bias), then
//      lm_head (Linear, no bias). LayerNorms draw nothing.
//   2. weight tying: wte.weight becomes lm_head.weight (wte's own draws are thrown away).
//   3. self.apply(_init_weights), children before parents: normal_(0, 0.02) on every Linear and
//      Embedding weight, zeros on Linear biases; the tied weight is drawn twice (as wte, then as
//      lm_head), and keeps the second.
//   4. for every c_proj.weight in named_parameters() order: normal_(0, 0.02 / sqrt(2 n_layer)).
// Names are named_parameters()'s: the tied weight once, as transformer.wte.weight. The buffer
// attn.bias (the causal mask) exists in nanoGPT only when torch has no scaled_dot_product_attention
// (torch < 2), so it is returned, with buffers asked for, as on torch 1.13.

import { integer, typeError, rangeError } from "../../validate.js";
import { Plan } from "../modules/plan.js";
import { planLinear } from "../modules/linear.js";
import { planEmbedding } from "../modules/embedding.js";
import { planLayerNorm } from "../modules/norm.js";
import { size, flag, configOf } from "../modules/check.js";

/** nanoGPT's GPTConfig, with its field names and defaults (GPT-2 124M with a padded vocabulary). */
export interface GPTConfig {
  /** Context length (default 1024). */
  block_size?: number;
  /** Vocabulary size (default 50304, GPT-2's 50257 padded to a multiple of 64). */
  vocab_size?: number;
  /** Transformer blocks (default 12). */
  n_layer?: number;
  /** Attention heads (default 12); divides n_embd. */
  n_head?: number;
  /** Embedding width (default 768). */
  n_embd?: number;
  /** Dropout probability (default 0); does not change the weights. */
  dropout?: number;
  /** Biases in Linears and LayerNorms (default true). */
  bias?: boolean;
}

export const GPT_CONFIG_KEYS = ["block_size", "vocab_size", "n_layer", "n_head", "n_embd", "dropout", "bias"] as const;

/** The checked config with defaults filled in. */
export function gptConfig(fn: string, config: unknown): Required<GPTConfig> {
  const c = configOf<GPTConfig>(fn, "nanogpt", config, GPT_CONFIG_KEYS);
  const out = {
    block_size: c.block_size === undefined ? 1024 : size(fn, "config.block_size", c.block_size),
    vocab_size: c.vocab_size === undefined ? 50304 : size(fn, "config.vocab_size", c.vocab_size),
    n_layer: c.n_layer === undefined ? 12 : integer(fn, "config.n_layer", c.n_layer, 0),
    n_head: c.n_head === undefined ? 12 : size(fn, "config.n_head", c.n_head),
    n_embd: c.n_embd === undefined ? 768 : size(fn, "config.n_embd", c.n_embd),
    dropout: 0,
    bias: flag(fn, "config.bias", c.bias, true),
  };
  if (c.dropout !== undefined) {
    if (typeof c.dropout !== "number") throw typeError(fn, "config.dropout", "a number in [0, 1]", c.dropout);
    if (!(c.dropout >= 0 && c.dropout <= 1)) throw rangeError(fn, "config.dropout", "a number in [0, 1]", c.dropout);
    out.dropout = c.dropout;
  }
  // CausalSelfAttention asserts this, so it only matters when there is a block.
  if (out.n_layer > 0 && out.n_embd % out.n_head !== 0) {
    throw rangeError(fn, "config.n_embd", `divisible by config.n_head (${out.n_head})`, out.n_embd);
  }
  return out;
}

/** The plan of `GPT(GPTConfig(**config))` (config already checked). */
export function planNanoGPT(c: Required<GPTConfig>): Plan {
  const plan = new Plan();
  const E = c.n_embd;
  // 1. constructors. wte's own weight is a tensor nobody returns (tying replaces it below).
  const wteOwn = plan.tensor([c.vocab_size, E]);
  plan.init(wteOwn, { kind: "normal", mean: 0, std: 1 });
  // The tied weight is listed first under wte's name: named_parameters() meets it there first.
  const tied = plan.tensor([c.vocab_size, E]);
  plan.param("transformer.wte.weight", tied);
  const wpe = planEmbedding(plan, "transformer.wpe.", c.block_size, E);
  const linears: { weight: number; bias: number | undefined; cProj: boolean }[] = [];
  for (let i = 0; i < c.n_layer; i++) {
    const p = `transformer.h.${i}.`;
    planLayerNorm(plan, `${p}ln_1.`, [E], c.bias);
    // CausalSelfAttention: its own buffer (the mask) comes before its children in state_dict().
    const mask = plan.buffer(`${p}attn.bias`, plan.tensor([1, 1, c.block_size, c.block_size]));
    plan.init(mask, { kind: "tril" });
    linears.push({ ...planLinear(plan, `${p}attn.c_attn.`, E, 3 * E, c.bias), cProj: false });
    linears.push({ ...planLinear(plan, `${p}attn.c_proj.`, E, E, c.bias), cProj: true });
    planLayerNorm(plan, `${p}ln_2.`, [E], c.bias);
    linears.push({ ...planLinear(plan, `${p}mlp.c_fc.`, E, 4 * E, c.bias), cProj: false });
    linears.push({ ...planLinear(plan, `${p}mlp.c_proj.`, 4 * E, E, c.bias), cProj: true });
  }
  planLayerNorm(plan, "transformer.ln_f.", [E], c.bias);
  // lm_head = Linear(E, V, bias=False) on the tied tensor; listed again but returned once.
  plan.param("lm_head.weight", tied);
  plan.init(tied, { kind: "kaimingUniform", a: Math.sqrt(5), mode: "fan_in", nonlinearity: "leaky_relu" });
  // 3. apply(_init_weights): wte (now the tied tensor), wpe, each block's Linears, lm_head.
  const init02 = { kind: "normal", mean: 0, std: 0.02 } as const;
  plan.init(tied, init02);
  plan.init(wpe, init02);
  for (const l of linears) {
    plan.init(l.weight, init02);
    if (l.bias !== undefined) plan.init(l.bias, { kind: "constant", value: 0 });
  }
  plan.init(tied, init02);
  // 4. the residual projections, scaled by depth.
  const std = 0.02 / Math.sqrt(2 * c.n_layer);
  for (const l of linears) if (l.cProj) plan.init(l.weight, { kind: "normal", mean: 0, std });
  return plan;
}
