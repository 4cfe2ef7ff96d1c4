// GPT-2 as Hugging Face transformers builds it (GPT2LMHeadModel), parameter names and shapes as
// `save_pretrained` writes them.
// see: transformers/models/gpt2/modeling_gpt2.py: GPT2PreTrainedModel._init_weights (Linear and
//      Conv1D weights and Embeddings N(0, initializer_range), biases 0, LayerNorm weight 1 bias 0;
//      then every "c_proj.weight" N(0, initializer_range / sqrt(2 n_layer))); Conv1D stores its
//      weight as [in, out]; lm_head.weight is tied to transformer.wte.weight and saved once;
//      attn.bias / attn.masked_bias are non-persistent buffers (not saved).
//      transformers/models/gpt2/configuration_gpt2.py: GPT2Config defaults.

import { normalT, onesT, zerosT, type ModelRecipe, type TensorRecipe } from "./recipe.js";

/** GPT2Config's defaults (GPT-2 small, 124M), as config.json spells them. */
export const GPT2_DEFAULTS: Record<string, unknown> = {
  architectures: ["GPT2LMHeadModel"],
  model_type: "gpt2",
  vocab_size: 50257,
  n_positions: 1024,
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
  n_inner: null,
  activation_function: "gelu_new",
  resid_pdrop: 0.1,
  embd_pdrop: 0.1,
  attn_pdrop: 0.1,
  layer_norm_epsilon: 1e-5,
  initializer_range: 0.02,
  bos_token_id: 50256,
  eos_token_id: 50256,
  tie_word_embeddings: true,
};

/** The sizes of the other published GPT-2 checkpoints. */
export const GPT2_PRESETS: Record<string, Record<string, unknown>> = {
  gpt2: {},
  "gpt2-medium": { n_embd: 1024, n_layer: 24, n_head: 16 },
  "gpt2-large": { n_embd: 1280, n_layer: 36, n_head: 20 },
  "gpt2-xl": { n_embd: 1600, n_layer: 48, n_head: 25 },
};

export function gpt2(config: Record<string, unknown>, int: (key: string) => number, num: (key: string) => number): ModelRecipe {
  const d = int("n_embd"), layers = int("n_layer"), vocab = int("vocab_size"), positions = int("n_positions");
  const inner = config.n_inner === null || config.n_inner === undefined ? 4 * d : int("n_inner");
  const std = num("initializer_range");
  const residual = std / Math.sqrt(2 * layers);
  if (d % int("n_head") !== 0) throw new RangeError(`gpt2: n_embd (${d}) must be divisible by n_head (${config.n_head})`);
  const t: TensorRecipe[] = [normalT("transformer.wte.weight", [vocab, d], std), normalT("transformer.wpe.weight", [positions, d], std)];
  for (let l = 0; l < layers; l++) {
    const h = `transformer.h.${l}`;
    t.push(
      onesT(`${h}.ln_1.weight`, [d]), zerosT(`${h}.ln_1.bias`, [d]),
      normalT(`${h}.attn.c_attn.weight`, [d, 3 * d], std), zerosT(`${h}.attn.c_attn.bias`, [3 * d]),
      normalT(`${h}.attn.c_proj.weight`, [d, d], residual), zerosT(`${h}.attn.c_proj.bias`, [d]),
      onesT(`${h}.ln_2.weight`, [d]), zerosT(`${h}.ln_2.bias`, [d]),
      normalT(`${h}.mlp.c_fc.weight`, [d, inner], std), zerosT(`${h}.mlp.c_fc.bias`, [inner]),
      normalT(`${h}.mlp.c_proj.weight`, [inner, d], residual), zerosT(`${h}.mlp.c_proj.bias`, [d]),
    );
  }
  t.push(onesT("transformer.ln_f.weight", [d]), zerosT("transformer.ln_f.bias", [d]));
  if (config.tie_word_embeddings === false) t.push(normalT("lm_head.weight", [vocab, d], std));
  return { recipe: "gpt2", config, tensors: t, huggingFace: true };
}
