// Checks a model config before anything is built or written: --set keys must be the model's
// (with a "did you mean" for a typo), values of the type of the key's default, the size the
// config implies under a limit (found from two tiny builds, so a huge n_layer costs nothing),
// and the initializers' parameters representable in the dtype, each error naming the config key.

import { parameterCount, type ModelRecipe } from "../models/index.js";
import { RECIPE_INITIALIZERS } from "../models/recipe.js";
import { Generator } from "../random/generator.js";
import type { Dtype } from "../dtype.js";
import { UsageError } from "./args.js";
import { formatBytes } from "./progress.js";

/** Keys the builders read that no default spells out: accepted by --set too. */
const OPTIONAL_KEYS: Record<string, Record<string, "int" | "boolean">> = {
  gpt2: {},
  llama: { head_dim: "int" },
  nanogpt: {},
  resnet: { zero_init_residual: "boolean" },
};

/** The key that repeats a block of tensors: the size grows linearly in it. */
const LAYER_KEYS: Record<string, string | undefined> = { gpt2: "n_layer", llama: "num_hidden_layers", nanogpt: "n_layer" };

/** Keys whose value is a float the builders turn into an initializer's parameter. */
const FLOAT_KEYS: Record<string, string[]> = { gpt2: ["initializer_range"], llama: ["initializer_range"] };

/** More tensors than any published model has by far (Llama 2 70B: 723): past it a layer count is taken for a typo, before its list is built. */
export const MAX_TENSORS = 100_000;

/** The edit distance of two keys (for "did you mean"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

export function closest(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined, score = Infinity;
  for (const k of keys) {
    const d = distance(key, k);
    if (d < score) { best = k; score = d; }
  }
  return best !== undefined && score <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function kindOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * Checks --set overrides against the config they change (`base`: defaults, preset and --config
 * file): each key must be one of its keys (or one the builder reads), each value of the default's
 * type (a null default takes a number or null).
 */
export function checkOverrides(family: string, base: Record<string, unknown>, overrides: Record<string, unknown>): void {
  const optional = OPTIONAL_KEYS[family] ?? {};
  const keys = [...Object.keys(base), ...Object.keys(optional)].filter((k) => k !== "model_type");
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "model_type") throw new UsageError(`--set model_type: the model is chosen by name (nninit init ${family}), not by --set`);
    if (!keys.includes(key)) {
      const near = closest(key, keys);
      throw new UsageError(`--set ${key}: ${family} has no config key ${JSON.stringify(key)}${near ? `; did you mean ${near}?` : ` (its keys: ${keys.join(", ")})`}`);
    }
    const expected = key in base ? kindOf(base[key]) : optional[key] === "int" ? "number" : "boolean";
    const got = kindOf(value);
    const ok = got === expected || (expected === "null" && (got === "number" || got === "null")) || (key in optional && optional[key] === "int" && got === "null");
    if (!ok) throw new UsageError(`--set ${key}=${JSON.stringify(value)}: ${family}'s ${key} is a ${expected === "null" ? "number or null" : expected}, got a ${got}`);
  }
}

/** Keys of a --config file the model does not read (kept in config.json; listed with --verbose). */
export function unknownFileKeys(family: string, defaults: Record<string, unknown>, file: Record<string, unknown>): string[] {
  const known = new Set([...Object.keys(defaults), ...Object.keys(OPTIONAL_KEYS[family] ?? {})]);
  return Object.keys(file).filter((k) => !known.has(k));
}

export interface Estimate {
  tensors: number;
  parameters: number;
}

/** The tensor and parameter counts of a config, from builds with 1 and 2 layers (linear in the layer count). */
export function estimate(family: string, config: Record<string, unknown>, build: (c: Record<string, unknown>) => ModelRecipe): Estimate {
  const key = LAYER_KEYS[family];
  const layers = key === undefined ? undefined : config[key];
  // a bad layer count (1.5, -1) fails in the builder, which names it, at no cost
  if (typeof layers !== "number" || !Number.isSafeInteger(layers) || layers <= 2) {
    const r = build(config);
    return { tensors: r.tensors.length, parameters: parameterCount(r) };
  }
  const layerKey = key as string;
  const one = build({ ...config, [layerKey]: 1 }), two = build({ ...config, [layerKey]: 2 });
  const perTensors = two.tensors.length - one.tensors.length, perParams = parameterCount(two) - parameterCount(one);
  return { tensors: one.tensors.length + (layers - 1) * perTensors, parameters: parameterCount(one) + (layers - 1) * perParams };
}

/** Refuses a config past the size limit (bytes) or past MAX_TENSORS, before it is built. */
export function checkSize(e: Estimate, bytesPerValue: number, limit: number, limitFlag: string): void {
  const bytes = e.parameters * bytesPerValue;
  if (bytes > limit) {
    throw new UsageError(`this model would be ${formatBytes(bytes)} (${e.parameters.toLocaleString("en-US")} parameters), past the limit of ${formatBytes(limit)}; ` +
      `check the config's sizes, or raise the limit with ${limitFlag} ${formatBytes(bytes * 1.01).replace(" ", "")}`);
  }
  if (e.tensors > MAX_TENSORS) {
    throw new UsageError(`this model would have ${e.tensors.toLocaleString("en-US")} tensors, more than nninit builds (${MAX_TENSORS.toLocaleString("en-US")}); check its layer count`);
  }
}

/**
 * Checks every initializer call of a (small) recipe in `dtype` with an empty range: a parameter
 * the initializer refuses (a negative std, a std whose values float16 cannot hold) becomes a usage
 * error naming the config key it comes from.
 */
export function checkValues(family: string, config: Record<string, unknown>, recipe: ModelRecipe, dtype: Dtype): void {
  const generator = new Generator(0);
  for (const t of recipe.tensors) {
    const init = RECIPE_INITIALIZERS[t.fn] as (shape: number[], options: object) => unknown;
    try {
      init(t.shape, { ...t.options, generator, range: [0, 0], dtype });
    } catch (error) {
      throw cannotDraw(family, config, t.name, dtype, (error as Error).message);
    }
  }
}

/** The sign of the config's float keys (the std of the weights' normal), before anything is built. */
export function checkFloatKeys(family: string, config: Record<string, unknown>): void {
  for (const key of FLOAT_KEYS[family] ?? []) {
    const v = config[key];
    if (typeof v === "number" && !(v >= 0)) throw new UsageError(`config ${key}=${v}: must be a number >= 0 (the std of the weights' normal)`);
  }
}

/** A tensor the config's values make impossible to draw, as a usage error naming the config keys. */
export function cannotDraw(family: string, config: Record<string, unknown>, tensor: string, dtype: Dtype, message: string): UsageError {
  const keys = (FLOAT_KEYS[family] ?? []).map((k) => `${k}=${JSON.stringify(config[k])}`).join(", ");
  return new UsageError(`config ${keys || "values"}: ${tensor} in ${dtype} cannot be drawn: ${message}`);
}
