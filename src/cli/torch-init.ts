// `nninit init <model> --torch` for the models src/models' registry gives a torch replay (nanogpt,
// resnet*, gpt2*, llama*): the tensors of `torch.manual_seed(seed); Model(config)` (for gpt2 and
// llama: `AutoModelForCausalLM.from_config(config)` under transformers 5.18) as nninit/torch's
// stateDict replays them, bit for bit: parameters and buffers in
// `model.state_dict()` order (BatchNorm's running stats and int64 num_batches_tracked, nanoGPT's
// causal mask as torch 1.13 registers it), a tied weight once (nanoGPT's lm_head.weight is
// transformer.wte.weight). torch's generator is sequential, so the whole state dict is drawn in
// memory first (resnet152: 60M values, 240 MB; nanoGPT's default GPT-2 small: 124M, 500 MB), then
// written chunk by chunk. float16/bfloat16 round the float32 values to nearest even, as
// `model.to(dtype)` does (floating buffers too); the int64 counters stay int64.

import { stateDict, REPLAY_CONFIG_KEYS, type ModelName } from "../torch/index.js";
import { modelPlan } from "../torch/models/state-dict.js";
import { convertToHalf } from "../random/sample.js";
import type { Dtype } from "../dtype.js";
import { torchReplayOf, torchFamilies, type ModelRecipe } from "../models/index.js";
import type { TensorSource } from "../io/write.js";
import { UsageError } from "./args.js";

/**
 * The stateDict model and config of a recipe that supports --torch (the registry in src/models
 * decides which), checked as stateDict checks it (nothing drawn): a config the replay refuses is
 * a usage error before any file is opened.
 */
export function torchModelOf(recipe: ModelRecipe): { model: ModelName; config: Record<string, unknown> } {
  const replay = torchReplayOf(recipe.config);
  if (replay === undefined) throw new UsageError(`--torch works for ${torchFamilies().join(", ")}; ${recipe.recipe} has no torch replay`);
  const model = replay.name as ModelName;
  const keys = REPLAY_CONFIG_KEYS[model];
  const config = Object.fromEntries(keys.filter((k) => recipe.config[k] !== undefined).map((k) => [k, recipe.config[k]]));
  try {
    modelPlan("stateDict", model, config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { model, config };
}

/** The tensors `--torch` writes, as sources for the safetensors writer. */
export function torchTensorSources(recipe: ModelRecipe, seed: bigint, dtype: Dtype): TensorSource[] {
  const { model, config } = torchModelOf(recipe);
  let tensors: ReturnType<typeof stateDict>;
  try {
    tensors = stateDict(model, config as never, { seed, buffers: true });
  } catch (e) {
    // a config torch would refuse (n_embd not divisible by n_head, a bad value): a usage error
    throw new UsageError((e as Error).message);
  }
  return [...tensors].map(([name, t]) => {
    const data = t.data;
    if (data instanceof BigInt64Array) {
      return { name, shape: t.shape, dtype: "int64", fill: (out, s, e) => (out as BigInt64Array).set(data.subarray(s, e)) };
    }
    return {
      name, shape: t.shape, dtype,
      fill(out, s, e) {
        if (dtype === "float32") (out as Float32Array).set(data.subarray(s, e));
        else convertToHalf(data.subarray(s, e), out as Uint16Array, 0, dtype);
      },
    };
  });
}
