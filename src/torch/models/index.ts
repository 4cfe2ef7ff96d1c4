// Whole-model replays: the state dict torch makes for a model from a seed.

export { stateDict, REPLAYED_MODELS, REPLAY_CONFIG_KEYS, type ModelName, type ModelConfigs, type StateDictOptions } from "./state-dict.js";
export { TRANSFORMERS_VERSIONS, type TransformersVersion } from "./hf-config.js";
export type { GPTConfig } from "./nanogpt.js";
export type { ResNetConfig, ResNetName } from "./resnet.js";
export type { HfGPT2Config } from "./hf-gpt2.js";
export type { HfLlamaConfig } from "./hf-llama.js";
