// JAX keys: `key`, `split`, `foldIn`, `keyData`, `wrapKeyData`, as jax.random does them in jax
// 0.10 with its default implementation (threefry2x32, jax_threefry_partitionable on): a key is
// two uint32 words; split(k, n)[i] is the threefry block of counter (0, i), foldIn(k, d) the
// block of counter (0, d) (so foldIn(k, d) = split(k, d + 1)[d]).

import { threefry2x32 } from "./threefry.js";
import { typeError, rangeError, integer } from "../validate.js";

const DATA = Symbol("jax key data");

/**
 * An opaque, immutable JAX PRNG key (jax.random.key's value). Read its words with keyData.
 *
 * @example
 * ```ts
 * import { JaxKey, key, split } from "nninit/jax";
 * const [a, b] = split(key(0));
 * console.log(a instanceof JaxKey, String(b)); // true "JaxKey(928981903, 3453687069)"
 * ```
 */
export class JaxKey {
  readonly [DATA]: readonly [number, number];

  /** @internal Use key(seed) or wrapKeyData(data). */
  constructor(k0: number, k1: number, token: symbol) {
    if (token !== DATA) throw new TypeError("JaxKey: make keys with key(seed) or wrapKeyData(data), not new JaxKey()");
    this[DATA] = Object.freeze([k0 >>> 0, k1 >>> 0]) as readonly [number, number];
    Object.freeze(this);
  }

  /** "JaxKey(word0, word1)" for logs. */
  toString(): string {
    return `JaxKey(${this[DATA][0]}, ${this[DATA][1]})`;
  }
}

const make = (k0: number, k1: number) => new JaxKey(k0, k1, DATA);

/** The key's two words, checked: a TypeError naming fn and the argument for anything but a JaxKey. */
export function wordsOf(fn: string, name: string, k: unknown): readonly [number, number] {
  if (!(k instanceof JaxKey) || !Object.isFrozen(k)) throw typeError(fn, name, "a JaxKey (from key(seed), split or foldIn)", k);
  return k[DATA];
}

/** A seed as jax.random.key takes it: an integer in [-2^63, 2^63), a safe-integer number or a bigint. */
export type JaxSeed = number | bigint;

const I64_MIN = -(2n ** 63n), I64_MAX = 2n ** 63n - 1n;

/**
 * jax.random.key(seed): with JAX's default 32-bit mode the seed becomes an int64 and then its
 * low 32 bits, so the key's words are [0, seed mod 2^32] (key(-5) = [0, 0xFFFFFFFB]; key(2^40 + 3)
 * = [0, 3]). Seeds outside int64 are a RangeError, as JAX's OverflowError.
 *
 * @example
 * ```ts
 * import { key, keyData } from "nninit/jax";
 * console.log(keyData(key(0)), keyData(key(-5))); // Uint32Array(2) [ 0, 0 ] Uint32Array(2) [ 0, 4294967291 ]
 * ```
 */
export function key(seed: JaxSeed): JaxKey {
  const fn = "key";
  let s: bigint;
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) {
      if (Number.isInteger(seed)) throw rangeError(fn, "seed", "a safe integer (pass a bigint beyond 2^53)", seed);
      throw typeError(fn, "seed", "an integer (a number or a bigint)", seed);
    }
    s = BigInt(seed);
  } else if (typeof seed === "bigint") {
    s = seed;
  } else {
    throw typeError(fn, "seed", "an integer (a number or a bigint)", seed);
  }
  if (s < I64_MIN || s > I64_MAX) throw rangeError(fn, "seed", "an integer in [-2^63, 2^63) (int64)", seed);
  return make(0, Number(BigInt.asUintN(32, s)));
}

/**
 * The key from its two uint32 words (jax.random.wrap_key_data of a threefry key).
 *
 * @example
 * ```ts
 * import { keyData, uniform, wrapKeyData } from "nninit/jax";
 * const k = wrapKeyData([928981903, 3453687069]); // jax.random.wrap_key_data
 * console.log(keyData(k)); // Uint32Array(2) [ 928981903, 3453687069 ]
 * const w = uniform(k, [2]);
 * ```
 */
export function wrapKeyData(data: ArrayLike<number>): JaxKey {
  const fn = "wrapKeyData";
  if (data === null || typeof data !== "object" || typeof (data as { length?: unknown }).length !== "number") {
    throw typeError(fn, "data", "two uint32 words (an array or a Uint32Array)", data);
  }
  if (data.length !== 2) throw rangeError(fn, "data", "two uint32 words", data);
  return make(integer(fn, "data[0]", data[0], 0, 0xffffffff), integer(fn, "data[1]", data[1], 0, 0xffffffff));
}

/**
 * jax.random.key_data(k): the two uint32 words.
 *
 * @example
 * ```ts
 * import { key, keyData, split } from "nninit/jax";
 * console.log(keyData(split(key(0))[1])); // Uint32Array(2) [ 928981903, 3453687069 ], jax.random.key_data
 * ```
 */
export function keyData(k: JaxKey): Uint32Array {
  return Uint32Array.from(wordsOf("keyData", "key", k));
}

/**
 * jax.random.split(k, num): num new keys; key i is threefry(k, (0, i)) (i < 2^32).
 *
 * @example
 * ```ts
 * import { key, split, uniform } from "nninit/jax";
 * const [k1, k2] = split(key(0));
 * const w = uniform(k1, [4, 4]);
 * const v = uniform(k2, [4, 4]); // independent of w
 * ```
 */
export function split(k: JaxKey, num = 2): JaxKey[] {
  const [k0, k1] = wordsOf("split", "key", k);
  integer("split", "num", num, 0, 0xffffffff);
  const out: JaxKey[] = [];
  for (let i = 0; i < num; i++) {
    const [y0, y1] = threefry2x32(k0, k1, 0, i);
    out.push(make(y0, y1));
  }
  return out;
}

/**
 * jax.random.fold_in(k, data): the key of counter (0, data) (data as uint32: [0, 2^32)).
 *
 * @example
 * ```ts
 * import { foldIn, key, keyData } from "nninit/jax";
 * console.log(keyData(foldIn(key(0), 1))); // Uint32Array(2) [ 928981903, 3453687069 ]
 * ```
 */
export function foldIn(k: JaxKey, data: number): JaxKey {
  const [k0, k1] = wordsOf("foldIn", "key", k);
  const d = integer("foldIn", "data", data, 0, 0xffffffff);
  const [y0, y1] = threefry2x32(k0, k1, 0, d);
  return make(y0, y1);
}
