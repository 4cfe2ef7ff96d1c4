// Every bad argument of the module constructors and stateDict: the error type, a message naming
// the function, the argument, the value and what was expected, and a generator that did not move.

import { describe, expect, it } from "vitest";
import { Generator, uniform } from "../../src/index.js";
import * as torch from "../../src/torch/index.js";

const { TorchGenerator } = torch;

/** The next draws of a generator: equal for two generators only if they are at the same place. */
const next = (g: InstanceType<typeof TorchGenerator>) => [...uniform([4], { generator: g })];

type Call = (g: InstanceType<typeof TorchGenerator>) => unknown;
const cases: [string, Call, typeof TypeError | typeof RangeError, RegExp][] = [
  ["linear: a string size", (g) => torch.linear("3" as unknown as number, 4, { generator: g }), TypeError, /^linear: inFeatures must be an integer, got "3"$/],
  ["linear: zero features", (g) => torch.linear(0, 4, { generator: g }), RangeError, /^linear: inFeatures must be an integer >= 1, got 0$/],
  ["linear: fractional features", (g) => torch.linear(3, 4.5, { generator: g }), RangeError, /^linear: outFeatures must be an integer >= 1, got 4.5$/],
  ["linear: a typo in an option", (g) => torch.linear(3, 4, { bais: false, generator: g } as object), TypeError, /^linear: unknown option "bais"; known options are generator, bias$/],
  ["linear: bias not a boolean", (g) => torch.linear(3, 4, { bias: 1 as unknown as boolean, generator: g }), TypeError, /^linear: bias must be a boolean, got 1$/],
  ["linear: the tape Generator", () => torch.linear(3, 4, { generator: new Generator(1) as never }), TypeError, /^linear: generator must be a TorchGenerator made by new TorchGenerator\(\) \(not a Proxy or an object made from its prototype\), got a (Tape)?Generator$/],
  ["bilinear: zero in2", (g) => torch.bilinear(3, 0, 2, { generator: g }), RangeError, /^bilinear: in2Features must be an integer >= 1, got 0$/],
  ["conv2d: kernel of the wrong rank", (g) => torch.conv2d(3, 4, [3], { generator: g }), RangeError, /^conv2d: kernelSize must be an integer >= 1 or an array of 2 such integers, got \[3\]$/],
  ["conv3d: zero in a kernel", (g) => torch.conv3d(3, 4, [3, 0, 3], { generator: g }), RangeError, /^conv3d: kernelSize\[1\] must be an integer >= 1, got 0$/],
  ["conv1d: kernel not a number", (g) => torch.conv1d(3, 4, "3" as unknown as number, { generator: g }), TypeError, /^conv1d: kernelSize must be an integer >= 1 or an array of 1 such integers, got "3"$/],
  ["conv2d: groups not dividing inChannels", (g) => torch.conv2d(3, 4, 3, { groups: 2, generator: g }), RangeError, /^conv2d: inChannels must be divisible by groups \(2\), got 3$/],
  ["convTranspose2d: groups not dividing outChannels", (g) => torch.convTranspose2d(4, 3, 3, { groups: 2, generator: g }), RangeError, /^convTranspose2d: outChannels must be divisible by groups \(2\), got 3$/],
  ["conv2d: stride is not a parameter option", (g) => torch.conv2d(3, 4, 3, { stride: 2, generator: g } as object), TypeError, /^conv2d: unknown option "stride"; known options are generator, groups, bias$/],
  ["embedding: padding row past the end", (g) => torch.embedding(5, 3, { paddingIdx: 5, generator: g }), RangeError, /^embedding: paddingIdx must be an integer in \[-5, 4\], got 5$/],
  ["embedding: padding row before the start", (g) => torch.embedding(5, 3, { paddingIdx: -6, generator: g }), RangeError, /^embedding: paddingIdx must be an integer in \[-5, 4\], got -6$/],
  ["multiheadAttention: heads not dividing embedDim", (g) => torch.multiheadAttention(10, 3, { generator: g }), RangeError, /^multiheadAttention: embedDim must be divisible by numHeads \(3\), got 10$/],
  ["multiheadAttention: zero kdim", (g) => torch.multiheadAttention(8, 2, { kdim: 0, generator: g }), RangeError, /^multiheadAttention: kdim must be an integer >= 1, got 0$/],
  ["lstm: projSize not below hiddenSize", (g) => torch.lstm(4, 6, { projSize: 6, generator: g }), RangeError, /^lstm: projSize must be an integer in \[0, 5\], got 6$/],
  ["gru: projSize is LSTM's", (g) => torch.gru(4, 6, { projSize: 2, generator: g } as object), TypeError, /^gru: unknown option "projSize"; known options are generator, numLayers, bias, bidirectional$/],
  ["rnn: an unknown nonlinearity", (g) => torch.rnn(4, 6, { nonlinearity: "gelu" as "tanh", generator: g }), RangeError, /^rnn: nonlinearity must be one of "tanh", "relu", got "gelu"$/],
  ["rnn: zero layers", (g) => torch.rnn(4, 6, { numLayers: 0, generator: g }), RangeError, /^rnn: numLayers must be an integer >= 1, got 0$/],
  ["layerNorm: an empty shape", () => torch.layerNorm([]), TypeError, /^layerNorm: normalizedShape must be an integer >= 1 or a non-empty array of them, got \[\]$/],
  ["groupNorm: groups not dividing channels", () => torch.groupNorm(4, 6), RangeError, /^groupNorm: numChannels must be divisible by numGroups \(4\), got 6$/],
  ["batchNorm2d: zero features", () => torch.batchNorm2d(0), RangeError, /^batchNorm2d: numFeatures must be an integer >= 1, got 0$/],
  ["batchNorm1d: buffers not a boolean", () => torch.batchNorm1d(3, { buffers: "yes" as unknown as boolean }), TypeError, /^batchNorm1d: buffers must be a boolean, got "yes"$/],
];

describe("module constructors reject bad arguments before drawing", () => {
  for (const [what, call, type, message] of cases) {
    it(what, () => {
      const g = new TorchGenerator(5);
      expect(() => call(g)).toThrow(type);
      expect(() => call(g)).toThrow(message);
      expect(next(g)).toEqual(next(new TorchGenerator(5)));
    });
  }
});

const stateDictCases: [string, () => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
  ["an unknown model", () => torch.stateDict("gpt5" as "nanogpt"), RangeError, /^stateDict: model must be one of "nanogpt", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "gpt2", "llama", got "gpt5"$/],
  ["a GPT-2 config key transformers has but the replay does not build", () => torch.stateDict("gpt2", { add_cross_attention: true }), TypeError, /^stateDict: config.add_cross_attention must be false or absent \(not replayed\), got true$/],
  ["an unknown Llama config key", () => torch.stateDict("llama", { hiden_size: 8 } as never), TypeError, /^stateDict: unknown or unsupported config key "hiden_size" for "llama"/],
  ["a Llama pad_token_id past the vocabulary", () => torch.stateDict("llama", { vocab_size: 10, pad_token_id: 10 }), RangeError, /^stateDict: config.pad_token_id must be an integer in \[0, 9\], got 10$/],
  ["a negative initializer_range", () => torch.stateDict("gpt2", { initializer_range: -1 }), RangeError, /^stateDict: config.initializer_range must be a number >= 0, got -1$/],
  ["generator and seed together", () => torch.stateDict("gpt2", {}, { seed: 1, generator: new TorchGenerator(1) }), TypeError, /^stateDict: give either generator or seed\/build\/version, not both$/],
  ["a model that is not a string", () => torch.stateDict(5 as unknown as "nanogpt"), TypeError, /^stateDict: model must be one of .*, got 5$/],
  ["a config that is not a plain object", () => torch.stateDict("nanogpt", [2] as never), TypeError, /^stateDict: config must be a plain object or undefined, got \[2\]$/],
  ["a typo in a GPTConfig key", () => torch.stateDict("nanogpt", { n_layers: 2 } as object), TypeError, /^stateDict: unknown config key "n_layers" for "nanogpt"; known keys are block_size, vocab_size, n_layer, n_head, n_embd, dropout, bias$/],
  ["a camelCase GPTConfig key", () => torch.stateDict("nanogpt", { nEmbd: 64 } as object), TypeError, /^stateDict: unknown config key "nEmbd" for "nanogpt"/],
  ["n_head not dividing n_embd", () => torch.stateDict("nanogpt", { n_embd: 10, n_head: 3 }), RangeError, /^stateDict: config.n_embd must be divisible by config.n_head \(3\), got 10$/],
  ["a zero vocabulary", () => torch.stateDict("nanogpt", { vocab_size: 0 }), RangeError, /^stateDict: config.vocab_size must be an integer >= 1, got 0$/],
  ["a negative n_layer", () => torch.stateDict("nanogpt", { n_layer: -1 }), RangeError, /^stateDict: config.n_layer must be an integer >= 0, got -1$/],
  ["dropout above 1", () => torch.stateDict("nanogpt", { dropout: 1.5 }), RangeError, /^stateDict: config.dropout must be a number in \[0, 1\], got 1.5$/],
  ["bias not a boolean", () => torch.stateDict("nanogpt", { bias: 0 as unknown as boolean }), TypeError, /^stateDict: config.bias must be a boolean, got 0$/],
  ["a GPT key on a ResNet", () => torch.stateDict("resnet50", { n_layer: 2 } as object), TypeError, /^stateDict: unknown config key "n_layer" for "resnet50"; known keys are num_classes, zero_init_residual$/],
  ["zero classes", () => torch.stateDict("resnet18", { num_classes: 0 }), RangeError, /^stateDict: config.num_classes must be an integer >= 1, got 0$/],
  ["a fractional seed", () => torch.stateDict("nanogpt", { n_layer: 0 }, { seed: 1.5 }), RangeError, /^stateDict: seed must be .*, got 1.5$/],
  ["a string seed", () => torch.stateDict("nanogpt", { n_layer: 0 }, { seed: "1" as unknown as number }), TypeError, /^stateDict: seed must be .*, got "1"$/],
  ["an unknown option", () => torch.stateDict("nanogpt", {}, { sed: 1 } as object), TypeError, /^stateDict: unknown option "sed"; known options are seed, build, version, buffers, generator, transformers$/],
  ["an unknown build", () => torch.stateDict("nanogpt", {}, { build: "neon" as "avx2" }), RangeError, /^stateDict: build must be one of "avx2", "default", got "neon"$/],
  ["buffers not a boolean", () => torch.stateDict("nanogpt", {}, { buffers: 1 as unknown as boolean }), TypeError, /^stateDict: buffers must be a boolean, got 1$/],
];

describe("stateDict validates the model name, config keys and options", () => {
  for (const [what, call, type, message] of stateDictCases) {
    it(what, () => {
      expect(call).toThrow(type);
      expect(call).toThrow(message);
    });
  }
});
