// `nninit inspect PATH`: per tensor dtype, shape, mean, std, min, max of any safetensors file (a
// file, a directory holding model.safetensors or a sharded index, or the index itself); when the
// metadata names an nninit recipe, the law each tensor must follow and whether it does.

import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileSource, openError } from "../io/node.js";
import { readShardIndex } from "../io/index-file.js";
import { readSafetensorsHeader, tensorStats, windowedSource, FLOAT_DTYPES, type TensorStats } from "../io/read.js";
import type { SafetensorsHeader } from "../io/format.js";
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

/** A file of the checkpoint with its checked header and the laws its metadata names. */
interface PlannedFile {
  path: string;
  bytes: number;
  header: SafetensorsHeader;
  laws: Map<string, Law>;
}

const stopper = (signal?: AbortSignal) => () => { if (signal?.aborted) throw signal.reason ?? new Error("interrupted"); };

/** Every file's header, read and checked before any tensor is (an index's placements too). */
async function plan(path: string, signal?: AbortSignal): Promise<PlannedFile[]> {
  const stop = stopper(signal);
  const cache = new Map<string, Map<string, Law>>();
  const files = await filesOf(path);
  // the tensors of the whole checkpoint (an index lists them all; a shard holds a part)
  const indexed = files.reduce((a, f) => a + (f.tensors?.length ?? 0), 0);
  const planned: PlannedFile[] = [];
  for (const { file, index, tensors } of files) {
    stop();
    const source = await fileSource(file);
    try {
      const header = await readSafetensorsHeader(source);
      if (tensors) {
        const names = new Set(header.entries.map((e) => e.name));
        const missing = tensors.find((t) => !names.has(t));
        if (missing !== undefined) throw new SafetensorsFormatError(`${index}: weight_map puts ${JSON.stringify(missing)} in ${file}, which has no such tensor`);
      }
      planned.push({ path: file, bytes: source.size, header, laws: lawsOf(header.metadata, Math.max(indexed, header.entries.length), cache) });
    } finally {
      await source.close();
    }
  }
  return planned;
}

/** The law a tensor is checked against (only floating-point tensors that the recipe names). */
const lawFor = (f: PlannedFile, name: string, dtype: string): Law | undefined => (DTYPE_OF[dtype] ? f.laws.get(name) : undefined);

/** Each tensor's report, file by file in file order, its values streamed once; stops when `signal` aborts. */
async function* reports(planned: readonly PlannedFile[], signal?: AbortSignal): AsyncGenerator<TensorReport> {
  const stop = stopper(signal);
  for (const f of planned) {
    stop();
    const source = windowedSource(await fileSource(f.path));
    try {
      for (const e of f.header.entries) {
        stop();
        const stats = (FLOAT_DTYPES as readonly string[]).includes(e.dtype) ? await tensorStats(source, f.header, e, signal) : null;
        const t: TensorReport = { name: e.name, file: f.path, dtype: e.dtype, shape: e.shape, stats };
        const law = lawFor(f, e.name, e.dtype);
        if (law && stats) {
          t.law = describeLaw(law);
          t.ok = checkLaw(law, stats, DTYPE_OF[e.dtype]).ok;
        }
        yield t;
      }
    } finally {
      await source.close();
    }
  }
}

const fileInfo = (f: PlannedFile) => ({ path: f.path, bytes: f.bytes, metadata: f.header.metadata });

export async function inspect(path: string, signal?: AbortSignal): Promise<InspectReport> {
  const planned = await plan(path, signal);
  const report: InspectReport = { files: planned.map(fileInfo), tensors: [], checked: 0, matched: 0 };
  for await (const t of reports(planned, signal)) {
    report.tensors.push(t);
    if (t.ok !== undefined) { report.checked++; if (t.ok) report.matched++; }
  }
  return report;
}

const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "-" : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(5));
/** The widest `num` can be: "-9999.99999" (|x| < 1e4 prints 5 decimals; larger and tiny values "-1.234e+38"). */
const NUM_WIDTH = 11;

/** What the table's column widths come from, known before any value is read. */
interface Known { name: string; dtype: string; shape: number[]; law?: string }

/** The known columns of every tensor of the planned files. */
function* knownOf(planned: readonly PlannedFile[]): Generator<Known> {
  for (const f of planned) {
    for (const e of f.header.entries) {
      const law = lawFor(f, e.name, e.dtype);
      yield { name: e.name, dtype: e.dtype, shape: e.shape, law: law && describeLaw(law) };
    }
  }
}

type FileInfo = InspectReport["files"][number];

/** Writes the table a line at a time as tensors are read: column widths come from the headers, numbers have a fixed width. */
async function writeTable(files: readonly FileInfo[], known: Iterable<Known>, rows: AsyncIterable<TensorReport>, write: (text: string) => void): Promise<{ checked: number; matched: number }> {
  for (const f of files) {
    const m = f.metadata;
    const recipe = m.nninit_recipe ? `, nninit ${m.nninit_version ?? "?"} recipe ${m.nninit_recipe} seed ${m.nninit_seed} (${m.nninit_generator ?? "tape"})` : "";
    write(`${f.path}: ${f.bytes.toLocaleString("en-US")} bytes${recipe}\n`);
  }
  const head = ["tensor", "dtype", "shape", "mean", "std", "min", "max", "law", "ok"];
  const widths = head.map((h, i) => (i >= 3 && i <= 6 ? NUM_WIDTH : h.length));
  let hasLaws = false, count = 0, params = 0, checked = 0, matched = 0;
  for (const k of known) {
    widths[0] = Math.max(widths[0], k.name.length);
    widths[1] = Math.max(widths[1], k.dtype.length);
    widths[2] = Math.max(widths[2], (k.shape.join("x") || "scalar").length);
    if (k.law) { hasLaws = true; widths[7] = Math.max(widths[7], k.law.length); }
  }
  const columns = hasLaws ? 9 : 7;
  const pad = (cells: string[]) => `${cells.slice(0, columns).map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd()}\n`;
  write(pad(head));
  for await (const t of rows) {
    write(pad([t.name, t.dtype, t.shape.join("x") || "scalar", num(t.stats?.mean), num(t.stats?.std), num(t.stats?.min), num(t.stats?.max),
      t.law ?? "", t.ok === undefined ? "" : t.ok ? "yes" : "NO"]));
    count++;
    params += t.shape.reduce((x, y) => x * y, 1);
    if (t.ok !== undefined) { checked++; if (t.ok) matched++; }
  }
  write(`${count} tensors, ${params.toLocaleString("en-US")} elements` +
    (checked > 0 ? `; ${matched} of ${checked} match their recipe's law${matched === checked ? "" : ` (${checked - matched} do NOT)`}` : "") + "\n");
  return { checked, matched };
}

/** The table of a finished report (the lines `nninit inspect` streams). */
export async function formatReport(r: InspectReport): Promise<string> {
  const parts: string[] = [];
  await writeTable(r.files, r.tensors, (async function* () { yield* r.tensors; })(), (text) => { parts.push(text); });
  return parts.join("");
}

/** Writes the JSON report as tensors are read, one tensor a line (the object JSON.stringify would give). */
async function writeJson(files: readonly FileInfo[], rows: AsyncIterable<TensorReport>, write: (text: string) => void): Promise<{ checked: number; matched: number }> {
  write(`{\n  "files": ${JSON.stringify(files)},\n  "tensors": [`);
  let i = 0, checked = 0, matched = 0;
  for await (const t of rows) {
    write(`${i++ ? "," : ""}\n    ${JSON.stringify(t)}`);
    if (t.ok !== undefined) { checked++; if (t.ok) matched++; }
  }
  write(`${i ? "\n  " : ""}],\n  "checked": ${checked},\n  "matched": ${matched}\n}\n`);
  return { checked, matched };
}

/** Exit status 3 when a tensor does not match its law. Output is written as each tensor is read. */
export async function runInspect(argv: readonly string[], ctx: Context): Promise<number> {
  const p = parseArgs(argv, INSPECT_FLAGS);
  if (p.positional.length !== 1) throw new UsageError("inspect takes one PATH");
  const planned = await plan(p.positional[0], ctx.signal);
  const rows = reports(planned, ctx.signal);
  const write = (text: string) => { ctx.stdout.write(text); };
  let result: { checked: number; matched: number };
  const files = planned.map(fileInfo);
  if (flag(p, "json") !== undefined) result = await writeJson(files, rows, write);
  else if (!ctx.quiet) result = await writeTable(files, knownOf(planned), rows, write);
  else {
    result = { checked: 0, matched: 0 };
    for await (const t of rows) if (t.ok !== undefined) { result.checked++; if (t.ok) result.matched++; }
  }
  return result.matched === result.checked ? 0 : 3;
}
