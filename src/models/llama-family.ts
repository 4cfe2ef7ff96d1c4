// Hugging Face architectures built like Llama: the same modules under the same names, and the
// same initialization (transformers' _init_weights: Linear and Embedding weights N(0,
// initializer_range), biases 0, the padding row zeroed, RMSNorm weights 1), differing only in
// which projections have biases, whether attention normalizes queries and keys, where the norms
// sit, and the config's defaults. One row each; the names and shapes of every row are checked
// against transformers 5.18 (test/models/llama-family.node.test.ts loads nninit's files with
// AutoModelForCausalLM.from_pretrained and requires no missing or unexpected key).
// see: transformers/models/{mistral,qwen2,qwen3,granite,olmo2,smollm3,exaone4,arcee}/modeling_*.py
//      and configuration_*.py

import { LLAMA_DEFAULTS } from "./llama.js";

/** How an architecture departs from Llama. */
export interface LlamaShape {
  /** q/k/v projections always have biases (Qwen2), whatever attention_bias says. */
  qkvBias?: boolean;
  /** RMSNorm of queries and keys: per head (`head`: [head_dim], Qwen3) or over all heads (`full`: [heads * head_dim], OLMo 2). */
  qkNorm?: "head" | "full";
  /** Norms after attention and after the MLP (post_attention_layernorm, post_feedforward_layernorm) instead of before (OLMo 2). */
  postNorms?: boolean;
  /** head_dim is its own config value with this default (Qwen3: 128) rather than hidden_size / heads. */
  headDim?: number;
  /** false: the MLP is up_proj and down_proj only, no gate_proj (Arcee). */
  gate?: boolean;
}

/** The config defaults common to all rows (LlamaConfig's); each row overrides some. */
const BASE = LLAMA_DEFAULTS;

/** model_type -> architecture, shape and its config class's defaults (as config.json spells them). */
export const LLAMA_FAMILY: Record<string, { architecture: string; shape: LlamaShape; defaults: Record<string, unknown> }> = {
  mistral: {
    architecture: "MistralForCausalLM", shape: {},
    defaults: { ...BASE, intermediate_size: 14336, num_key_value_heads: 8, max_position_embeddings: 131072, sliding_window: 4096, attention_bias: undefined, mlp_bias: undefined },
  },
  qwen2: {
    architecture: "Qwen2ForCausalLM", shape: { qkvBias: true },
    defaults: { ...BASE, vocab_size: 151936, intermediate_size: 22016, max_position_embeddings: 32768, bos_token_id: null, eos_token_id: null, use_sliding_window: false, sliding_window: null, max_window_layers: 28, attention_bias: undefined, mlp_bias: undefined },
  },
  qwen3: {
    architecture: "Qwen3ForCausalLM", shape: { qkNorm: "head", headDim: 128 },
    defaults: { ...BASE, vocab_size: 151936, intermediate_size: 22016, head_dim: 128, max_position_embeddings: 32768, bos_token_id: null, eos_token_id: null, use_sliding_window: false, sliding_window: null, max_window_layers: 28, mlp_bias: undefined },
  },
  granite: {
    architecture: "GraniteForCausalLM", shape: {},
    defaults: { ...BASE, embedding_multiplier: 1.0, logits_scaling: 1.0, residual_multiplier: 1.0, attention_multiplier: 1.0 },
  },
  olmo2: {
    architecture: "Olmo2ForCausalLM", shape: { qkNorm: "full", postNorms: true },
    defaults: { ...BASE, vocab_size: 50304, rms_norm_eps: 1e-5, pad_token_id: 1, bos_token_id: null, eos_token_id: 50279, mlp_bias: undefined },
  },
  smollm3: {
    architecture: "SmolLM3ForCausalLM", shape: {},
    defaults: { ...BASE, vocab_size: 128256, hidden_size: 2048, num_hidden_layers: 36, num_attention_heads: 16, num_key_value_heads: 4, max_position_embeddings: 32768, pad_token_id: 128004, bos_token_id: 128000, eos_token_id: 128001, tie_word_embeddings: true },
  },
  exaone4: {
    architecture: "Exaone4ForCausalLM", shape: { qkNorm: "head", postNorms: true },
    defaults: { ...BASE, vocab_size: 102400, intermediate_size: 16384, rms_norm_eps: 1e-5, bos_token_id: 0, eos_token_id: 2, attention_bias: undefined, mlp_bias: undefined },
  },
  arcee: {
    architecture: "ArceeForCausalLM", shape: { gate: false },
    defaults: { ...BASE, hidden_size: 2560, intermediate_size: 18432, hidden_act: "relu2", max_position_embeddings: 4096, rms_norm_eps: 1e-5, bos_token_id: 128000, eos_token_id: 128001 },
  },
};

/** A row's defaults with its model_type and architecture (undefined keys dropped: the config class has no such field). */
export function familyDefaults(modelType: string): Record<string, unknown> {
  const row = LLAMA_FAMILY[modelType];
  const out: Record<string, unknown> = { ...row.defaults, architectures: [row.architecture], model_type: modelType };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}
