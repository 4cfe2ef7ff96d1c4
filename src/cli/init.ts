// `nninit init <model>`: check the config (keys, types, size, values) before anything is built,
// then draw every tensor from the seed and write a safetensors checkpoint (one file, or Hugging
// Face shards + index), plus config.json for Hugging Face models, as one set: written under
// temporary names, then renamed into place (write-set.ts). Nothing existing is written over
// without --force (output.ts).

import { readFile } from "node:fs/promises";
import { totalmem } from "node:os";
import { DTYPES, type Dtype } from "../dtype.js";
import { resolveConfig, buildRecipe, familyOf, TensorLawError, type ModelRecipe } from "../models/index.js";
import { parseSize } from "../io/shards.js";
import { parseArgs, flag, intFlag, parseSet, UsageError, type Parsed } from "./args.js";
import { cannotDraw, checkFloatKeys, checkOverrides, checkSize, checkValues, estimate, unknownFileKeys } from "./config-check.js";
import { taskPlace, type TaskPlace } from "./job-array.js";
import { formatBytes } from "./progress.js";
import { machineThreads } from "../parallel/spawn.js";
import { parseSeed } from "../random/seed.js";
import { torchModelOf } from "./torch-init.js";

export const INIT_FLAGS = ["config", "set", "seed", "torch", "dtype", "threads", "max-shard-size", "shard", "output", "force", "dry-run", "json",
  "size-limit", "verbose", "quiet", "help"];

/** The default --size-limit: past it a config is taken for a typo (n_layer=100000000). */
export const DEFAULT_SIZE_LIMIT = "1TB";

export const INIT_USAGE = `nninit init <model> [--config config.json | --set key=value ...] [--seed N] [--torch]
            [--dtype float32|float16|bfloat16] [--threads N] [--max-shard-size 2GB] [--shard k|auto]
            [--force] [--dry-run] [--json] -o PATH

  <model>            a name from \`nninit models\` (gpt2, llama, nanogpt, resnet50, ...); may be left
                     out when --config names it by model_type
  --config FILE      a Hugging Face config.json (or nninit's) whose values override the defaults;
                     keys the model does not read are kept in config.json (--verbose lists them)
  --set key=value    override one config value (repeatable; JSON values: --set n_layer=24); the
                     key must be one of the model's config keys, the value of its type
  --seed N           the generator's seed, an integer in [-2^63, 2^64) (default 0)
  --torch            the torch-exact generator: the values of torch.manual_seed(N); Model(config)
                     (nanogpt, resnet*), parameters and buffers, drawn in memory then written
  --dtype D          float32 (default), float16 or bfloat16
  --threads N        threads generating the values while the file is written (default: by the
                     work's size, up to the machine's parallelism): the calling thread and N - 1
                     workers (1: the calling thread alone); the same bytes for every N. With
                     --torch the torch generator is sequential: it runs on the calling thread
  --max-shard-size S split into Hugging Face shards of at most S (2GB = 2e9 bytes, 2GiB = 2^31)
  --shard k          write only shard k (1-based) of that split: the same bytes as a full run
  --shard auto       a job array's task: SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
                     SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX of JOB_COMPLETIONS
                     (Kubernetes Indexed Job); writes the shards k with (k - 1) mod count = its
                     place; the task owning shard 1 also writes config.json and the index
  -o, --output PATH  a new or empty directory (model.safetensors or shards + index, config.json for
                     HF models), or a new file name ending in .safetensors (that file alone;
                     config.json too only when the directory is new)
  --force            replace what -o holds: the previous checkpoint set (shards, index, config)
                     is replaced once the new set is complete (an interrupted run keeps the old)
  --dry-run          print the tensors, bytes, files and an estimated time; write nothing
  --size-limit S     refuse configs whose checkpoint would be larger (default ${DEFAULT_SIZE_LIMIT})
  --json             the summary as JSON on stdout
  --verbose          list the --config keys the model does not read
  -q, --quiet        no progress and no summary`;

/** The parsed request: what to write where. */
export interface InitRequest {
  recipe: ModelRecipe;
  seed: bigint;
  dtype: Dtype;
  torch: boolean;
  output: string;
  /** Threads generating values: 1 = the calling thread (no pool); undefined = by the work's size. */
  threads?: number;
  maxShardBytes?: number;
  /** --shard k (as a place: index k - 1 of one shard) or --shard auto's place. */
  shard?: { k: number } | TaskPlace;
  force: boolean;
  dryRun: boolean;
  json: boolean;
  verbose: boolean;
  /** Keys of the --config file the model does not read. */
  unknownKeys: string[];
}

/** --seed: the library's seed rule (decimal, in [-2^63, 2^64)); 0 when absent. */
function seedFlag(text: string | undefined): bigint {
  if (text === undefined) return 0n;
  try {
    return parseSeed("init", "--seed", text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --config ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message}`);
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config ${path} is not JSON: ${(e as Error).message}`);
  }
  if (file === null || typeof file !== "object" || Array.isArray(file)) throw new UsageError(`--config ${path} must hold a JSON object`);
  return file as Record<string, unknown>;
}

function sizeFlag(p: Parsed, name: string, fallback?: string): number | undefined {
  const text = flag(p, name) ?? fallback;
  if (text === undefined) return undefined;
  try {
    return parseSize(text);
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`);
  }
}

/** Model errors (TypeError/RangeError naming the key) as usage errors. */
function asUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}

export async function parseInit(argv: readonly string[]): Promise<InitRequest> {
  const p = parseArgs(argv, INIT_FLAGS);
  const [model, ...extra] = p.positional;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const configPath = flag(p, "config");
  const file = configPath === undefined ? undefined : await readConfigFile(configPath);
  if (model === undefined && file === undefined) throw new UsageError("name a model (nninit init gpt2 -o out) or give --config config.json");
  const overrides = Object.fromEntries((p.flags.get("set") ?? []).map(parseSet));
  const base = asUsage(() => resolveConfig(model, file));
  const family = familyOf(String(base.model_type));
  checkOverrides(family.name, base, overrides);
  const config = resolveConfig(model, file, overrides);
  const dtype = flag(p, "dtype") ?? "float32";
  if (!(DTYPES as readonly string[]).includes(dtype)) throw new UsageError(`--dtype must be one of ${DTYPES.join(", ")}, got ${JSON.stringify(dtype)}`);
  // sizes from the config before the recipe is built: a huge layer count costs nothing; building
  // computes each tensor's law, so a value its initializer refuses is named by its config key
  checkFloatKeys(family.name, config);
  const size = asUsage(() => {
    try {
      return estimate(family.name, config, buildRecipe);
    } catch (error) {
      if (error instanceof TensorLawError) throw cannotDraw(family.name, config, error.tensor, dtype as Dtype, error.reason.message);
      throw error;
    }
  });
  checkSize(size, dtype === "float32" ? 4 : 2, sizeFlag(p, "size-limit", DEFAULT_SIZE_LIMIT)!, "--size-limit");
  const recipe = asUsage(() => buildRecipe(config));
  checkValues(family.name, config, recipe, dtype as Dtype);
  const torch = p.flags.has("torch");
  // Whether --torch applies is the registry's answer (src/models); torchModelOf refuses the rest.
  if (torch) torchModelOf(recipe);
  // --torch draws the whole state dict in memory (float32) before writing it
  if (torch && size.parameters * 4 > totalmem() / 2) {
    throw new UsageError(`--torch draws the whole model in memory first: ${formatBytes(size.parameters * 4)} of float32, more than half of this machine's ${formatBytes(totalmem())}; leave out --torch (nninit's generator streams)`);
  }
  // The torch generator draws sequentially: it cannot be split across workers.
  const requested = intFlag(p, "threads", 1, 256);
  const threads = torch ? 1 : requested;
  const output = flag(p, "output");
  if (output === undefined) throw new UsageError("-o PATH is required (a directory, or a file name ending in .safetensors)");
  const maxShardBytes = sizeFlag(p, "max-shard-size");
  if (maxShardBytes !== undefined && output.endsWith(".safetensors")) {
    throw new UsageError("--max-shard-size writes shards into a directory: give -o a directory, not a .safetensors file");
  }
  const shardText = flag(p, "shard");
  let shard: InitRequest["shard"];
  if (shardText !== undefined) {
    if (maxShardBytes === undefined) throw new UsageError(`--shard ${shardText} needs --max-shard-size (the split it picks from)`);
    shard = shardText === "auto" ? taskPlace(process.env) : { k: intFlag(p, "shard", 1)! };
  }
  return {
    recipe, seed: seedFlag(flag(p, "seed")), dtype: dtype as Dtype, torch, output, threads, maxShardBytes, shard,
    force: p.flags.has("force"), dryRun: p.flags.has("dry-run"), json: p.flags.has("json"), verbose: p.flags.has("verbose"),
    unknownKeys: file ? unknownFileKeys(family.name, family.defaults, file) : [],
  };
}

/**
 * The default thread count: one thread below THREADS_MIN_VALUES, where a pool costs more than it
 * gains, else the machine's parallelism. The pool's fixed cost: its workers' start-up (~0.1 s of
 * CPU each) and a barrier per 2 MiB chunk; on a quiet 2-core machine GPT-2 small (124M values)
 * took 0.59 s on one thread and 1.05 s on two (issue 21), a 0.46 s overhead. One thread draws
 * and writes ~210M bf16 values a second there; with a two-thread speed-up of ~1.6 the pool saves
 * 0.375 of the one-thread time, which passes 0.46 s from ~1.2 s, ~256M values. Under heavy load
 * (load 12 on 2 cores) two threads were also faster in wall time for llama-1b (1.1G values:
 * 20.9-24.1 s against 23.8-28.0 s), costing 0.3-0.7 s more CPU.
 */
export function defaultThreads(values: number): number {
  return values < THREADS_MIN_VALUES ? 1 : machineThreads();
}

/** Values below which the default is one thread (see defaultThreads). */
export const THREADS_MIN_VALUES = 256e6;
