// stateDict(model, config, { seed }): the parameters `torch.manual_seed(seed); Model(config)` has,
// by torch's names, without torch.

import { options, typeError, rangeError, oneOf } from "../../validate.js";
import { checkSeed } from "../../random/seed.js";
import { execute, checkGenerator } from "../modules/run.js";
import { flag } from "../modules/check.js";
import { TorchGenerator, type TorchBuild } from "../modules/torch-ops.js";
import { TORCH_VERSIONS, type TorchVersion } from "../generator.js";
import type { Plan } from "../modules/plan.js";
import type { NamedTensors, NamedTensorsWithBuffers } from "../modules/tensor.js";
import { gptConfig, planNanoGPT, GPT_CONFIG_KEYS, type GPTConfig } from "./nanogpt.js";
import { RESNETS, RESNET_CONFIG_KEYS, resnetConfig, planResNet, type ResNetConfig, type ResNetName } from "./resnet.js";
import { planHfGPT2, HF_GPT2_KEYS, type HfGPT2Config } from "./hf-gpt2.js";
import { planHfLlama, HF_LLAMA_KEYS, type HfLlamaConfig } from "./hf-llama.js";
import { TRANSFORMERS_VERSIONS, type TransformersVersion } from "./hf-config.js";

/**
 * The models `stateDict` replays (nninit's CLI recipes are another list: src/models).
 *
 * @example
 * ```ts
 * import { REPLAYED_MODELS } from "nninit/torch";
 * console.log(REPLAYED_MODELS); // [ "nanogpt", "resnet18", ..., "resnet152", "gpt2", "llama" ]
 * ```
 */
export const REPLAYED_MODELS = ["nanogpt", ...Object.keys(RESNETS), "gpt2", "llama"] as readonly ModelName[];

/** A model {@link stateDict} replays: one of {@link REPLAYED_MODELS}. */
export type ModelName = "nanogpt" | ResNetName | "gpt2" | "llama";

/**
 * The config keys each replay reads (a config.json's other keys are left out by the CLI).
 *
 * @example
 * ```ts
 * import { REPLAY_CONFIG_KEYS } from "nninit/torch";
 * console.log(REPLAY_CONFIG_KEYS.nanogpt); // the GPTConfig keys stateDict("nanogpt", config) reads
 * ```
 */
export const REPLAY_CONFIG_KEYS: Record<ModelName, readonly string[]> = {
  nanogpt: GPT_CONFIG_KEYS,
  ...(Object.fromEntries(Object.keys(RESNETS).map((m) => [m, RESNET_CONFIG_KEYS])) as unknown as Record<ResNetName, readonly string[]>),
  gpt2: HF_GPT2_KEYS,
  llama: HF_LLAMA_KEYS,
};

/** Each model's config type. */
export interface ModelConfigs {
  nanogpt: GPTConfig;
  resnet18: ResNetConfig;
  resnet34: ResNetConfig;
  resnet50: ResNetConfig;
  resnet101: ResNetConfig;
  resnet152: ResNetConfig;
  gpt2: HfGPT2Config;
  llama: HfLlamaConfig;
}

/** Options of {@link stateDict}: a seed (with the build and version to match) or a generator, the transformers version, and whether to include buffers. */
export interface StateDictOptions {
  /** The seed given to `torch.manual_seed` (number or bigint; default torch's 67280421310721). */
  seed?: number | bigint;
  /** Which torch kernel build to match, as `new TorchGenerator(seed, { build })` (default "avx2"). */
  build?: TorchBuild;
  /** Which torch's semantics, as `new TorchGenerator(seed, { version })` (default "2.13"). */
  version?: TorchVersion;
  /**
   * Draw from this generator instead of a fresh one (as `torch.manual_seed` once, then several
   * models); it moves as torch's would. Not with seed or build.
   */
  generator?: TorchGenerator;
  /** Also return the buffers, in `state_dict()` order (default false). */
  buffers?: boolean;
  /**
   * For `"gpt2"` and `"llama"`: which transformers' `from_config` to follow, `"5.18"` (the
   * default) or `"4.57"`. They differ only at `initializer_range: 0` (5.18 draws Embedding and
   * Linear weights with std 0.02 there, 4.57 makes them zeros).
   */
  transformers?: TransformersVersion;
}


/**
 * The checked plan of a model (exported for tools that list a model's tensors without drawing).
 * `transformers`: the version for gpt2 and llama (default the newest); refused for other models.
 */
export function modelPlan(fn: string, model: unknown, config: unknown, transformers?: TransformersVersion): Plan {
  if (typeof model !== "string") throw typeError(fn, "model", `one of ${REPLAYED_MODELS.map((m) => JSON.stringify(m)).join(", ")}`, model);
  const hf = transformers ?? TRANSFORMERS_VERSIONS[TRANSFORMERS_VERSIONS.length - 1];
  if (model === "gpt2") return planHfGPT2(fn, config, hf);
  if (model === "llama") return planHfLlama(fn, config, hf);
  if (transformers !== undefined && REPLAYED_MODELS.includes(model as ModelName)) {
    throw new TypeError(`${fn}: options.transformers is for "gpt2" and "llama" (transformers' from_config), not ${JSON.stringify(model)}`);
  }
  if (model === "nanogpt") return planNanoGPT(gptConfig(fn, config));
  if (Object.hasOwn(RESNETS, model)) return planResNet(model as ResNetName, resnetConfig(fn, model as ResNetName, config));
  throw rangeError(fn, "model", `one of ${REPLAYED_MODELS.map((m) => JSON.stringify(m)).join(", ")}`, model);
}

/**
 * The initial parameters of a model as `torch.manual_seed(seed); model = Model(config)` makes
 * them on the CPU, bit for bit, keyed by torch's names in `model.named_parameters()` order (a tied
 * weight once, under the first name torch lists it by). With `buffers: true`, the buffers too,
 * in `model.state_dict()` order.
 *
 * Models: `"nanogpt"` (karpathy/nanoGPT's `GPT(GPTConfig(**config))`, config keys as in
 * GPTConfig: block_size, vocab_size, n_layer, n_head, n_embd, dropout, bias) and torchvision
 * 0.14's `"resnet18"`, `"resnet34"`, `"resnet50"`, `"resnet101"`, `"resnet152"` (config keys:
 * num_classes, zero_init_residual); Hugging Face transformers' `"gpt2"` and `"llama"` as
 * `torch.manual_seed(seed); AutoModelForCausalLM.from_config(GPT2Config(**config) /
 * LlamaConfig(**config))` (transformers 5.18, or 4.57 with `transformers: "4.57"`; config keys
 * as config.json spells them, defaults as the config classes': GPT-2 small and Llama 2 7B). A tied lm_head.weight is listed once,
 * under the embedding's name (it is the same tensor in torch).
 *
 * @example
 * ```ts
 * import { stateDict } from "nninit/torch";
 * const sd = stateDict("nanogpt", { n_layer: 2, n_head: 2, n_embd: 32, block_size: 16, vocab_size: 65 }, { seed: 1337 });
 * console.log(sd.get("transformer.h.0.attn.c_attn.weight")?.shape); // [ 96, 32 ]
 * ```
 */
export function stateDict<M extends ModelName>(model: M, config?: ModelConfigs[M], opts?: StateDictOptions & { buffers?: false }): NamedTensors;
export function stateDict<M extends ModelName>(model: M, config: ModelConfigs[M] | undefined, opts: StateDictOptions): NamedTensorsWithBuffers;
export function stateDict(model: ModelName, config?: object, opts?: StateDictOptions): NamedTensorsWithBuffers {
  const fn = "stateDict";
  const own = options<StateDictOptions>(fn, opts, ["seed", "build", "version", "buffers", "generator", "transformers"]);
  const transformers = own.transformers === undefined ? undefined : oneOf(fn, "transformers", own.transformers, TRANSFORMERS_VERSIONS);
  const build = own.build === undefined ? undefined : oneOf(fn, "build", own.build, ["avx2", "default"] as const);
  const version = own.version === undefined ? undefined : oneOf(fn, "version", own.version, TORCH_VERSIONS);
  const buffers = flag(fn, "buffers", own.buffers, false);
  const seed = own.seed === undefined ? undefined : checkSeed(fn, own.seed);
  let generator: TorchGenerator | undefined;
  if (own.generator !== undefined) {
    if (seed !== undefined || build !== undefined || version !== undefined) throw new TypeError(`${fn}: give either generator or seed/build/version, not both`);
    generator = checkGenerator(fn, own.generator);
  }
  const plan = modelPlan(fn, model, config, transformers);
  return execute(fn, plan, generator ?? new TorchGenerator(seed, { build, version }), buffers);
}
