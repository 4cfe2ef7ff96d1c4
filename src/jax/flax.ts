// Flax NNX's default parameters: `nnx.Rngs(seed)` and the layers' default initializers, in the
// order the layers ask for keys. An Rngs stream holds key(seed) and a uint32 counter; each
// `rngs.params()` (no "params" stream given: the "default" one) is fold_in(key, counter), then
// the counter goes up, so a layer's kernel takes count c and its bias (or LayerNorm's bias after
// its scale) c + 1, even when that initializer ignores its key (zeros, ones).

import { key as makeKey, foldIn, wordsOf, type JaxKey, type JaxSeed } from "./key.js";
import { lecunNormal, varianceScaling, zeros, ones, type Initializer } from "./initializers.js";
import { integer, rangeError } from "../validate.js";

/**
 * nnx.Rngs(seed) with its one "default" stream: `params()` gives the next key.
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const rngs = new nnx.Rngs(0);
 * const k0 = rngs.params(), k1 = rngs.params(); // fold_in(key(0), 0), fold_in(key(0), 1)
 * console.log(String(k0), rngs.count); // the key's words, 2
 * ```
 */
export class Rngs {
  readonly #key: JaxKey;
  #count = 0;

  /** nnx.Rngs(seed) (an integer, jax.random.key's rules) or nnx.Rngs(key). */
  constructor(seed: JaxSeed | JaxKey) {
    if (typeof seed === "object") wordsOf("Rngs", "seed", seed);
    this.#key = typeof seed === "object" ? seed : makeKey(seed);
  }

  /** The next key: fold_in(key, count), count += 1. */
  params(): JaxKey {
    if (this.#count > 0xffffffff) throw rangeError("Rngs.params", "count", "below 2^32 (a uint32 counter)", this.#count);
    return foldIn(this.#key, this.#count++);
  }

  /** How many keys this stream gave so far. */
  get count(): number {
    return this.#count;
  }
}

const init = (f: Initializer, rngs: Rngs, shape: number[]) => f(rngs.params(), shape);
const checkRngs = (fn: string, rngs: unknown) => {
  if (!(rngs instanceof Rngs)) throw new TypeError(`${fn}: rngs must be an Rngs (new Rngs(seed)), got ${String(rngs)}`);
};

/**
 * nnx.Linear(inFeatures, outFeatures, rngs): kernel (in, out) lecun_normal, bias zeros.
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const rngs = new nnx.Rngs(0);
 * const l1 = nnx.linear(784, 128, rngs); // nnx.Linear(784, 128, rngs=rngs): kernel (784, 128), bias (128,)
 * const l2 = nnx.linear(128, 10, rngs);  // keys 2 and 3 of the same stream
 * ```
 */
export function linear(inFeatures: number, outFeatures: number, rngs: Rngs, opts: { useBias?: boolean } = {}): { kernel: Float32Array; bias?: Float32Array } {
  const fn = "linear";
  checkRngs(fn, rngs);
  integer(fn, "inFeatures", inFeatures, 0);
  integer(fn, "outFeatures", outFeatures, 0);
  const kernel = init(lecunNormal(), rngs, [inFeatures, outFeatures]);
  return opts.useBias === false ? { kernel } : { kernel, bias: init(zeros, rngs, [outFeatures]) };
}

/**
 * nnx.Conv(inFeatures, outFeatures, kernelSize, rngs): kernel (...kernelSize, in / groups, out) lecun_normal, bias zeros.
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const { kernel, bias } = nnx.conv(3, 16, [3, 3], new nnx.Rngs(0)); // nnx.Conv(3, 16, (3, 3), rngs=nnx.Rngs(0))
 * console.log(kernel.length, bias?.length); // 432 16: kernel (3, 3, 3, 16)
 * ```
 */
export function conv(inFeatures: number, outFeatures: number, kernelSize: number | readonly number[], rngs: Rngs, opts: { useBias?: boolean; featureGroupCount?: number } = {}): { kernel: Float32Array; bias?: Float32Array } {
  const fn = "conv";
  checkRngs(fn, rngs);
  integer(fn, "inFeatures", inFeatures, 0);
  integer(fn, "outFeatures", outFeatures, 0);
  const groups = integer(fn, "featureGroupCount", opts.featureGroupCount ?? 1, 1);
  const ks = typeof kernelSize === "number" ? [kernelSize] : [...kernelSize];
  for (const [i, k] of ks.entries()) integer(fn, `kernelSize[${i}]`, k, 0);
  const kernel = init(lecunNormal(), rngs, [...ks, Math.floor(inFeatures / groups), outFeatures]);
  return opts.useBias === false ? { kernel } : { kernel, bias: init(zeros, rngs, [outFeatures]) };
}

/**
 * nnx.Embed(numEmbeddings, features, rngs): embedding variance_scaling(1, fan_in, normal, out_axis 0).
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const { embedding } = nnx.embed(100, 16, new nnx.Rngs(0)); // nnx.Embed(100, 16, rngs=nnx.Rngs(0))
 * ```
 */
export function embed(numEmbeddings: number, features: number, rngs: Rngs): { embedding: Float32Array } {
  const fn = "embed";
  checkRngs(fn, rngs);
  integer(fn, "numEmbeddings", numEmbeddings, 0);
  integer(fn, "features", features, 0);
  return { embedding: init(varianceScaling(1, "fan_in", "normal", { outAxis: 0 }), rngs, [numEmbeddings, features]) };
}

/**
 * nnx.LayerNorm(numFeatures, rngs): scale ones, bias zeros (two keys taken).
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const rngs = new nnx.Rngs(0);
 * const { scale, bias } = nnx.layerNorm(16, rngs); // ones and zeros; takes two keys
 * console.log(rngs.count); // 2
 * ```
 */
export function layerNorm(numFeatures: number, rngs: Rngs): { scale: Float32Array; bias: Float32Array } {
  const fn = "layerNorm";
  checkRngs(fn, rngs);
  integer(fn, "numFeatures", numFeatures, 0);
  return { scale: init(ones, rngs, [numFeatures]), bias: init(zeros, rngs, [numFeatures]) };
}
