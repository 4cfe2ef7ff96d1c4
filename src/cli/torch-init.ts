// `nninit init <nanogpt|resnet*> --torch`: the tensors of `torch.manual_seed(seed); Model(config)`
// as nninit/torch's stateDict replays them, bit for bit: parameters and buffers in
// `model.state_dict()` order (BatchNorm's running stats and int64 num_batches_tracked, nanoGPT's
// causal mask as torch 1.13 registers it), a tied weight once (nanoGPT's lm_head.weight is
// transformer.wte.weight). torch's generator is sequential, so the whole state dict is drawn in
// memory first (resnet152: 60M values, 240 MB; nanoGPT's default GPT-2 small: 124M, 500 MB), then
// written chunk by chunk. float16/bfloat16 round the float32 values to nearest even, as
// `model.to(dtype)` does (floating buffers too); the int64 counters stay int64.

import { stateDict, type ModelName } from "../torch/index.js";
import { convertToHalf } from "../random/sample.js";
import type { Dtype } from "../dtype.js";
import type { ModelRecipe } from "../models/index.js";
import type { TensorSource } from "../io/write.js";
import { UsageError } from "./args.js";

/** GPTConfig's fields (nanoGPT model.py): the keys of a nanogpt config that reach the model. */
const GPT_CONFIG_KEYS = ["block_size", "vocab_size", "n_layer", "n_head", "n_embd", "dropout", "bias"];
/** torchvision resnet*()'s keyword arguments that nninit replays. */
const RESNET_KEYS = ["num_classes", "zero_init_residual"];

function pick(config: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => config[k] !== undefined).map((k) => [k, config[k]]));
}

/** The stateDict model and config of a recipe that supports --torch. */
export function torchModelOf(recipe: ModelRecipe): { model: ModelName; config: Record<string, unknown> } {
  if (recipe.recipe === "nanogpt") return { model: "nanogpt", config: pick(recipe.config, GPT_CONFIG_KEYS) };
  if (/^resnet\d+$/.test(recipe.recipe)) return { model: recipe.recipe as ModelName, config: pick(recipe.config, RESNET_KEYS) };
  throw new UsageError(`--torch works for nanogpt and resnet18/34/50/101/152; ${recipe.recipe} has no torch recipe`);
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
