// nninit/checkpoint: safetensors files (streamed writing, sharding, bounded-memory reading) and
// the model recipes (gpt2, llama, nanogpt, resnet*) behind the `nninit` command. Runs in Node and
// browsers; Node's file paths and streams are in nninit/checkpoint/node.

export * from "./io/index.js";
export {
  MODELS, resolveConfig, buildRecipe, supportsTorch, tensorSources, parameterCount,
  type ModelRecipe, type TensorRecipe, type Law,
} from "./models/index.js";
export { checkLaw, describeLaw, type LawCheck } from "./models/law-check.js";
export { NNINIT_VERSION } from "./version.js";
