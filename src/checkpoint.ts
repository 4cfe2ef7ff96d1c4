/**
 * safetensors files in Node and browsers: streamed writing (`writeSafetensors`,
 * `safetensorsBlob`), sharding as transformers does it, bounded-memory reading (`safeOpen`,
 * `loadFile`, `tensorStats`), and the model recipes (GPT-2, Llama and its family, nanoGPT,
 * ResNets) behind the `nninit` command. File paths and Node streams are in `nninit/checkpoint/node`.
 *
 * Guide: [checkpoints and the command](https://unpkg.com/nninit@0.2.0/docs/checkpoints.md).
 *
 * @example
 * ```ts
 * import { buildRecipe, resolveConfig, safetensorsBlob, tensorSources } from "nninit/checkpoint";
 * const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 64, n_head: 2, vocab_size: 100, n_positions: 32 }));
 * const blob = await safetensorsBlob(tensorSources(recipe, 42, "bfloat16")); // a small GPT-2, ready to download
 * ```
 *
 * @module nninit/checkpoint
 */

export * from "./io/index.js";
export {
  MODELS, resolveConfig, buildRecipe, supportsTorch, tensorSources, parameterCount,
  type ModelRecipe, type TensorRecipe, type Law,
} from "./models/index.js";
export { checkLaw, describeLaw, type LawCheck } from "./models/law-check.js";
export { checkpointMetadata, type Provenance } from "./models/provenance.js";
export { NNINIT_VERSION } from "./version.js";
