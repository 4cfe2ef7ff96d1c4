// Seeds as torch takes them: an integer in [-2^63, 2^64), a safe-integer number or a bigint,
// stored as its 64-bit two's complement (negative seeds wrap as torch's int64 -> uint64 cast).
// The one place for the seed rule and the default seed: the tape Generator, nninit/torch's
// TorchGenerator and the command line's --seed all read their seeds through this file.

import { typeError, rangeError } from "../validate.js";

const U64 = 1n << 64n;
const I64_MIN = -(1n << 63n);

/**
 * torch's default seed (`default_rng_seed_val`), used by the default generator (and torch's).
 *
 * @example
 * ```ts
 * import { DEFAULT_SEED, Generator } from "nninit";
 * console.log(DEFAULT_SEED); // 67280421310721n, torch's default seed
 * const g = new Generator(); // seeded with DEFAULT_SEED
 * ```
 */
export const DEFAULT_SEED = 67280421310721n;

/** `seed` checked (an integer in [-2^63, 2^64)) and as a bigint, not wrapped; a TypeError/RangeError naming `fn` and `name` otherwise. */
export function checkSeed(fn: string, seed: unknown, name = "seed"): bigint {
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) throw rangeError(fn, name, "an integer (a safe integer number or a bigint)", seed);
    seed = BigInt(seed);
  }
  if (typeof seed !== "bigint") throw typeError(fn, name, "an integer number or a bigint", seed);
  if (seed < I64_MIN || seed >= U64) throw rangeError(fn, name, "an integer in [-2^63, 2^64)", seed);
  return seed;
}

/** `seed` as a uint64 bigint; a TypeError/RangeError naming `fn` and "seed" otherwise. */
export function seedToU64(fn: string, seed: unknown): bigint {
  return BigInt.asUintN(64, checkSeed(fn, seed));
}

/**
 * A seed written as text (a command-line flag, an environment variable): decimal digits with an
 * optional minus sign, checked as {@link checkSeed} checks it. Returns the signed value.
 */
export function parseSeed(fn: string, name: string, text: string): bigint {
  if (!/^-?\d+$/.test(text)) throw typeError(fn, name, "an integer written in decimal", text);
  return checkSeed(fn, BigInt(text), name);
}
