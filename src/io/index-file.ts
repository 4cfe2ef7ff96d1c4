// Reading a sharded checkpoint's index (model.safetensors.index.json, see ./shards.ts) as
// untrusted input: a regular file of bounded size, a JSON object whose weight_map maps tensor
// names to shard files, every shard a relative path that stays inside the index's directory
// (`../../x` or `/etc/x` are refused, not followed). Errors name the index file as given.

import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { openRegularFile } from "./node.js";

/** The largest index file read (the reference reader's header limit: an index is a list of names too). */
export const MAX_INDEX_BYTES = 100_000_000;

export class ShardIndexError extends Error {
  override name = "ShardIndexError";
}

/** The shards of an index, in first-mention order, with the tensors the index puts in each. */
export async function readShardIndex(path: string): Promise<{ shard: string; tensors: string[] }[]> {
  const { handle, size } = await openRegularFile(path);
  let text: string;
  try {
    if (size > MAX_INDEX_BYTES) throw new ShardIndexError(`${path}: ${size} bytes, over the ${MAX_INDEX_BYTES}-byte limit for an index file`);
    text = await readFile(handle, "utf8");
  } finally {
    await handle.close();
  }
  let index: unknown;
  try {
    index = JSON.parse(text);
  } catch (e) {
    throw new ShardIndexError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (index === null || typeof index !== "object" || Array.isArray(index)) throw new ShardIndexError(`${path}: an index file must be a JSON object with a weight_map`);
  const map = (index as Record<string, unknown>).weight_map;
  if (map === null || typeof map !== "object" || Array.isArray(map)) throw new ShardIndexError(`${path}: weight_map must be an object of tensor name -> shard file, got ${map === undefined ? "none" : JSON.stringify(map)}`);
  const shards = new Map<string, string[]>();
  for (const [name, file] of Object.entries(map as Record<string, unknown>)) {
    if (typeof file !== "string" || file === "") throw new ShardIndexError(`${path}: weight_map[${JSON.stringify(name)}] must be a shard file name, got ${JSON.stringify(file)}`);
    const shard = confined(path, name, file);
    const list = shards.get(shard) ?? [];
    list.push(name);
    shards.set(shard, list);
  }
  return [...shards].map(([shard, tensors]) => ({ shard, tensors }));
}

/** The shard's path beside the index, refusing one that leaves the index's directory. */
function confined(index: string, name: string, file: string): string {
  const rel = normalize(file);
  if (isAbsolute(file) || rel === ".." || rel.startsWith(`..${sep}`) || file.includes("\0")) {
    throw new ShardIndexError(`${index}: weight_map[${JSON.stringify(name)}] is ${JSON.stringify(file)}, outside the index's directory; shards must sit beside their index`);
  }
  return join(dirname(index), rel);
}
