// nninit/torch: PyTorch's CPU generator for nninit's initializers (same seed, same float32 bits
// as torch.nn.init on x86-64 builds; see README "Same weights as PyTorch").

export { TorchGenerator, TORCH_DEFAULT_SEED, TORCH_VERSIONS, type TorchVersion, type TorchSeed, type TorchBuild, type TorchGeneratorOptions, type TorchGeneratorState } from "./generator.js";
// torch.nn layer constructors and whole-model state dicts drawn from a TorchGenerator.
export * from "./modules/index.js";
export * from "./models/index.js";
// torch's default generator (torch.manual_seed) and the initializers that default to it.
export { defaultGenerator, manualSeed } from "./default-generator.js";
export * from "./init.js";
