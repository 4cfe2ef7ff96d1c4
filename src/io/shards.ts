// Hugging Face's sharded checkpoint layout: model-00001-of-0000N.safetensors ... plus
// model.safetensors.index.json { "metadata": { "total_size": bytes of tensor data },
// "weight_map": { tensor name: shard file } }. Tensors are split in order, greedily, as
// huggingface_hub's split_state_dict_into_shards_factory does: a tensor starts a new shard when
// it would take the current one past the maximum size; a tensor larger than the maximum gets a
// shard of its own, appended when it is met (the open shard keeps filling after it, as there). Shard k depends only on the tensor list and the maximum, so each shard can be
// written by a different process.

/**
 * The file name of shard k (1-based) of n.
 *
 * @example
 * ```ts
 * import { shardFileName } from "nninit/checkpoint";
 * console.log(shardFileName(2, 3)); // "model-00002-of-00003.safetensors"
 * ```
 */
export function shardFileName(k: number, n: number): string {
  const pad = (x: number) => String(x).padStart(5, "0");
  return `model-${pad(k)}-of-${pad(n)}.safetensors`;
}

/**
 * The name of a sharded checkpoint's index file, as transformers names it.
 *
 * @example
 * ```ts
 * import { INDEX_FILE_NAME, shardFileName } from "nninit/checkpoint";
 * console.log(INDEX_FILE_NAME, shardFileName(1, 2)); // model.safetensors.index.json model-00001-of-00002.safetensors
 * ```
 */
export const INDEX_FILE_NAME = "model.safetensors.index.json";

/**
 * Indices of the tensors of each shard, given each tensor's data bytes.
 *
 * @example
 * ```ts
 * import { planShards } from "nninit/checkpoint";
 * console.log(planShards([400, 300, 300, 500], 700)); // [ [ 0, 1 ], [ 2 ], [ 3 ] ]: tensor indices per shard
 * ```
 */
export function planShards(bytes: readonly number[], maxShardBytes: number): number[][] {
  const shards: number[][] = [];
  let current: number[] = [], size = 0;
  bytes.forEach((b, i) => {
    if (b > maxShardBytes) {
      shards.push([i]);
      return;
    }
    if (current.length > 0 && size + b > maxShardBytes) {
      shards.push(current);
      current = [];
      size = 0;
    }
    current.push(i);
    size += b;
  });
  if (current.length > 0 || shards.length === 0) shards.push(current);
  return shards;
}

/**
 * The index file's JSON text (2-space indent, as transformers writes it, with a final newline).
 *
 * @example
 * ```ts
 * import { shardIndexJson } from "nninit/checkpoint";
 * const json = shardIndexJson(["a", "b", "c"], [400, 300, 500], [[0, 1], [2]]);
 * console.log(JSON.parse(json)); // { metadata: { total_size: 1200 }, weight_map: { a: "model-00001-of-00002.safetensors", ... } }
 * ```
 */
export function shardIndexJson(names: readonly string[], bytes: readonly number[], shards: readonly number[][], metadata: Record<string, unknown> = {}): string {
  const weightMap: Record<string, string> = {};
  shards.forEach((tensors, k) => { for (const i of tensors) weightMap[names[i]] = shardFileName(k + 1, shards.length); });
  const total = bytes.reduce((a, b) => a + b, 0);
  return `${JSON.stringify({ metadata: { ...metadata, total_size: total }, weight_map: weightMap }, null, 2)}\n`;
}

/**
 * Parses "2GB", "500MB", "1.5GiB", "10000" (bytes) as transformers does: KB/MB/GB are powers of 10, KiB/MiB/GiB of 2.
 *
 * @example
 * ```ts
 * import { parseSize } from "nninit/checkpoint";
 * console.log(parseSize("5GB"), parseSize("1.5GiB"), parseSize("10000")); // 5000000000 1610612736 10000
 * ```
 */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*$/i.exec(text);
  if (!m) throw new RangeError(`a size must look like 2GB, 500MB, 1.5GiB or a number of bytes, got ${JSON.stringify(text)}`);
  const unit = (m[2] ?? "B").toUpperCase();
  const powers: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };
  const bytes = Math.floor(Number(m[1]) * powers[unit]);
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) throw new RangeError(`a size must be at least 1 byte, got ${JSON.stringify(text)}`);
  return bytes;
}
