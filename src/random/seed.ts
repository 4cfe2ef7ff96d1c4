// Seeds as torch takes them: an integer in [-2^63, 2^64), a safe-integer number or a bigint,
// stored as its 64-bit two's complement (negative seeds wrap as torch's int64 -> uint64 cast).
// Shared by the tape Generator and nninit/torch's TorchGenerator, which accept the same seeds.

import { typeError, rangeError } from "../validate.js";

const U64 = 1n << 64n;
const I64_MIN = -(1n << 63n);

/** `seed` as a uint64 bigint; a TypeError/RangeError naming `fn` and "seed" otherwise. */
export function seedToU64(fn: string, seed: unknown): bigint {
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) throw rangeError(fn, "seed", "an integer (a safe integer number or a bigint)", seed);
    seed = BigInt(seed);
  }
  if (typeof seed !== "bigint") throw typeError(fn, "seed", "an integer number or a bigint", seed);
  if (seed < I64_MIN || seed >= U64) throw rangeError(fn, "seed", "an integer in [-2^63, 2^64)", seed);
  return BigInt.asUintN(64, seed);
}
