// The models the demo offers: GPT-2 configs (transformers' GPT2Config keys over its defaults),
// built into nninit/checkpoint's recipe (every tensor's name, shape and initializer call).

import { buildRecipe, resolveConfig, type ModelRecipe } from "nninit/checkpoint";

/** The models offered: GPT-2 configs (transformers' GPT2Config keys over its defaults). */
export const MODELS: Record<string, { label: string; overrides: Record<string, number> }> = {
  "gpt2-tiny": { label: "GPT-2 tiny: 2 layers × 128, vocab 1,000", overrides: { n_layer: 2, n_embd: 128, n_head: 4, vocab_size: 1000, n_positions: 256 } },
  gpt2: { label: "GPT-2 small: 12 layers × 768 (124 M)", overrides: {} },
};
export const FIRST_MODEL = "gpt2-tiny";

/** The recipe of GPT-2 with these config overrides (a key of MODELS, or the overrides themselves). */
export function recipeOf(model: string | Record<string, number>): ModelRecipe {
  return buildRecipe(resolveConfig("gpt2", undefined, typeof model === "string" ? MODELS[model]!.overrides : model));
}

