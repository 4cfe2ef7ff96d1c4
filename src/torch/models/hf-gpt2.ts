// Hugging Face transformers' GPT-2 (GPT2LMHeadModel, transformers 5.18 and 4.57), replayed as
// `torch.manual_seed(seed); AutoModelForCausalLM.from_config(GPT2Config(**config))` runs:
//   A. the base model's constructors: wte and wpe (Embedding: normal_(0, 1)), then per block
//      c_attn, attn.c_proj, c_fc, mlp.c_proj (Conv1D: weight [in, out] normal_(0, 0.02), bias
//      zeros). LayerNorms draw nothing.
//   B. post_init on the base model, children before parents: wte, wpe normal_(0, ir or 0.02);
//      per block c_attn normal_(0, ir), attn.c_proj normal_(0, ir) and then, when GPT2Attention
//      itself is visited, normal_(0, ir / sqrt(2 L)) again; c_fc and mlp.c_proj the same way.
//   C. lm_head (Linear(E, V), no bias): kaiming_uniform_(a = sqrt 5), then normal_(0, ir or
//      0.02); tied (the default) it is thrown away and lm_head.weight is wte's tensor.
// "ir or 0.02" is 5.18's rule; 4.57 takes ir as it is (zeros at initializer_range 0), the only
// difference between the two (the same words are drawn).
// Every draw of A, the first draw of each c_proj and lm_head's draws when tied are overwritten:
// the executor only moves the generator for them. GPT-2 has no persistent buffer in 5.18.

import { Plan } from "../modules/plan.js";
import { planLayerNorm } from "../modules/norm.js";
import { rangeError } from "../../validate.js";
import { HfConfig, embeddingLinearStd, type TransformersVersion } from "./hf-config.js";

/** GPT2Config's keys that shape the weights (defaults: GPT-2 small, 124M). */
export interface HfGPT2Config {
  vocab_size?: number;
  n_positions?: number;
  n_embd?: number;
  n_layer?: number;
  n_head?: number;
  /** MLP width (default null: 4 n_embd). */
  n_inner?: number | null;
  initializer_range?: number;
  tie_word_embeddings?: boolean;
  [ignored: string]: unknown;
}

/** The config keys that shape the weights. */
export const HF_GPT2_KEYS = ["vocab_size", "n_positions", "n_embd", "n_layer", "n_head", "n_inner", "initializer_range", "tie_word_embeddings", "add_cross_attention"];
const IGNORED = [
  "n_ctx", "activation_function", "resid_pdrop", "embd_pdrop", "attn_pdrop", "layer_norm_epsilon", "summary_type",
  "summary_use_proj", "summary_activation", "summary_proj_to_labels", "summary_first_dropout", "scale_attn_weights",
  "scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn", "pad_token_id", "task_specific_params",
];

export function planHfGPT2(fn: string, config: unknown, transformers: TransformersVersion): Plan {
  const c = new HfConfig(fn, "gpt2", config, HF_GPT2_KEYS, IGNORED);
  c.unsupported("add_cross_attention");
  const V = c.size("vocab_size", 50257), P = c.size("n_positions", 1024), E = c.size("n_embd", 768);
  const L = c.count("n_layer", 12), heads = c.size("n_head", 12);
  const inner = c.raw("n_inner") === null || !c.has("n_inner") ? 4 * E : c.size("n_inner", 4 * E);
  const ir = c.range("initializer_range", 0.02);
  const tied = c.flag("tie_word_embeddings", true);
  if (L > 0 && E % heads !== 0) throw rangeError(fn, "config.n_embd", `divisible by config.n_head (${heads})`, E);
  const std = embeddingLinearStd(ir, transformers); // nn.Embedding / nn.Linear; Conv1D takes ir as it is
  const plan = new Plan();
  // A: constructors.
  const wte = plan.param("transformer.wte.weight", plan.tensor([V, E]));
  plan.init(wte, { kind: "normal", mean: 0, std: 1 });
  const wpe = plan.param("transformer.wpe.weight", plan.tensor([P, E]));
  plan.init(wpe, { kind: "normal", mean: 0, std: 1 });
  const conv1d = (prefix: string, nx: number, nf: number): number => {
    const w = plan.param(`${prefix}weight`, plan.tensor([nx, nf]));
    plan.param(`${prefix}bias`, plan.tensor([nf])); // torch.zeros: its creation value
    plan.init(w, { kind: "normal", mean: 0, std: 0.02 });
    return w;
  };
  const blocks: { cAttn: number; attnProj: number; cFc: number; mlpProj: number }[] = [];
  for (let i = 0; i < L; i++) {
    const p = `transformer.h.${i}.`;
    planLayerNorm(plan, `${p}ln_1.`, [E]);
    const cAttn = conv1d(`${p}attn.c_attn.`, E, 3 * E);
    const attnProj = conv1d(`${p}attn.c_proj.`, E, E);
    planLayerNorm(plan, `${p}ln_2.`, [E]);
    const cFc = conv1d(`${p}mlp.c_fc.`, E, inner);
    const mlpProj = conv1d(`${p}mlp.c_proj.`, inner, E);
    blocks.push({ cAttn, attnProj, cFc, mlpProj });
  }
  planLayerNorm(plan, "transformer.ln_f.", [E]);
  // B: the base model's post_init.
  plan.init(wte, { kind: "normal", mean: 0, std });
  plan.init(wpe, { kind: "normal", mean: 0, std });
  const scaled = ir / Math.sqrt(2 * L);
  for (const b of blocks) {
    plan.init(b.cAttn, { kind: "normal", mean: 0, std: ir });
    plan.init(b.attnProj, { kind: "normal", mean: 0, std: ir });
    plan.init(b.attnProj, { kind: "normal", mean: 0, std: scaled });
    plan.init(b.cFc, { kind: "normal", mean: 0, std: ir });
    plan.init(b.mlpProj, { kind: "normal", mean: 0, std: ir });
    plan.init(b.mlpProj, { kind: "normal", mean: 0, std: scaled });
  }
  // C: lm_head, then its re-initialization, then the tie.
  const head = tied ? plan.tensor([V, E]) : plan.param("lm_head.weight", plan.tensor([V, E]));
  plan.init(head, { kind: "kaimingUniform", a: Math.sqrt(5), mode: "fan_in", nonlinearity: "leaky_relu" });
  plan.init(head, { kind: "normal", mean: 0, std });
  return plan;
}
