// Hugging Face transformers' Llama (LlamaForCausalLM, transformers 5.18 and 4.57), replayed as
// `torch.manual_seed(seed); AutoModelForCausalLM.from_config(LlamaConfig(**config))` runs:
//   A. the base model's constructors: embed_tokens (Embedding: normal_(0, 1), the pad_token_id
//      row zeroed), then per layer q, k, v, o, gate, up, down (Linear: kaiming_uniform_(a =
//      sqrt 5) on the weight, its bias, when attention_bias / mlp_bias, uniform_(+-1/sqrt(in))
//      right after). RMSNorms draw nothing.
//   B. post_init on the base model: embed_tokens normal_(0, std) (pad row zeroed), every layer's
//      seven weights normal_(0, std) in the same order, biases zeroed; std = ir or 0.02 in 5.18,
//      ir as it is in 4.57 (zeros at initializer_range 0; the same words are drawn).
//   C. lm_head (Linear(H, V), no bias): kaiming_uniform_, then normal_(0, std); kept only when
//      untied (the default for Llama), otherwise lm_head.weight is embed_tokens' tensor.
// inv_freq and original_inv_freq are non-persistent buffers: not in the state dict.

import { Plan } from "../modules/plan.js";
import { planLinear } from "../modules/linear.js";
import { integer, rangeError } from "../../validate.js";
import { HfConfig, embeddingLinearStd, type TransformersVersion } from "./hf-config.js";

/** LlamaConfig's keys that shape the weights (defaults: Llama 2 7B). */
export interface HfLlamaConfig {
  vocab_size?: number;
  hidden_size?: number;
  intermediate_size?: number;
  num_hidden_layers?: number;
  num_attention_heads?: number;
  /** Grouped-query attention: key/value heads (default num_attention_heads). */
  num_key_value_heads?: number | null;
  head_dim?: number | null;
  initializer_range?: number;
  pad_token_id?: number | null;
  tie_word_embeddings?: boolean;
  attention_bias?: boolean;
  mlp_bias?: boolean;
  [ignored: string]: unknown;
}

/** The config keys that shape the weights. */
export const HF_LLAMA_KEYS = [
  "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
  "head_dim", "initializer_range", "pad_token_id", "tie_word_embeddings", "attention_bias", "mlp_bias",
];
const IGNORED = [
  "hidden_act", "max_position_embeddings", "rms_norm_eps", "rope_theta", "rope_scaling", "rope_parameters",
  "attention_dropout", "pretraining_tp",
];

export function planHfLlama(fn: string, config: unknown, transformers: TransformersVersion): Plan {
  const c = new HfConfig(fn, "llama", config, HF_LLAMA_KEYS, IGNORED);
  const V = c.size("vocab_size", 32000), H = c.size("hidden_size", 4096), I = c.size("intermediate_size", 11008);
  const L = c.count("num_hidden_layers", 32), heads = c.size("num_attention_heads", 32);
  const kv = c.raw("num_key_value_heads") === null ? heads : c.size("num_key_value_heads", heads);
  const hd = c.raw("head_dim") === null ? Math.floor(H / heads) : c.size("head_dim", Math.floor(H / heads));
  if (hd < 1) throw rangeError(fn, "config.hidden_size", `at least config.num_attention_heads (${heads}) when head_dim is not given`, H);
  const std = embeddingLinearStd(c.range("initializer_range", 0.02), transformers);
  const tied = c.flag("tie_word_embeddings", false);
  const attnBias = c.flag("attention_bias", false), mlpBias = c.flag("mlp_bias", false);
  const padRaw = c.raw("pad_token_id");
  const pad = padRaw === undefined || padRaw === null ? undefined : integer(fn, "config.pad_token_id", padRaw, 0, V - 1);
  const plan = new Plan();
  // A: constructors.
  const embed = plan.param("model.embed_tokens.weight", plan.tensor([V, H]));
  plan.init(embed, { kind: "normal", mean: 0, std: 1 });
  if (pad !== undefined) plan.init(embed, { kind: "zeroRow", row: pad });
  const linears: { weight: number; bias: number | undefined }[] = [];
  for (let i = 0; i < L; i++) {
    const p = `model.layers.${i}.`;
    linears.push(planLinear(plan, `${p}self_attn.q_proj.`, H, heads * hd, attnBias));
    linears.push(planLinear(plan, `${p}self_attn.k_proj.`, H, kv * hd, attnBias));
    linears.push(planLinear(plan, `${p}self_attn.v_proj.`, H, kv * hd, attnBias));
    linears.push(planLinear(plan, `${p}self_attn.o_proj.`, heads * hd, H, attnBias));
    linears.push(planLinear(plan, `${p}mlp.gate_proj.`, H, I, mlpBias));
    linears.push(planLinear(plan, `${p}mlp.up_proj.`, H, I, mlpBias));
    linears.push(planLinear(plan, `${p}mlp.down_proj.`, I, H, mlpBias));
    for (const norm of ["input_layernorm", "post_attention_layernorm"]) {
      plan.init(plan.param(`${p}${norm}.weight`, plan.tensor([H])), { kind: "constant", value: 1 });
    }
  }
  plan.init(plan.param("model.norm.weight", plan.tensor([H])), { kind: "constant", value: 1 });
  // B: the base model's post_init.
  plan.init(embed, { kind: "normal", mean: 0, std });
  if (pad !== undefined) plan.init(embed, { kind: "zeroRow", row: pad });
  for (const l of linears) {
    plan.init(l.weight, { kind: "normal", mean: 0, std });
    if (l.bias !== undefined) plan.init(l.bias, { kind: "constant", value: 0 });
  }
  // C: lm_head, its re-initialization, the tie.
  const head = tied ? plan.tensor([V, H]) : plan.param("lm_head.weight", plan.tensor([V, H]));
  plan.init(head, { kind: "kaimingUniform", a: Math.sqrt(5), mode: "fan_in", nonlinearity: "leaky_relu" });
  plan.init(head, { kind: "normal", mean: 0, std });
  return plan;
}
