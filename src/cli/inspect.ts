// `nninit inspect PATH`: per tensor dtype, shape, mean, std, min, max of any safetensors file (a
// file, a directory holding model.safetensors or a sharded index, or the index itself); when the
// metadata names an nninit recipe, the law each tensor must follow and whether it does.

import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileSource, openError } from "../io/node.js";
import { readShardIndex } from "../io/index-file.js";
import { readSafetensorsHeader, tensorStats, windowedSource, FLOAT_DTYPES, type TensorStats } from "../io/read.js";
import { INDEX_FILE_NAME } from "../io/shards.js";
import { SafetensorsFormatError } from "../io/format.js";
import { buildRecipe, type Law } from "../models/index.js";
import { checkLaw, describeLaw } from "../models/law-check.js";
import type { Dtype } from "../dtype.js";
import { parseArgs, flag, UsageError } from "./args.js";
import type { Context } from "./context.js";

export const INSPECT_FLAGS = ["json", "help", "quiet"];
export const INSPECT_USAGE = `nninit inspect PATH [--json]

  PATH    a .safetensors file, a model.safetensors.index.json, or a directory holding either
  --json  one JSON object (files, metadata, tensors) instead of the table`;

export interface TensorReport {
  name: string;
  file: string;
  dtype: string;
  shape: number[];
  stats: TensorStats | null;
  law?: string;
  ok?: boolean;
}

export interface InspectReport {
  files: { path: string; bytes: number; metadata: Record<string, string> }[];
  tensors: TensorReport[];
  /** Tensors checked against their recipe's law, and how many matched. */
  checked: number;
  matched: number;
}

/** The .safetensors files a PATH names, each with the tensors an index puts in it (null: no index). */
async function filesOf(path: string): Promise<{ file: string; index: string | null; tensors: string[] | null }[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const error = await openError(path, e as NodeJS.ErrnoException);
    throw (e as NodeJS.ErrnoException).code === "ENOENT" && error.message === `${path} does not exist` ? new UsageError(error.message) : error;
  }
  if (info.isDirectory()) {
    for (const name of [INDEX_FILE_NAME, "model.safetensors"]) {
      if (await stat(join(path, name)).then(() => true, () => false)) return filesOf(join(path, name));
    }
    throw new UsageError(`${path} holds neither ${INDEX_FILE_NAME} nor model.safetensors`);
  }
  if (path.endsWith(".json")) return (await readShardIndex(path)).map((s) => ({ file: s.shard, index: path, tensors: s.tensors }));
  return [{ file: path, index: null, tensors: null }];
}

const DTYPE_OF: Record<string, Dtype> = { F32: "float32", F16: "float16", BF16: "bfloat16" };

/**
 * The laws of the recipe named in a file's metadata (empty when it names none or cannot be
 * rebuilt). The metadata is untrusted: a config whose layer counts exceed the file's tensors (a
 * 319-byte file claiming n_layer 2e8) is not built, and each config is built once (every shard
 * repeats it).
 */
function lawsOf(metadata: Record<string, string>, tensorCount: number, cache: Map<string, Map<string, Law>>): Map<string, Law> {
  const laws = new Map<string, Law>();
  const text = metadata.nninit_config;
  if (!metadata.nninit_recipe || !text) return laws;
  const cached = cache.get(text);
  if (cached) return cached;
  cache.set(text, laws);
  try {
    const config = JSON.parse(text) as Record<string, unknown>;
    if (config === null || typeof config !== "object") return laws;
    for (const key of LAYER_COUNTS) {
      // every layer holds at least one tensor of the file
      const value = config[key];
      if (typeof value === "number" && !(value <= tensorCount)) return laws;
    }
    const recipe = buildRecipe(config);
    if (recipe.tensors.length > MAX_RECIPE_TENSORS) return laws;
    for (const t of recipe.tensors) laws.set(t.name, t.law);
  } catch {
    // a recipe this version cannot rebuild: report statistics only
  }
  return laws;
}

/** The config keys that count a recipe's layers (gpt2 and nanoGPT, the Llama family). */
const LAYER_COUNTS = ["n_layer", "num_hidden_layers"];

/** No recipe of nninit's has more tensors than this (llama with 10,000 layers has 90,003). */
const MAX_RECIPE_TENSORS = 1_000_000;

export async function inspect(path: string, signal?: AbortSignal): Promise<InspectReport> {
  const report: InspectReport = { files: [], tensors: [], checked: 0, matched: 0 };
  const cache = new Map<string, Map<string, Law>>();
  const stop = () => { if (signal?.aborted) throw signal.reason ?? new Error("interrupted"); };
  const files = await filesOf(path);
  // the tensors of the whole checkpoint (an index lists them all; a shard holds a part)
  const indexed = files.reduce((a, f) => a + (f.tensors?.length ?? 0), 0);
  for (const { file, index, tensors } of files) {
    stop();
    const source = windowedSource(await fileSource(file));
    try {
      const header = await readSafetensorsHeader(source);
      if (tensors) {
        const names = new Set(header.entries.map((e) => e.name));
        const missing = tensors.find((t) => !names.has(t));
        if (missing !== undefined) throw new SafetensorsFormatError(`${index}: weight_map puts ${JSON.stringify(missing)} in ${file}, which has no such tensor`);
      }
      report.files.push({ path: file, bytes: source.size, metadata: header.metadata });
      const laws = lawsOf(header.metadata, Math.max(indexed, header.entries.length), cache);
      for (const e of header.entries) {
        stop();
        const stats = (FLOAT_DTYPES as readonly string[]).includes(e.dtype) ? await tensorStats(source, header, e, signal) : null;
        const t: TensorReport = { name: e.name, file, dtype: e.dtype, shape: e.shape, stats };
        const law = laws.get(e.name);
        if (law && stats && DTYPE_OF[e.dtype]) {
          const c = checkLaw(law, stats, DTYPE_OF[e.dtype]);
          t.law = describeLaw(law);
          t.ok = c.ok;
          report.checked++;
          if (c.ok) report.matched++;
        }
        report.tensors.push(t);
      }
    } finally {
      await source.close();
    }
  }
  return report;
}

const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "-" : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(5));

/** Writes the table line by line (column widths from one pass over the rows: no spread of every row into Math.max). */
export function writeReport(r: InspectReport, write: (text: string) => void): void {
  for (const f of r.files) {
    const m = f.metadata;
    const recipe = m.nninit_recipe ? `, nninit ${m.nninit_version ?? "?"} recipe ${m.nninit_recipe} seed ${m.nninit_seed} (${m.nninit_generator ?? "tape"})` : "";
    write(`${f.path}: ${f.bytes.toLocaleString("en-US")} bytes${recipe}\n`);
  }
  const hasLaws = r.checked > 0;
  const head = ["tensor", "dtype", "shape", "mean", "std", "min", "max", ...(hasLaws ? ["law", "ok"] : [])];
  const row = (t: TensorReport) => [t.name, t.dtype, t.shape.join("x") || "scalar", num(t.stats?.mean), num(t.stats?.std), num(t.stats?.min), num(t.stats?.max),
    ...(hasLaws ? [t.law ?? "", t.ok === undefined ? "" : t.ok ? "yes" : "NO"] : [])];
  const widths = head.map((h) => h.length);
  for (const t of r.tensors) row(t).forEach((c, i) => { if (c.length > widths[i]) widths[i] = c.length; });
  const pad = (cells: string[]) => `${cells.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd()}\n`;
  write(pad(head));
  let params = 0;
  for (const t of r.tensors) {
    write(pad(row(t)));
    params += t.shape.reduce((x, y) => x * y, 1);
  }
  write(`${r.tensors.length} tensors, ${params.toLocaleString("en-US")} elements` +
    (hasLaws ? `; ${r.matched} of ${r.checked} match their recipe's law${r.matched === r.checked ? "" : ` (${r.checked - r.matched} do NOT)`}` : "") + "\n");
}

export function formatReport(r: InspectReport): string {
  const parts: string[] = [];
  writeReport(r, (text) => { parts.push(text); });
  return parts.join("");
}

/** The report as JSON, one tensor a line (the same object JSON.stringify gives, without one string of it all). */
export function writeReportJson(r: InspectReport, write: (text: string) => void): void {
  write(`{\n  "files": ${JSON.stringify(r.files)},\n  "tensors": [`);
  r.tensors.forEach((t, i) => { write(`${i ? "," : ""}\n    ${JSON.stringify(t)}`); });
  write(`${r.tensors.length ? "\n  " : ""}],\n  "checked": ${r.checked},\n  "matched": ${r.matched}\n}\n`);
}

/** Exit status 3 when a tensor does not match its law. */
export async function runInspect(argv: readonly string[], ctx: Context): Promise<number> {
  const p = parseArgs(argv, INSPECT_FLAGS);
  if (p.positional.length !== 1) throw new UsageError("inspect takes one PATH");
  const report = await inspect(p.positional[0], ctx.signal);
  const write = (text: string) => { ctx.stdout.write(text); };
  if (flag(p, "json") !== undefined) writeReportJson(report, write);
  else if (!ctx.quiet) writeReport(report, write);
  return report.matched === report.checked ? 0 : 3;
}
