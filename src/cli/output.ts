// Where `nninit init -o PATH` may write, decided before anything is written. nninit never writes
// over a file it did not create:
//   -o DIR             a new or empty directory: model.safetensors (or shards + index) and, for
//                      Hugging Face models, config.json. A directory holding anything is a usage
//                      error unless --force, which replaces the checkpoint in it (every
//                      model*.safetensors, the index and config.json; other files stay).
//   -o NAME.safetensors  that one file, which must not exist (unless --force); config.json is
//                      written beside it only when the directory is new (this run creates it).
//   -o NAME.ext        (out.bin, x.pt, ...) a usage error: nninit writes no other file type, and
//                      a directory named like a file would surprise.
//   --shard k / auto   several runs fill one directory: only the files this run writes must be
//                      new (unless --force); the directory may hold the other tasks' shards.

import { readdir, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { UsageError } from "./args.js";

/** The files of a checkpoint set: what --force replaces. */
export const CHECKPOINT_FILE = /^(model\.safetensors|model-\d{5}-of-\d{5}\.safetensors|model\.safetensors\.index\.json|config\.json)$/;

export interface OutputTarget {
  /** The directory the files go into. */
  dir: string;
  /** Directories to create, outermost first (empty when `dir` exists). */
  create: string[];
  /** Whether config.json may be written (a directory target, or a directory this run creates). */
  configAllowed: boolean;
  /** Files of the previous set to remove once the new set is in place (--force). */
  replaced: string[];
}

async function kind(path: string): Promise<"file" | "dir" | "none"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "file";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "none";
    throw error;
  }
}

/** Directories from the first missing ancestor of `dir` down to `dir`. */
async function missingDirs(dir: string, shown: string): Promise<string[]> {
  const out: string[] = [];
  // the path as given (relative stays relative), so messages name what the user typed
  for (let d = dir; ; d = dirname(d)) {
    const k = await kind(d);
    if (k === "dir") break;
    if (k === "file") throw new UsageError(`-o ${shown}: ${d} is a file, so no directory can be made under it`);
    out.unshift(d);
    if (dirname(d) === d) break;
  }
  return out;
}

/**
 * Checks `-o output` for a run that writes the files `names` (base names) into it; throws a
 * UsageError naming the path as given and the fix. `shared`: several runs (--shard) write into
 * the directory.
 */
export async function checkOutput(output: string, names: readonly string[], options: { force: boolean; shared: boolean }): Promise<OutputTarget> {
  const single = output.endsWith(".safetensors");
  const at = await kind(output);
  if (single) {
    if (at === "dir") throw new UsageError(`-o ${output} is a directory; give the directory itself (-o ${output.replace(/\.safetensors$/, "")}) or a new file name`);
    if (at === "file" && !options.force) throw new UsageError(`-o ${output} exists; nninit never writes over a file it did not create: choose a new name, or --force to replace it`);
    const create = await missingDirs(dirname(output), output);
    return { dir: dirname(output), create, configAllowed: create.length > 0, replaced: [] };
  }
  if (at === "file") throw new UsageError(`-o ${output} is an existing file, not a directory; give a new directory name, or a name ending in .safetensors for one file`);
  if (at === "none") {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(basename(output));
    if (ext) throw new UsageError(`-o ${output}: nninit writes a directory (-o ${output.slice(0, -ext[0].length)}) or one safetensors file (-o ${output.slice(0, -ext[0].length)}.safetensors), not a ${ext[0]} file`);
    return { dir: output, create: await missingDirs(output, output), configAllowed: true, replaced: [] };
  }
  const present = (await readdir(output)).filter((f) => !/^\..*\.partial$/.test(f));
  if (options.shared) {
    const clash = names.filter((n) => present.includes(n));
    if (clash.length > 0 && !options.force) throw new UsageError(`-o ${output} already holds ${clash.join(", ")}; choose a new directory, or --force to replace them`);
    return { dir: output, create: [], configAllowed: true, replaced: [] };
  }
  if (present.length > 0 && !options.force) {
    const shown = present.slice(0, 4).join(", ") + (present.length > 4 ? `, ... (${present.length} entries)` : "");
    throw new UsageError(`-o ${output} is not empty (${shown}); nninit never writes over files it did not create: choose a new directory, or --force to replace the checkpoint in it`);
  }
  return { dir: output, create: [], configAllowed: true, replaced: present.filter((f) => CHECKPOINT_FILE.test(f) && !names.includes(f)) };
}
