// `nninit inspect PATH`: per tensor dtype, shape, mean, std, min, max of any safetensors file (a
// file, a directory holding model.safetensors or a sharded index, or the index itself); when the
// metadata names an nninit recipe, the law each tensor must follow and whether it does.

import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileSource } from "../io/node.js";
import { readSafetensorsHeader, tensorStats, FLOAT_DTYPES, type TensorStats } from "../io/read.js";
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

/** The .safetensors files a PATH names. */
async function filesOf(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${path} does not exist`);
  }
  if (info.isDirectory()) {
    for (const name of [INDEX_FILE_NAME, "model.safetensors"]) {
      if (await stat(join(path, name)).then(() => true, () => false)) return filesOf(join(path, name));
    }
    throw new UsageError(`${path} holds neither ${INDEX_FILE_NAME} nor model.safetensors`);
  }
  if (path.endsWith(".json")) {
    const index = JSON.parse(await readFile(path, "utf8")) as { weight_map?: Record<string, string> };
    if (!index.weight_map || typeof index.weight_map !== "object") throw new SafetensorsFormatError(`${path} has no weight_map`);
    return [...new Set(Object.values(index.weight_map))].map((f) => join(dirname(path), f));
  }
  return [path];
}

const DTYPE_OF: Record<string, Dtype> = { F32: "float32", F16: "float16", BF16: "bfloat16" };

/** The laws of the recipe named in a file's metadata (empty when it names none or cannot be rebuilt). */
function lawsOf(metadata: Record<string, string>): Map<string, Law> {
  const laws = new Map<string, Law>();
  if (!metadata.nninit_recipe || !metadata.nninit_config) return laws;
  try {
    for (const t of buildRecipe(JSON.parse(metadata.nninit_config)).tensors) laws.set(t.name, t.law);
  } catch {
    // a recipe this version cannot rebuild: report statistics only
  }
  return laws;
}

export async function inspect(path: string): Promise<InspectReport> {
  const report: InspectReport = { files: [], tensors: [], checked: 0, matched: 0 };
  for (const file of await filesOf(path)) {
    const source = await fileSource(file);
    try {
      const header = await readSafetensorsHeader(source);
      report.files.push({ path: file, bytes: source.size, metadata: header.metadata });
      const laws = lawsOf(header.metadata);
      for (const e of header.entries) {
        const stats = (FLOAT_DTYPES as readonly string[]).includes(e.dtype) ? await tensorStats(source, header, e) : null;
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

export function formatReport(r: InspectReport): string {
  const lines: string[] = [];
  for (const f of r.files) {
    const m = f.metadata;
    const recipe = m.nninit_recipe ? `, nninit ${m.nninit_version ?? "?"} recipe ${m.nninit_recipe} seed ${m.nninit_seed} (${m.nninit_generator ?? "tape"})` : "";
    lines.push(`${f.path}: ${f.bytes.toLocaleString("en-US")} bytes${recipe}`);
  }
  const hasLaws = r.checked > 0;
  const head = ["tensor", "dtype", "shape", "mean", "std", "min", "max", ...(hasLaws ? ["law", "ok"] : [])];
  const rows = r.tensors.map((t) => [t.name, t.dtype, t.shape.join("x") || "scalar", num(t.stats?.mean), num(t.stats?.std), num(t.stats?.min), num(t.stats?.max),
    ...(hasLaws ? [t.law ?? "", t.ok === undefined ? "" : t.ok ? "yes" : "NO"] : [])]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const pad = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  lines.push(pad(head), ...rows.map(pad));
  const params = r.tensors.reduce((a, t) => a + t.shape.reduce((x, y) => x * y, 1), 0);
  lines.push(`${r.tensors.length} tensors, ${params.toLocaleString("en-US")} elements` +
    (hasLaws ? `; ${r.matched} of ${r.checked} match their recipe's law${r.matched === r.checked ? "" : ` (${r.checked - r.matched} do NOT)`}` : ""));
  return `${lines.join("\n")}\n`;
}

/** Exit status 3 when a tensor does not match its law. */
export async function runInspect(argv: readonly string[], ctx: Context): Promise<number> {
  const p = parseArgs(argv, INSPECT_FLAGS);
  if (p.positional.length !== 1) throw new UsageError("inspect takes one PATH");
  const report = await inspect(p.positional[0]);
  if (flag(p, "json") !== undefined) ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (!ctx.quiet) ctx.stdout.write(formatReport(report));
  return report.matched === report.checked ? 0 : 3;
}
