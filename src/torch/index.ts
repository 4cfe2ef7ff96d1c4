/**
 * The same weights as PyTorch: `TorchGenerator` is torch's CPU generator, so nninit's
 * initializers given one draw what `torch.nn.init` draws for the same seed, bit for bit on x86-64
 * builds; the torch.nn layer constructors (`linear`, `conv2d`, `lstm`, ...) and `stateDict`
 * (nanoGPT, torchvision ResNets, Hugging Face GPT-2 and Llama) give a module's or a whole model's
 * initial parameters in torch's order; the initializers here default to torch's default generator
 * (`manualSeed`).
 *
 * Guides: [the same weights as PyTorch](https://unpkg.com/nninit@0.2.0/docs/torch.md),
 * [PyTorch's CPU generator and kernels](https://unpkg.com/nninit@0.2.0/docs/torch-cpu-rng.md).
 *
 * @example
 * ```ts
 * import { linear, manualSeed, stateDict } from "nninit/torch";
 * manualSeed(0);
 * const fc = linear(784, 256); // torch.manual_seed(0); nn.Linear(784, 256)
 * const sd = stateDict("nanogpt", { n_layer: 2, n_head: 2, n_embd: 32, block_size: 16, vocab_size: 65 }, { seed: 1337 });
 * ```
 *
 * @module nninit/torch
 */

export { TorchGenerator, TORCH_DEFAULT_SEED, TORCH_VERSIONS, type TorchVersion, type TorchSeed, type TorchBuild, type TorchGeneratorOptions, type TorchGeneratorState } from "./generator.js";
// torch.nn layer constructors and whole-model state dicts drawn from a TorchGenerator.
export * from "./modules/index.js";
export * from "./models/index.js";
// torch's default generator (torch.manual_seed) and the initializers that default to it.
export { defaultGenerator, manualSeed } from "./default-generator.js";
export * from "./init.js";
