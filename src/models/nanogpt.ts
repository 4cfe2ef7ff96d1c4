// nanoGPT (karpathy/nanoGPT model.py, GPT(GPTConfig)), parameter names as its state_dict.
// see: nanoGPT model.py: GPT._init_weights (nn.Linear weights and nn.Embedding N(0, 0.02), Linear
//      biases 0), then every parameter ending in "c_proj.weight" N(0, 0.02 / sqrt(2 n_layer));
//      LayerNorm weight 1, bias 0 (bias only when config.bias); nn.Linear weights are [out, in];
//      lm_head.weight is tied to transformer.wte.weight and written once (the state_dict lists
//      it twice; load with strict=False, or tie after loading).
// Without --torch the values come from nninit's tape (same laws, nninit's bits); with --torch,
// from the torch-exact generator (the bits of torch.manual_seed(seed); GPT(config)).

import { normalT, onesT, zerosT, type ModelRecipe, type TensorRecipe } from "./recipe.js";

/** GPTConfig's defaults (nanoGPT's GPT-2 small shape, vocabulary padded to 50304). */
export const NANOGPT_DEFAULTS: Record<string, unknown> = {
  model_type: "nanogpt",
  block_size: 1024,
  vocab_size: 50304,
  n_layer: 12,
  n_head: 12,
  n_embd: 768,
  dropout: 0.0,
  bias: true,
};

export function nanogpt(config: Record<string, unknown>, int: (key: string) => number): ModelRecipe {
  const d = int("n_embd"), layers = int("n_layer"), vocab = int("vocab_size"), block = int("block_size");
  const bias = config.bias !== false;
  const std = 0.02, residual = 0.02 / Math.sqrt(2 * layers);
  const linear = (name: string, out: number, inp: number, s: number): TensorRecipe[] =>
    bias ? [normalT(`${name}.weight`, [out, inp], s), zerosT(`${name}.bias`, [out])] : [normalT(`${name}.weight`, [out, inp], s)];
  const norm = (name: string): TensorRecipe[] => (bias ? [onesT(`${name}.weight`, [d]), zerosT(`${name}.bias`, [d])] : [onesT(`${name}.weight`, [d])]);
  const t: TensorRecipe[] = [normalT("transformer.wte.weight", [vocab, d], std), normalT("transformer.wpe.weight", [block, d], std)];
  for (let l = 0; l < layers; l++) {
    const h = `transformer.h.${l}`;
    t.push(
      ...norm(`${h}.ln_1`),
      ...linear(`${h}.attn.c_attn`, 3 * d, d, std),
      ...linear(`${h}.attn.c_proj`, d, d, residual),
      ...norm(`${h}.ln_2`),
      ...linear(`${h}.mlp.c_fc`, 4 * d, d, std),
      ...linear(`${h}.mlp.c_proj`, d, 4 * d, residual),
    );
  }
  t.push(...norm("transformer.ln_f"));
  return { recipe: "nanogpt", config, tensors: t, huggingFace: false };
}
