// The files of a checkpoint and their header metadata, as pure functions of the request: `init`
// writes them, `verify` regenerates them to compare.

import { tensorSources } from "../models/index.js";
import type { Provenance } from "../models/provenance.js";
import type { TensorSource } from "../io/write.js";
import { tensorBytes, SAFETENSORS_DTYPE } from "../io/format.js";
import { planShards, shardFileName, shardIndexJson } from "../io/shards.js";
import type { Pool } from "../parallel/pool.js";
import { poolTensorSources } from "./pool-sources.js";
import { torchTensorSources } from "./torch-init.js";

export { checkpointMetadata, type Provenance } from "../models/provenance.js";

/** The tensors of a request as writer sources: torch's, the pool's, or the calling thread's. */
export function sourcesOf(req: Provenance, pool?: Pool, signal?: AbortSignal): TensorSource[] {
  if (req.torch) return torchTensorSources(req.recipe, req.seed, req.dtype);
  return pool ? poolTensorSources(req.recipe, req.seed, req.dtype, pool, signal) : tensorSources(req.recipe, req.seed, req.dtype);
}

/** config.json's text for a Hugging Face recipe (the resolved config and the dtype). */
export function configJson(req: Provenance): string {
  return `${JSON.stringify({ ...req.recipe.config, torch_dtype: req.dtype }, null, 2)}\n`;
}

export interface PlannedFile {
  /** The base name in the output directory. */
  name: string;
  tensors: TensorSource[];
  /** 1-based shard number (1 for an unsharded file). */
  k: number;
}

export interface FileSet {
  files: PlannedFile[];
  /** The index's text when sharded. */
  index?: string;
  shards: number;
}

/** The whole set of a checkpoint: model.safetensors, or its shards and the index. */
export function planSet(sources: TensorSource[], maxShardBytes: number | undefined): FileSet {
  const bytes = sources.map((s) => tensorBytes({ name: s.name, dtype: SAFETENSORS_DTYPE[s.dtype], shape: s.shape }));
  const total = bytes.reduce((a, b) => a + b, 0);
  if (maxShardBytes === undefined || total <= maxShardBytes) return { files: [{ name: "model.safetensors", tensors: sources, k: 1 }], shards: 1 };
  const plan = planShards(bytes, maxShardBytes);
  return {
    files: plan.map((indices, k) => ({ name: shardFileName(k + 1, plan.length), tensors: indices.map((i) => sources[i]), k: k + 1 })),
    index: shardIndexJson(sources.map((s) => s.name), bytes, plan),
    shards: plan.length,
  };
}

