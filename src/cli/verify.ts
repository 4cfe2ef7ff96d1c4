// `nninit verify PATH`: regenerates every tensor of a checkpoint nninit wrote, from the recipe,
// config, seed, dtype and generator in its header metadata, and compares it byte for byte with
// the file (the header too; the index and config.json beside shards too). Streams: the writer's
// chunks are compared with the file's bytes at the same offsets as they are generated, so memory
// stays at a few chunks whatever the file's size. Exit 0 when every byte matches, 3 naming the
// first tensor that differs, 1 when the file is not one nninit can regenerate.

import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { buildRecipe, parameterCount } from "../models/index.js";
import { fileSource } from "../io/node.js";
import { readSafetensorsHeader } from "../io/read.js";
import { SAFETENSORS_DTYPE, SafetensorsFormatError, type SafetensorsHeader } from "../io/format.js";
import { byteLengthOf, SAFETENSORS_DTYPE_BITS } from "../io/dtypes.js";
import { writeSafetensors, type TensorSource } from "../io/write.js";
import { INDEX_FILE_NAME, shardIndexJson } from "../io/shards.js";
import { createPool } from "../parallel/pool.js";
import { DTYPES, type Dtype } from "../dtype.js";
import { NNINIT_VERSION, TAPE_CONTRACT_VERSION } from "../version.js";
import { parseArgs, intFlag, UsageError } from "./args.js";
import { configJson, sourcesOf, type Provenance } from "./plan.js";
import { defaultThreads } from "./init.js";
import { CommandFailure, type Context } from "./context.js";

export const VERIFY_FLAGS = ["threads", "json", "quiet", "help"];
export const VERIFY_USAGE = `nninit verify PATH [--threads N] [--json]

  PATH               a checkpoint nninit init wrote: a .safetensors file, a directory (its
                     model.safetensors, or the shards its index lists), or the index file
  --threads N        threads regenerating the values (default: by the work's size)
  regenerates every tensor from the header's recipe, config, seed, dtype and generator and compares
  the bytes: exit 0 when all match, 3 naming the first tensor that differs`;

/** A byte of the set that differs from its regeneration. */
class Differs extends Error {
  override name = "Differs";
}

/** The files of PATH: a file, a directory's model.safetensors or its index's shards. */
async function filesOf(path: string): Promise<{ files: string[]; dir: string; index?: string }> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UsageError(`${path} does not exist; give a .safetensors file or the directory nninit init wrote`);
  }
  const dir = isDir ? path : dirname(path);
  const indexPath = isDir ? join(path, INDEX_FILE_NAME) : path.endsWith(".json") ? path : undefined;
  if (indexPath !== undefined) {
    let text: string | undefined;
    try {
      text = await readFile(indexPath, "utf8");
    } catch {
      if (!isDir) throw new UsageError(`cannot read ${path}`);
    }
    if (text !== undefined) {
      let map: unknown;
      try {
        map = (JSON.parse(text) as { weight_map?: unknown }).weight_map;
      } catch {
        throw new Differs(`${indexPath} is not JSON`);
      }
      if (map === null || typeof map !== "object") throw new Differs(`${indexPath} has no weight_map`);
      const files = [...new Set(Object.values(map as Record<string, string>))].sort();
      return { files: files.map((f) => join(dir, f)), dir, index: indexPath };
    }
    return { files: [join(path, "model.safetensors")], dir };
  }
  return { files: [path], dir };
}

/** The provenance in a header's metadata; throws when the file is not one this nninit can regenerate. */
function provenanceOf(path: string, metadata: Record<string, string>): Provenance {
  const { nninit_recipe: recipe, nninit_config: config, nninit_seed: seed, nninit_dtype: dtype, nninit_generator: generator } = metadata;
  if (recipe === undefined || config === undefined || seed === undefined || dtype === undefined) {
    throw new CommandFailure(`${path} has no nninit provenance in its metadata (nninit_recipe, nninit_config, nninit_seed, nninit_dtype): only files nninit init wrote can be verified`);
  }
  const contract = metadata.nninit_tape_contract ?? "1";
  if (contract !== String(TAPE_CONTRACT_VERSION)) {
    throw new CommandFailure(`${path} was written by nninit ${metadata.nninit_version ?? "?"} under tape contract ${contract}; this nninit ${NNINIT_VERSION} draws contract ${TAPE_CONTRACT_VERSION}: verify it with nninit ${metadata.nninit_version ?? "0.1.0"}`);
  }
  if (!(DTYPES as readonly string[]).includes(dtype)) throw new CommandFailure(`${path}: nninit_dtype ${JSON.stringify(dtype)} is not one of ${DTYPES.join(", ")}`);
  try {
    return { recipe: buildRecipe(JSON.parse(config)), seed: BigInt(seed), dtype: dtype as Dtype, torch: generator === "torch" };
  } catch (e) {
    throw new CommandFailure(`${path}: its metadata does not rebuild a recipe: ${(e as Error).message}`);
  }
}

/** A Buffer view of the same bytes (no copy), for its native compare. */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Where byte `at` of a file falls: the header, or a tensor and element. */
function locate(header: SafetensorsHeader, at: number): string {
  if (at < header.dataStart) return `its header (byte ${at})`;
  const o = at - header.dataStart;
  const e = header.entries.find((x) => o >= x.begin && o < x.end);
  if (!e) return `byte ${at}`;
  return `tensor ${e.name} (element ${Math.floor(((o - e.begin) * 8) / SAFETENSORS_DTYPE_BITS[e.dtype])}, byte ${at})`;
}

/** Compares one file with its regeneration; throws Differs at the first byte that differs. */
async function verifyFile(path: string, shown: string, byName: Map<string, TensorSource>, seen: Set<string>, options: { shared?: boolean; signal: AbortSignal }): Promise<SafetensorsHeader> {
  const source = await fileSource(path).catch(() => { throw new Differs(`${shown} is missing`); });
  try {
    let header: SafetensorsHeader;
    try {
      header = await readSafetensorsHeader(source);
    } catch (e) {
      if (e instanceof SafetensorsFormatError) throw new Differs(`${shown}: ${e.message}`);
      throw e;
    }
    const tensors = header.entries.map((e) => {
      const s = byName.get(e.name);
      if (!s) throw new Differs(`${shown}: tensor ${e.name} is not in the recipe`);
      if (SAFETENSORS_DTYPE[s.dtype] !== e.dtype || s.shape.join() !== e.shape.join()) throw new Differs(`${shown}: tensor ${e.name} is ${e.dtype} [${e.shape}], the recipe's is ${SAFETENSORS_DTYPE[s.dtype]} [${s.shape}]`);
      if (seen.has(e.name)) throw new Differs(`${shown}: tensor ${e.name} is in two files`);
      seen.add(e.name);
      return s;
    });
    let at = 0;
    const sink = {
      async write(bytes: Uint8Array) {
        const got = await source.read(at, bytes.length);
        // memcmp first; the first differing byte is looked for only when there is one
        if (!asBuffer(got).equals(asBuffer(bytes))) {
          const i = got.findIndex((b, j) => b !== bytes[j]);
          throw new Differs(`${shown}: ${locate(header, at + i)} differs from its regeneration`);
        }
        at += bytes.length;
      },
    };
    await writeSafetensors(sink, tensors, { metadata: header.metadata, shared: options.shared, signal: options.signal });
    return header;
  } finally {
    await source.close();
  }
}

export async function runVerify(argv: readonly string[], ctx: Context): Promise<number> {
  const p = parseArgs(argv, VERIFY_FLAGS);
  if (p.positional.length !== 1) throw new UsageError("verify takes one PATH (a .safetensors file or the directory nninit init wrote)");
  const path = p.positional[0];
  const threadsFlag = intFlag(p, "threads", 1, 256);
  const t0 = performance.now();
  try {
    const { files, dir, index } = await filesOf(path);
    const first = await fileSource(files[0]).catch(() => { throw new Differs(`${join(path === dir ? path : dir, basename(files[0]))} is missing`); });
    let metadata: Record<string, string>;
    try {
      metadata = (await readSafetensorsHeader(first)).metadata;
    } catch (e) {
      throw e instanceof SafetensorsFormatError ? new Differs(`${files[0]}: ${e.message}`) : e;
    } finally {
      await first.close();
    }
    const prov = provenanceOf(files[0], metadata);
    const threads = prov.torch ? 1 : threadsFlag ?? defaultThreads(parameterCount(prov.recipe));
    const pool = threads > 1 ? createPool({ threads: threads - 1 }) : undefined;
    const seen = new Set<string>();
    let sources: TensorSource[];
    try {
      sources = sourcesOf(prov, pool, ctx.signal);
      const byName = new Map(sources.map((s) => [s.name, s]));
      const plan: number[][] = [];
      const order = new Map(sources.map((s, i) => [s.name, i]));
      for (const f of files) {
        const header = await verifyFile(f, f, byName, seen, { shared: pool?.shared, signal: ctx.signal });
        if (JSON.stringify(header.metadata) !== JSON.stringify(metadata)) throw new Differs(`${f}: its metadata differs from ${files[0]}'s`);
        plan.push(header.entries.map((e) => order.get(e.name)!));
      }
      // a set (a directory or its index) must hold every tensor; one shard given alone, its own
      const missing = files.length > 1 || index !== undefined || basename(files[0]) === "model.safetensors" ? sources.find((s) => !seen.has(s.name)) : undefined;
      if (missing) throw new Differs(`tensor ${missing.name} is in no file of ${path}`);
      if (index !== undefined) {
        // the writer's dtypes all have whole-byte elements
        const bytes = sources.map((s) => byteLengthOf(SAFETENSORS_DTYPE[s.dtype], s.shape.reduce((a, b) => a * b, 1)) as number);
        if ((await readFile(index, "utf8")) !== shardIndexJson(sources.map((s) => s.name), bytes, plan)) throw new Differs(`${index} differs from the index of these shards`);
      }
      if (prov.recipe.huggingFace) {
        const config = await readFile(join(dir, "config.json"), "utf8").catch(() => undefined);
        if (config !== undefined && (files.length > 1 || basename(files[0]) === "model.safetensors") && config !== configJson(prov)) {
          throw new Differs(`${join(dir, "config.json")} differs from the config in the checkpoint's metadata`);
        }
      }
    } finally {
      await pool?.close();
    }
    const seconds = (performance.now() - t0) / 1000;
    const result = { ok: true, files: files.length, tensors: seen.size, recipe: prov.recipe.recipe, seed: String(prov.seed), dtype: prov.dtype, generator: prov.torch ? "torch" : "tape", seconds: Number(seconds.toFixed(3)) };
    if (p.flags.has("json")) ctx.stdout.write(`${JSON.stringify(result)}\n`);
    else if (!ctx.quiet) {
      ctx.stdout.write(`verified ${path}: ${seen.size} tensors in ${files.length} file${files.length > 1 ? "s" : ""}, every byte is ${prov.recipe.recipe} ` +
        `${prov.dtype} seed ${prov.seed} (${result.generator}), ${threads} thread${threads > 1 ? "s" : ""}, ${seconds.toFixed(2)} s\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof Differs)) throw e;
    if (p.flags.has("json")) ctx.stdout.write(`${JSON.stringify({ ok: false, differs: e.message })}\n`);
    ctx.stderr.write(`nninit verify: ${e.message}\n`);
    return 3;
  }
}
