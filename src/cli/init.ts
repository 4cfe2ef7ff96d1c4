// `nninit init <model>`: build a recipe from its config, draw every tensor from the seed, and
// write a safetensors checkpoint (one file, or Hugging Face shards + index), plus config.json for
// Hugging Face models. Files appear under their final names only when complete.

import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DTYPES, type Dtype } from "../dtype.js";
import { NNINIT_VERSION } from "../version.js";
import { resolveConfig, buildRecipe, supportsTorch, tensorSources, parameterCount, type ModelRecipe } from "../models/index.js";
import { writeSafetensorsFile, writeFileAtomically } from "../io/node.js";
import { safetensorsLayout, type TensorSource } from "../io/write.js";
import { tensorBytes, SAFETENSORS_DTYPE } from "../io/format.js";
import { planShards, shardFileName, shardIndexJson, parseSize, INDEX_FILE_NAME } from "../io/shards.js";
import { parseArgs, flag, intFlag, parseSet, UsageError } from "./args.js";
import { progress, formatBytes } from "./progress.js";
import { createPool, type Pool } from "../parallel/pool.js";
import { machineThreads } from "../parallel/spawn.js";
import { poolTensorSources } from "./pool-sources.js";
import { torchTensorSources } from "./torch-init.js";
import type { Context } from "./context.js";

export const INIT_FLAGS = ["config", "set", "seed", "torch", "dtype", "threads", "max-shard-size", "shard", "output", "quiet", "help"];

export const INIT_USAGE = `nninit init <model> [--config config.json | --set key=value ...] [--seed N] [--torch]
            [--dtype float32|float16|bfloat16] [--threads N] [--max-shard-size 2GB] [--shard k] -o PATH

  <model>            a name from \`nninit models\` (gpt2, llama, nanogpt, resnet50, ...); may be left
                     out when --config names it by model_type
  --config FILE      a Hugging Face config.json (or nninit's) whose values override the defaults
  --set key=value    override one config value (repeatable; JSON values: --set n_layer=24)
  --seed N           the generator's seed, an integer in [-2^63, 2^64) (default 0)
  --torch            the torch-exact generator: the values of torch.manual_seed(N); Model(config)
                     (nanogpt, resnet*), parameters and buffers, drawn in memory then written
  --dtype D          float32 (default), float16 or bfloat16
  --threads N        threads generating the values while the file is written (default: the
                     machine's parallelism): the calling thread and N - 1 workers (1: the
                     calling thread alone); the same bytes for every N. With --torch the torch
                     generator is sequential: it runs on the calling thread whatever N is
  --max-shard-size S split into Hugging Face shards of at most S (2GB = 2e9 bytes, 2GiB = 2^31)
  --shard k          write only shard k (1-based) of that split: the same bytes as a full run
  -o, --output PATH  a directory (model.safetensors or shards + index, config.json for HF models),
                     or a file name ending in .safetensors
  -q, --quiet        no progress and no summary`;

/** The parsed request: what to write where. */
export interface InitRequest {
  recipe: ModelRecipe;
  seed: bigint;
  dtype: Dtype;
  torch: boolean;
  output: string;
  /** Threads generating values: 1 = the calling thread (no pool). */
  threads: number;
  maxShardBytes?: number;
  shard?: number;
}

function parseSeed(text: string | undefined): bigint {
  if (text === undefined) return 0n;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(text)}`);
  const s = BigInt(text);
  if (s < -(1n << 63n) || s >= 1n << 64n) throw new UsageError(`--seed must be in [-2^63, 2^64), got ${text}`);
  return s;
}

export async function parseInit(argv: readonly string[]): Promise<InitRequest> {
  const p = parseArgs(argv, INIT_FLAGS);
  const [model, ...extra] = p.positional;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const configPath = flag(p, "config");
  let file: Record<string, unknown> | undefined;
  if (configPath !== undefined) {
    let text: string;
    try {
      text = await readFile(configPath, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read --config ${configPath}: ${(e as Error).message}`);
    }
    try {
      file = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--config ${configPath} is not JSON: ${(e as Error).message}`);
    }
    if (file === null || typeof file !== "object" || Array.isArray(file)) throw new UsageError(`--config ${configPath} must hold a JSON object`);
  }
  if (model === undefined && file === undefined) throw new UsageError("name a model (nninit init gpt2 -o out) or give --config config.json");
  const overrides = Object.fromEntries((p.flags.get("set") ?? []).map(parseSet));
  let recipe: ModelRecipe;
  try {
    recipe = buildRecipe(resolveConfig(model, file, overrides));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dtype = flag(p, "dtype") ?? "float32";
  if (!(DTYPES as readonly string[]).includes(dtype)) throw new UsageError(`--dtype must be one of ${DTYPES.join(", ")}, got ${JSON.stringify(dtype)}`);
  const torch = p.flags.has("torch");
  if (torch && !supportsTorch(recipe.config)) {
    throw new UsageError(`--torch works for nanogpt and resnet* (models torch builds with its own generator); ${recipe.recipe} is a Hugging Face model, drawn from nninit's generator`);
  }
  // The torch generator draws sequentially: it cannot be split across workers.
  const requested = intFlag(p, "threads", 1, 256);
  const threads = torch ? 1 : (requested ?? machineThreads());
  const output = flag(p, "output");
  if (output === undefined) throw new UsageError("-o PATH is required (a directory, or a file name ending in .safetensors)");
  const size = flag(p, "max-shard-size");
  let maxShardBytes: number | undefined;
  if (size !== undefined) {
    try {
      maxShardBytes = parseSize(size);
    } catch (e) {
      throw new UsageError(`--max-shard-size: ${(e as Error).message}`);
    }
    if (output.endsWith(".safetensors")) throw new UsageError("--max-shard-size writes shards into a directory: give -o a directory, not a .safetensors file");
  }
  const shard = intFlag(p, "shard", 1);
  if (shard !== undefined && maxShardBytes === undefined) throw new UsageError("--shard k needs --max-shard-size (the split it picks from)");
  return { recipe, seed: parseSeed(flag(p, "seed")), dtype: dtype as Dtype, torch, output, threads, maxShardBytes, shard };
}

/** The checkpoint's __metadata__: enough for `inspect` to rebuild the recipe and its laws. */
export function checkpointMetadata(req: InitRequest): Record<string, string> {
  return {
    format: "pt",
    nninit_version: NNINIT_VERSION,
    nninit_recipe: req.recipe.recipe,
    nninit_seed: String(req.seed),
    nninit_dtype: req.dtype,
    nninit_generator: req.torch ? "torch" : "tape",
    nninit_config: JSON.stringify(req.recipe.config),
  };
}

/** One file to write: its path and tensors. */
interface Planned {
  path: string;
  tensors: TensorSource[];
}

/** The files of a request: one file, or the shards (only shard k with --shard k), plus the small JSON files. */
export function planFiles(req: InitRequest, pool?: Pool, signal?: AbortSignal): { files: Planned[]; json: { path: string; text: string }[]; shards: number } {
  const sources = req.torch ? torchTensorSources(req.recipe, req.seed, req.dtype)
    : pool ? poolTensorSources(req.recipe, req.seed, req.dtype, pool, signal) : tensorSources(req.recipe, req.seed, req.dtype);
  const single = req.output.endsWith(".safetensors");
  const dir = single ? dirname(req.output) : req.output;
  const json: { path: string; text: string }[] = [];
  if (req.recipe.huggingFace) {
    const config = { ...req.recipe.config, torch_dtype: req.dtype };
    json.push({ path: join(dir, "config.json"), text: `${JSON.stringify(config, null, 2)}\n` });
  }
  const bytes = sources.map((s) => tensorBytes({ name: s.name, dtype: SAFETENSORS_DTYPE[s.dtype], shape: s.shape }));
  const total = bytes.reduce((a, b) => a + b, 0);
  if (req.maxShardBytes === undefined || total <= req.maxShardBytes) {
    if (req.shard !== undefined && req.shard !== 1) throw new UsageError(`--shard ${req.shard}: the checkpoint fits in one file (${formatBytes(total)} <= --max-shard-size), so there is only shard 1`);
    return { files: [{ path: single ? req.output : join(dir, "model.safetensors"), tensors: sources }], json, shards: 1 };
  }
  const plan = planShards(bytes, req.maxShardBytes);
  if (req.shard !== undefined && req.shard > plan.length) throw new UsageError(`--shard ${req.shard}: this split has ${plan.length} shards`);
  const names = sources.map((s) => s.name);
  json.push({ path: join(dir, INDEX_FILE_NAME), text: shardIndexJson(names, bytes, plan) });
  const files = plan.map((indices, k) => ({ path: join(dir, shardFileName(k + 1, plan.length)), tensors: indices.map((i) => sources[i]) }))
    .filter((_, k) => req.shard === undefined || req.shard === k + 1);
  return { files, json, shards: plan.length };
}

export async function runInit(argv: readonly string[], ctx: Context): Promise<void> {
  const req = await parseInit(argv);
  // N threads: this one and N - 1 workers. This thread generates too (pool.help() in the sources),
  // so nothing waits for the workers' start-up (a Node worker takes ~0.1 s of CPU to start here):
  // they start now and take chunks once they can. File writes run on libuv's threads meanwhile.
  const pool = req.threads > 1 ? createPool({ threads: req.threads - 1 }) : undefined;
  try {
    await writeCheckpoint(req, ctx, pool);
  } finally {
    await pool?.close();
  }
}

async function writeCheckpoint(req: InitRequest, ctx: Context, pool: Pool | undefined): Promise<void> {
  const { files, json, shards } = planFiles(req, pool, ctx.signal);
  const metadata = checkpointMetadata(req);
  const dir = req.output.endsWith(".safetensors") ? dirname(req.output) : req.output;
  await mkdir(dir, { recursive: true });
  const totals = files.map((f) => safetensorsLayout(f.tensors, metadata).totalBytes);
  const bytesTotal = totals.reduce((a, b) => a + b, 0);
  const tensorsTotal = files.reduce((a, f) => a + f.tensors.length, 0);
  const bar = progress(`${req.recipe.recipe} ${req.dtype}`, bytesTotal, tensorsTotal, ctx.quiet ? null : ctx.stderr);
  const t0 = performance.now();
  let bytesBefore = 0, tensorsBefore = 0;
  try {
    for (const [i, f] of files.entries()) {
      await writeSafetensorsFile(f.path, f.tensors, {
        metadata,
        signal: ctx.signal,
        shared: pool?.shared,
        onProgress: (p) => bar.update(bytesBefore + p.bytesDone, tensorsBefore + p.tensorsDone),
      });
      bytesBefore += totals[i];
      tensorsBefore += f.tensors.length;
    }
    for (const j of json) await writeFileAtomically(j.path, async (sink) => { await sink.write(new TextEncoder().encode(j.text)); });
  } finally {
    bar.done();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!ctx.quiet) {
    const params = parameterCount(req.recipe);
    const what = shards > 1 ? (req.shard ? `shard ${req.shard} of ${shards}` : `${shards} shards + ${INDEX_FILE_NAME}`) : "1 file";
    ctx.stdout.write(`wrote ${req.recipe.recipe} (${params.toLocaleString("en-US")} parameters, ${req.dtype}, seed ${req.seed}) to ${req.output}: ` +
      `${what}, ${req.threads} thread${req.threads > 1 ? "s" : ""}, ${formatBytes(bytesTotal)} in ${seconds.toFixed(2)} s (${formatBytes(bytesTotal / seconds)}/s)\n`);
  }
}
