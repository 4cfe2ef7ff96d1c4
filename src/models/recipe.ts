// A model recipe is a list of named tensors, each with the initializer call that makes it and
// the law its values follow (what `nninit inspect` checks). Recipes only call the public API.
// Tensors are drawn from one generator in list order: tensor i starts where tensor i - 1 left
// the tape, so any tensor (or any chunk of one) can be computed without the ones before it.

import { Generator, normal, uniform, ones, zeros, kaimingNormal, kaimingUniform, catalogEntry, type CatalogEntry, type Dtype, type Law } from "../index.js";
import type { TensorSource } from "../io/write.js";
import { reserve, type Reservation, type AnyInitializer } from "../stream/reserve.js";

/** The initializers recipes use, by name (the name is stored with each tensor). */
export const RECIPE_INITIALIZERS = { normal, uniform, ones, zeros, kaimingNormal, kaimingUniform } as const;
export type RecipeInitializer = keyof typeof RECIPE_INITIALIZERS;

/** The law of a tensor's values: the catalog's (one vocabulary from the initializers down to the recipes). */
export type { Law };

/** One tensor of a {@link ModelRecipe}: its name and shape, the initializer call that makes it and the law its values follow. */
export interface TensorRecipe {
  name: string;
  shape: number[];
  fn: RecipeInitializer;
  options: Record<string, number | string>;
  law: Law;
  /**
   * Flat element ranges set to zero after the draw (an embedding's padding row, as
   * `nn.Embedding(padding_idx=...)` and transformers' `_init_weights` do); the draw is unchanged.
   */
  zeroRanges?: [number, number][];
}

/** A model's tensors, and the config it was built from (written as config.json for HF models). */
export interface ModelRecipe {
  recipe: string;
  config: Record<string, unknown>;
  tensors: TensorRecipe[];
  /** Whether the recipe is a Hugging Face transformers model (then config.json is written beside it). */
  huggingFace: boolean;
}

/**
 * The tensor `fn(shape, options)`, with the law the catalog computes for that call (the
 * function's own option parsing, fans and gains), so a recipe's law cannot disagree with its values.
 */
export function tensorT(name: string, shape: number[], fn: RecipeInitializer, options: Record<string, number | string> = {}): TensorRecipe {
  let law: Law;
  try {
    law = (catalogEntry(fn) as CatalogEntry).law(shape, options);
  } catch (error) {
    throw new TensorLawError(name, error as Error);
  }
  return { name, shape, fn, options, law };
}

/** A recipe tensor whose initializer refuses its parameters (a config value out of range): names the tensor. */
export class TensorLawError extends RangeError {
  /** The tensor's name, and the initializer's own message. */
  constructor(readonly tensor: string, readonly reason: Error) {
    super(`${tensor}: ${reason.message}`);
    this.name = "RangeError";
  }
}
export const normalT = (name: string, shape: number[], std: number, mean = 0): TensorRecipe => tensorT(name, shape, "normal", { mean, std });
export const onesT = (name: string, shape: number[]): TensorRecipe => tensorT(name, shape, "ones");
export const zerosT = (name: string, shape: number[]): TensorRecipe => tensorT(name, shape, "zeros");
export const uniformT = (name: string, shape: number[], bound: number): TensorRecipe => tensorT(name, shape, "uniform", { a: -bound, b: bound });

/** Elements of a shape. */
export function numelOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Parameter count of a recipe (every tensor written).
 *
 * @example
 * ```ts
 * import { buildRecipe, parameterCount, resolveConfig } from "nninit/checkpoint";
 * console.log(parameterCount(buildRecipe(resolveConfig("gpt2")))); // 124439808, GPT-2 small with its tied head
 * ```
 */
export function parameterCount(recipe: ModelRecipe): number {
  return recipe.tensors.reduce((a, t) => a + numelOf(t.shape), 0);
}

/**
 * Each tensor's reserved segment, in `dtype`, drawn from `seed`: tensor i's segment starts where
 * tensors 0..i-1 leave the generator, found without computing them (a reservation moves the
 * generator exactly as the full call would), so shards and chunks need nothing else.
 */
export function tensorReservations(recipe: ModelRecipe, seed: number | bigint, dtype: Dtype): Reservation[] {
  const generator = new Generator(seed);
  return recipe.tensors.map((t) => reserve({
    fn: "tensorSources", name: t.fn, initializer: RECIPE_INITIALIZERS[t.fn] as AnyInitializer, shape: t.shape,
    options: { ...t.options, generator, dtype },
  }));
}

/** Sets the tensor's zero ranges (see TensorRecipe) that fall in [s, e) of `out`, which holds elements [s, e). */
export function applyZeroRanges(t: TensorRecipe, out: { fill(value: 0, start: number, end: number): unknown }, s: number, e: number): void {
  for (const [zs, ze] of t.zeroRanges ?? []) {
    const a = Math.max(zs, s), b = Math.min(ze, e);
    if (a < b) out.fill(0, a - s, b - s);
  }
}

/**
 * The recipe's tensors as writer sources, in `dtype`, drawn from `seed` (see tensorReservations).
 *
 * @example
 * ```ts
 * import { buildRecipe, resolveConfig, tensorSources, writeSafetensors } from "nninit/checkpoint";
 * const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 64, n_head: 2, vocab_size: 100, n_positions: 32 }));
 * const sources = tensorSources(recipe, 42, "bfloat16"); // drawn from seed 42, in recipe order
 * const written = await writeSafetensors({ write: () => {} }, sources);
 * console.log(sources.length, written); // 16 tensors, the file's bytes
 * ```
 */
export function tensorSources(recipe: ModelRecipe, seed: number | bigint, dtype: Dtype): TensorSource[] {
  const segments = tensorReservations(recipe, seed, dtype);
  return recipe.tensors.map((t, i) => ({
    name: t.name,
    shape: t.shape,
    dtype,
    fill(out: Float32Array | Uint16Array, s: number, e: number) {
      segments[i].fill(s, e, out);
      applyZeroRanges(t, out, s, e);
    },
  }));
}
