// `nninit init`: the parsed request (init.ts) planned into files, checked against what -o holds
// (output.ts), then written as one set (write-set.ts) with a progress bar and a summary, or with
// --dry-run only described.

import { basename } from "node:path";
import { parameterCount } from "../models/index.js";
import { DEFAULT_CHUNK_BYTES, safetensorsLayout, writeSafetensors } from "../io/write.js";
import { INDEX_FILE_NAME } from "../io/shards.js";
import { createPool, type Pool } from "../parallel/pool.js";
import { normal } from "../index.js";
import { UsageError } from "./args.js";
import { parseInit, defaultThreads, type InitRequest } from "./init.js";
import { checkOutput } from "./output.js";
import { checkpointMetadata, configJson, planSet, sourcesOf, type PlannedFile } from "./plan.js";
import { ownsShard } from "./job-array.js";
import { writeSet, type SetFile } from "./write-set.js";
import { progress, formatBytes } from "./progress.js";
import { CommandFailure, type Context } from "./context.js";

const FS_ERRORS: Record<string, string> = {
  EACCES: "permission denied: choose a directory you can write to",
  EPERM: "permission denied: choose a directory you can write to",
  EROFS: "the file system is read-only: choose another directory",
  ENOSPC: "the disk is full: free space or choose another disk",
  EDQUOT: "the disk quota is exceeded: free space or choose another disk",
};

/** What this run writes: its shards (all, --shard k, or a job-array task's share) and small files. */
function chooseFiles(req: InitRequest, files: PlannedFile[], shards: number): { mine: PlannedFile[]; ownsFirst: boolean } {
  const s = req.shard;
  if (s === undefined) return { mine: files, ownsFirst: true };
  if ("k" in s) {
    if (shards === 1 && s.k !== 1) throw new UsageError(`--shard ${s.k}: the checkpoint fits in one file (<= --max-shard-size), so there is only shard 1`);
    if (s.k > shards) throw new UsageError(`--shard ${s.k}: this split has ${shards} shards`);
    return { mine: files.filter((f) => f.k === s.k), ownsFirst: s.k === 1 };
  }
  return { mine: files.filter((f) => ownsShard(s, f.k)), ownsFirst: ownsShard(s, 1) };
}

/** Files from this size on are written in POOL_CHUNK_BYTES chunks when a pool fills them. */
export const POOL_BIG_FILE_BYTES = 1 << 30;
/** 8 MiB: the chunk size of a big file written with a pool. */
export const POOL_CHUNK_BYTES = 8 << 20;

/**
 * The writer's chunk size for a file of `bytes`: with a pool, each chunk is a pool job on top of
 * its fills (a message, claims, promises: ~0.6 ms of CPU a chunk, measured on llama-1b bfloat16
 * with 2 threads, where 8 MiB chunks took the command from 5.2 to 4.7 s of CPU, medians of 8
 * alternated runs at load 11-16). Bigger buffers cost their first touch once (~8 ms a MiB on the
 * benchmark's VM, see DEFAULT_CHUNK_BYTES: ~0.15 s more for the writer's three), which a file pays
 * back from about 0.7 GB on (hence 1 GiB); GPT-2 (0.25 GB), shards below 1 GiB and one-thread runs keep
 * the default.
 */
export function chunkBytesFor(bytes: number, pooled: boolean): number {
  return pooled && bytes >= POOL_BIG_FILE_BYTES ? POOL_CHUNK_BYTES : DEFAULT_CHUNK_BYTES;
}

/** Seconds to draw one value on one thread, measured now (a 1M-value fill, best of 3). */
function secondsPerValue(req: InitRequest): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    normal(1 << 20, { std: 0.02, dtype: req.dtype });
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000 / (1 << 20);
}

export async function runInit(argv: readonly string[], ctx: Context): Promise<void> {
  const req = await parseInit(argv);
  if (req.verbose && req.unknownKeys.length) {
    ctx.stderr.write(`nninit init: --config keys ${req.recipe.recipe} does not read (kept in config.json): ${req.unknownKeys.join(", ")}\n`);
  }
  const params = parameterCount(req.recipe);
  const threads = req.threads ?? (req.torch ? 1 : defaultThreads(params));
  // N threads: this one and N - 1 workers. This thread generates too (pool.help() in the
  // sources), so nothing waits for the workers' start-up: they start now and take chunks once
  // they can. File writes run on libuv's threads meanwhile.
  const pool = threads > 1 && !req.dryRun ? createPool({ threads: threads - 1 }) : undefined;
  try {
    await writeCheckpoint(req, threads, ctx, pool);
  } finally {
    await pool?.close();
  }
}

async function writeCheckpoint(req: InitRequest, threads: number, ctx: Context, pool: Pool | undefined): Promise<void> {
  const sources = sourcesOf(req, pool, ctx.signal);
  const set = planSet(sources, req.maxShardBytes);
  const { mine, ownsFirst } = chooseFiles(req, set.files, set.shards);
  const metadata = checkpointMetadata(req);
  const single = req.output.endsWith(".safetensors");
  if (single) mine[0].name = basename(req.output);
  const small: { name: string; text: string }[] = [];
  if (ownsFirst && set.index) small.push({ name: INDEX_FILE_NAME, text: set.index });
  const wantConfig = ownsFirst && req.recipe.huggingFace;
  const names = [...mine.map((f) => f.name), ...small.map((f) => f.name), ...(wantConfig ? ["config.json"] : [])];
  const target = await checkOutput(req.output, names, { force: req.force, shared: req.shard !== undefined });
  if (wantConfig && target.configAllowed) small.push({ name: "config.json", text: configJson(req) });
  const totals = mine.map((f) => safetensorsLayout(f.tensors, metadata).totalBytes);
  const bytesTotal = totals.reduce((a, b) => a + b, 0);
  const tensorsTotal = mine.reduce((a, f) => a + f.tensors.length, 0);
  const written = [...mine.map((f) => f.name), ...small.map((f) => f.name)];
  const summary = {
    model: req.recipe.recipe, parameters: parameterCount(req.recipe), dtype: req.dtype, seed: String(req.seed), generator: req.torch ? "torch" : "tape",
    output: req.output, files: written, shards: set.shards, tensors: tensorsTotal, bytes: bytesTotal, threads,
  };
  if (req.dryRun) {
    const values = mine.reduce((a, f) => a + f.tensors.reduce((b, t) => b + t.shape.reduce((x, y) => x * y, 1), 0), 0);
    // drawing on `threads` threads (at most the values' worth) plus writing at ~1 GB/s
    const estimate = (values * secondsPerValue(req)) / threads + bytesTotal / 1e9;
    if (req.json) ctx.stdout.write(`${JSON.stringify({ ...summary, dryRun: true, replaced: target.replaced, estimatedSeconds: Number(estimate.toFixed(2)) })}\n`);
    else {
      ctx.stdout.write(`would write ${req.recipe.recipe} (${summary.parameters.toLocaleString("en-US")} parameters, ${req.dtype}, seed ${req.seed}) to ${req.output}:\n` +
        `  ${tensorsTotal} tensors, ${formatBytes(bytesTotal)} in ${written.length} file${written.length > 1 ? "s" : ""} (${written.slice(0, 3).join(", ")}${written.length > 3 ? ", ..." : ""})` +
        `${set.shards > 1 ? `, ${set.shards} shards in the split` : ""}\n` +
        (target.replaced.length ? `  would replace ${target.replaced.join(", ")}\n` : "") +
        `  about ${estimate.toFixed(1)} s on ${threads} thread${threads > 1 ? "s" : ""}; nothing was written (--dry-run)\n`);
    }
    return;
  }
  const bar = progress(`${req.recipe.recipe} ${req.dtype}`, bytesTotal, tensorsTotal, ctx.quiet || req.json ? null : ctx.stderr);
  const t0 = performance.now();
  let bytesBefore = 0, tensorsBefore = 0;
  const setFiles: SetFile[] = [
    ...mine.map((f, i) => ({
      name: f.name,
      async produce(sink: Parameters<SetFile["produce"]>[0]) {
        await writeSafetensors(sink, f.tensors, {
          metadata, signal: ctx.signal, shared: pool?.shared, chunkBytes: chunkBytesFor(totals[i], pool !== undefined),
          onProgress: (p) => bar.update(bytesBefore + p.bytesDone, tensorsBefore + p.tensorsDone),
        });
        bytesBefore += totals[i];
        tensorsBefore += f.tensors.length;
      },
    })),
    ...small.map((f) => ({ name: f.name, produce: async (sink: Parameters<SetFile["produce"]>[0]) => { await sink.write(new TextEncoder().encode(f.text)); } })),
  ];
  try {
    await writeSet(target.dir, target.create, setFiles, target.replaced, ctx.signal);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && !ctx.signal.aborted) {
      const reason = FS_ERRORS[code] ?? `${(error as Error).message.replace(/, \w+ '.*'$/, "")}: check the path`;
      throw new CommandFailure(`cannot write to ${req.output}: ${reason} (${code}); nothing was left there`);
    }
    throw error;
  } finally {
    bar.done();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (req.json) {
    ctx.stdout.write(`${JSON.stringify({ ...summary, seconds: Number(seconds.toFixed(3)) })}\n`);
  } else if (!ctx.quiet) {
    const what = set.shards > 1 ? (req.shard ? `${mine.length} of ${set.shards} shards` : `${set.shards} shards + ${INDEX_FILE_NAME}`) : mine.length ? "1 file" : "nothing (another task writes the file)";
    ctx.stdout.write(`wrote ${req.recipe.recipe} (${summary.parameters.toLocaleString("en-US")} parameters, ${req.dtype}, seed ${req.seed}) to ${req.output}: ` +
      `${what}, ${threads} thread${threads > 1 ? "s" : ""}, ${formatBytes(bytesTotal)} in ${seconds.toFixed(2)} s (${formatBytes(bytesTotal / seconds)}/s)\n`);
    if (wantConfig && !target.configAllowed) ctx.stderr.write(`nninit init: config.json was not written: ${req.output}'s directory existed before (give -o a directory for a Hugging Face folder)\n`);
    if (target.replaced.length) ctx.stderr.write(`nninit init: --force replaced the previous set (${target.replaced.join(", ")} removed)\n`);
  }
}
