// What a checkpoint's values are a function of, and the header metadata that records it: `nninit
// init` writes it, `nninit verify` reads it back to regenerate every tensor, and a browser app
// writing a recipe with nninit/checkpoint can stamp its file the same way (so `verify` checks it).

import { NNINIT_VERSION, TAPE_CONTRACT_VERSION } from "../version.js";
import type { ModelRecipe } from "./index.js";
import type { Dtype } from "../dtype.js";

/** What a checkpoint's values are a function of: the recipe (with its resolved config), the seed, the dtype and the generator. */
export interface Provenance {
  recipe: ModelRecipe;
  seed: bigint;
  dtype: Dtype;
  /** true: the torch-exact replay (`nninit init --torch`); false: nninit's tape. */
  torch: boolean;
}

/**
 * The checkpoint's `__metadata__` for a recipe written with `tensorSources(recipe, seed, dtype)`
 * (or `--torch`): the package and tape-contract versions, the recipe, the full resolved config,
 * the seed, the dtype and the generator, which `nninit verify` needs to regenerate each tensor
 * and `nninit inspect` to check its law. Pass it as the writer's `metadata`.
 *
 * @example
 * ```ts
 * import { buildRecipe, checkpointMetadata, resolveConfig, safetensorsBlob, tensorSources } from "nninit/checkpoint";
 * const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 64, n_head: 2, vocab_size: 100, n_positions: 32 }));
 * const metadata = checkpointMetadata({ recipe, seed: 7n, dtype: "bfloat16", torch: false });
 * const blob = await safetensorsBlob(tensorSources(recipe, 7, "bfloat16"), { metadata }); // `nninit verify` checks this file
 * console.log(metadata.nninit_recipe, metadata.nninit_seed); // gpt2 7
 * ```
 */
export function checkpointMetadata(req: Provenance): Record<string, string> {
  return {
    format: "pt",
    nninit_version: NNINIT_VERSION,
    nninit_tape_contract: String(TAPE_CONTRACT_VERSION),
    nninit_recipe: req.recipe.recipe,
    nninit_seed: String(req.seed),
    nninit_dtype: req.dtype,
    nninit_generator: req.torch ? "torch" : "tape",
    nninit_config: JSON.stringify(req.recipe.config),
  };
}
