// Whole-model replays: the state dict torch makes for a model from a seed.

export { stateDict, MODELS, type ModelName, type ModelConfigs, type StateDictOptions } from "./state-dict.js";
export type { GPTConfig } from "./nanogpt.js";
export type { ResNetConfig, ResNetName } from "./resnet.js";
