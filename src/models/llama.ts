// Llama as Hugging Face transformers builds it (LlamaForCausalLM), parameter names and shapes as
// `save_pretrained` writes them.
// see: transformers/models/llama/modeling_llama.py: LlamaPreTrainedModel._init_weights (Linear
//      weights and Embeddings N(0, initializer_range), biases 0, the padding_idx row of the
//      embedding zeroed, LlamaRMSNorm weight 1); q/k/v/o_proj with bias = attention_bias,
//      gate/up/down_proj with bias = mlp_bias; head_dim = config.head_dim or hidden / heads;
//      lm_head.weight saved only when tie_word_embeddings is false.
//      transformers/models/llama/configuration_llama.py: LlamaConfig defaults (Llama 2 7B).

import { normalT, onesT, zerosT, type ModelRecipe, type TensorRecipe } from "./recipe.js";
import type { LlamaShape } from "./llama-family.js";

/** LlamaConfig's defaults, as config.json spells them. */
export const LLAMA_DEFAULTS: Record<string, unknown> = {
  architectures: ["LlamaForCausalLM"],
  model_type: "llama",
  vocab_size: 32000,
  hidden_size: 4096,
  intermediate_size: 11008,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 32,
  hidden_act: "silu",
  max_position_embeddings: 2048,
  initializer_range: 0.02,
  rms_norm_eps: 1e-6,
  pad_token_id: null,
  bos_token_id: 1,
  eos_token_id: 2,
  tie_word_embeddings: false,
  rope_theta: 10000.0,
  attention_bias: false,
  mlp_bias: false,
};

export const LLAMA_PRESETS: Record<string, Record<string, unknown>> = {
  llama: {},
  // TinyLlama-1.1B's shape: the ~1B model of the benchmark
  "llama-1b": { hidden_size: 2048, intermediate_size: 5632, num_hidden_layers: 22, num_attention_heads: 32, num_key_value_heads: 4 },
};

export function llama(config: Record<string, unknown>, int: (key: string) => number, num: (key: string) => number, shape: LlamaShape = {}): ModelRecipe {
  const d = int("hidden_size"), layers = int("num_hidden_layers"), vocab = int("vocab_size"), inner = int("intermediate_size");
  const heads = int("num_attention_heads");
  const kvHeads = config.num_key_value_heads === null || config.num_key_value_heads === undefined ? heads : int("num_key_value_heads");
  const headDim = config.head_dim === null || config.head_dim === undefined ? shape.headDim ?? Math.floor(d / heads) : int("head_dim");
  const std = num("initializer_range");
  const attnBias = config.attention_bias === true, mlpBias = config.mlp_bias === true;
  const qkvBias = attnBias || shape.qkvBias === true;
  const linear = (name: string, out: number, inp: number, bias: boolean): TensorRecipe[] =>
    bias ? [normalT(`${name}.weight`, [out, inp], std), zerosT(`${name}.bias`, [out])] : [normalT(`${name}.weight`, [out, inp], std)];
  const embed = normalT("model.embed_tokens.weight", [vocab, d], std);
  if (typeof config.pad_token_id === "number" && config.pad_token_id >= 0 && config.pad_token_id < vocab) {
    embed.zeroRanges = [[config.pad_token_id * d, (config.pad_token_id + 1) * d]];
  }
  const t: TensorRecipe[] = [embed];
  for (let l = 0; l < layers; l++) {
    const p = `model.layers.${l}`;
    t.push(
      ...linear(`${p}.self_attn.q_proj`, heads * headDim, d, qkvBias),
      ...linear(`${p}.self_attn.k_proj`, kvHeads * headDim, d, qkvBias),
      ...linear(`${p}.self_attn.v_proj`, kvHeads * headDim, d, qkvBias),
      ...linear(`${p}.self_attn.o_proj`, d, heads * headDim, attnBias),
    );
    if (shape.qkNorm) {
      const full = shape.qkNorm === "full";
      t.push(onesT(`${p}.self_attn.q_norm.weight`, [full ? heads * headDim : headDim]), onesT(`${p}.self_attn.k_norm.weight`, [full ? kvHeads * headDim : headDim]));
    }
    t.push(
      ...(shape.gate === false ? [] : linear(`${p}.mlp.gate_proj`, inner, d, mlpBias)),
      ...linear(`${p}.mlp.up_proj`, inner, d, mlpBias),
      ...linear(`${p}.mlp.down_proj`, d, inner, mlpBias),
      ...(shape.postNorms
        ? [onesT(`${p}.post_attention_layernorm.weight`, [d]), onesT(`${p}.post_feedforward_layernorm.weight`, [d])]
        : [onesT(`${p}.input_layernorm.weight`, [d]), onesT(`${p}.post_attention_layernorm.weight`, [d])]),
    );
  }
  t.push(onesT("model.norm.weight", [d]));
  if (config.tie_word_embeddings !== true) t.push(normalT("lm_head.weight", [vocab, d], std));
  return { recipe: typeof config.model_type === "string" ? config.model_type : "llama", config, tensors: t, huggingFace: true };
}
