// The built-in recipes, by name, and how a config (defaults, a config.json, --set overrides)
// becomes a recipe. A Hugging Face config.json picks its recipe by `model_type`.

import { gpt2, GPT2_DEFAULTS, GPT2_PRESETS } from "./gpt2.js";
import { llama, LLAMA_DEFAULTS, LLAMA_PRESETS } from "./llama.js";
import { nanogpt, NANOGPT_DEFAULTS } from "./nanogpt.js";
import { resnet, RESNET_DEFAULTS, RESNET_LAYERS } from "./resnet.js";
import type { ModelRecipe } from "./recipe.js";
import { LLAMA_FAMILY, familyDefaults } from "./llama-family.js";

export { parameterCount, tensorSources, numelOf, TensorLawError, type ModelRecipe, type TensorRecipe, type Law } from "./recipe.js";

type Build = (config: Record<string, unknown>, int: (key: string) => number, num: (key: string) => number) => ModelRecipe;

/**
 * How a family is replayed by nninit/torch's stateDict (`nninit init --torch`): the stateDict
 * model for a resolved config, and whose code torch runs to make it (torch's and torchvision's own
 * constructors, or transformers' `AutoModelForCausalLM.from_config`).
 */
export interface TorchReplay {
  source: "torch" | "transformers";
  model: (config: Record<string, unknown>) => string;
}

interface Family {
  defaults: Record<string, unknown>;
  /** The tape recipe (nninit's own generator): every family has one. */
  build: Build;
  /** The torch replay, when there is one. */
  torch?: TorchReplay;
  description: string;
}

const FAMILIES: Record<string, Family> = {
  gpt2: { defaults: GPT2_DEFAULTS, build: gpt2, torch: { source: "transformers", model: () => "gpt2" }, description: "Hugging Face GPT2LMHeadModel" },
  llama: { defaults: LLAMA_DEFAULTS, build: llama, torch: { source: "transformers", model: () => "llama" }, description: "Hugging Face LlamaForCausalLM" },
  nanogpt: { defaults: NANOGPT_DEFAULTS, build: nanogpt, torch: { source: "torch", model: () => "nanogpt" }, description: "karpathy/nanoGPT GPT" },
  resnet: { defaults: RESNET_DEFAULTS, build: resnet, torch: { source: "torch", model: (c) => `resnet${c.depth}` }, description: "torchvision ResNet" },
  // Llama-shaped Hugging Face architectures (./llama-family.ts): one row each
  ...Object.fromEntries(Object.entries(LLAMA_FAMILY).map(([type, row]) => [type, {
    defaults: familyDefaults(type), build: (c, int, num) => llama(c, int, num, row.shape), description: `Hugging Face ${row.architecture}`,
  } satisfies Family])),
};

/**
 * Every model name `nninit init` accepts: family, preset overrides.
 *
 * @example
 * ```ts
 * import { MODELS } from "nninit/checkpoint";
 * console.log(Object.keys(MODELS)); // [ "gpt2", "gpt2-medium", ..., "llama", ..., "resnet152" ]
 * console.log(MODELS["gpt2-medium"]); // { family: "gpt2", overrides: { n_embd: 1024, ... } }
 * ```
 */
export const MODELS: Record<string, { family: string; overrides: Record<string, unknown> }> = {
  ...Object.fromEntries(Object.entries(GPT2_PRESETS).map(([name, o]) => [name, { family: "gpt2", overrides: o }])),
  ...Object.fromEntries(Object.entries(LLAMA_PRESETS).map(([name, o]) => [name, { family: "llama", overrides: o }])),
  nanogpt: { family: "nanogpt", overrides: {} },
  ...Object.fromEntries(Object.keys(LLAMA_FAMILY).map((type) => [type, { family: type, overrides: {} }])),
  ...Object.fromEntries(Object.keys(RESNET_LAYERS).map((name) => [name, { family: "resnet", overrides: { depth: Number(name.slice(6)) } }])),
};

/** Every model_type a config.json may name. */
export const MODEL_TYPES: readonly string[] = Object.keys(FAMILIES);

/** The family of a model name or model_type. */
export function familyOf(name: string): Family & { name: string } {
  const model = MODELS[name];
  const family = model ? model.family : name;
  const f = FAMILIES[family];
  if (!f) throw new RangeError(`unknown model ${JSON.stringify(name)}; known models: ${Object.keys(MODELS).join(", ")} (nninit models lists them)`);
  return { ...f, name: family };
}

/**
 * The config of model `name` (or, when `name` is undefined, of `file`'s model_type): the family's
 * defaults, then the preset, then `file` (a parsed config.json), then `overrides` (--set).
 *
 * @example
 * ```ts
 * import { resolveConfig } from "nninit/checkpoint";
 * const config = resolveConfig("gpt2", undefined, { n_layer: 2 }); // defaults, then the preset, then overrides
 * console.log(config.model_type, config.n_layer, config.n_embd); // gpt2 2 768
 * ```
 */
export function resolveConfig(name: string | undefined, file?: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const key = name ?? (typeof file?.model_type === "string" ? file.model_type : undefined);
  if (key === undefined) throw new RangeError("the config has no model_type; name the model (nninit init gpt2 --config config.json)");
  if (name === undefined && !MODELS[key] && !FAMILIES[key]) {
    throw new RangeError(`the config's model_type ${JSON.stringify(key)} is not supported; supported model types: ${MODEL_TYPES.join(", ")}`);
  }
  const family = familyOf(key);
  if (file && typeof file.model_type === "string" && file.model_type !== family.name) {
    throw new RangeError(`the config's model_type is ${JSON.stringify(file.model_type)}, but the model asked for is ${JSON.stringify(key)} (a ${family.name})`);
  }
  return { ...family.defaults, ...(MODELS[key]?.overrides ?? {}), ...(file ?? {}), ...overrides, model_type: family.name };
}

/**
 * The recipe of a resolved config.
 *
 * @example
 * ```ts
 * import { buildRecipe, parameterCount, resolveConfig } from "nninit/checkpoint";
 * const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 64, n_head: 2, vocab_size: 100, n_positions: 32 }));
 * for (const t of recipe.tensors.slice(0, 3)) console.log(t.name, t.shape, t.fn, t.options);
 * console.log(parameterCount(recipe)); // 58560
 * ```
 */
export function buildRecipe(config: Record<string, unknown>): ModelRecipe {
  const family = familyOf(String(config.model_type));
  const num = (key: string): number => {
    const v = config[key];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`${family.name} config: ${key} must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const int = (key: string): number => {
    const v = num(key);
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${family.name} config: ${key} must be a non-negative integer, got ${v}`);
    return v;
  };
  return family.build(config, int, num);
}

/** The torch replay of a resolved config's family, or undefined (tape recipe only). */
export function torchReplayOf(config: Record<string, unknown>): (TorchReplay & { name: string }) | undefined {
  const replay = familyOf(String(config.model_type)).torch;
  return replay && { ...replay, name: replay.model(config) };
}

/**
 * Whether a model family can be built with the torch-exact generator (`--torch`).
 *
 * @example
 * ```ts
 * import { resolveConfig, supportsTorch } from "nninit/checkpoint";
 * console.log(supportsTorch(resolveConfig("gpt2")), supportsTorch(resolveConfig("resnet18"))); // true true: `--torch` builds both
 * ```
 */
export function supportsTorch(config: Record<string, unknown>): boolean {
  return torchReplayOf(config) !== undefined;
}

/** The families `--torch` replays, for messages. */
export function torchFamilies(): string[] {
  return Object.entries(FAMILIES).filter(([, f]) => f.torch).map(([name]) => name);
}

export function modelDescription(name: string): string {
  return familyOf(name).description;
}
