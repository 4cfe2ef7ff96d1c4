// The one seed rule (src/random/seed.ts): numbers, bigints and decimal text, [-2^63, 2^64).

import { describe, expect, it } from "vitest";
import { checkSeed, parseSeed, seedToU64, DEFAULT_SEED } from "../src/random/seed.js";
import { Generator, DEFAULT_SEED as PUBLIC_DEFAULT_SEED, defaultGenerator } from "../src/index.js";

describe("seeds", () => {
  it("one default seed: torch's, on the default generator", () => {
    expect(PUBLIC_DEFAULT_SEED).toBe(DEFAULT_SEED);
    expect(DEFAULT_SEED).toBe(67280421310721n);
    expect(new Generator().seed).toBe(DEFAULT_SEED);
    expect(defaultGenerator.seed).toBeTypeOf("bigint");
  });

  it("checkSeed keeps the sign, seedToU64 wraps it", () => {
    expect(checkSeed("f", -1)).toBe(-1n);
    expect(seedToU64("f", -1)).toBe(2n ** 64n - 1n);
    expect(checkSeed("f", 2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(() => checkSeed("f", 2n ** 64n)).toThrow("f: seed must be an integer in [-2^63, 2^64), got 18446744073709551616n");
    expect(() => checkSeed("f", -(2n ** 63n) - 1n)).toThrow(RangeError);
    expect(() => checkSeed("f", 0.5)).toThrow("f: seed must be an integer (a safe integer number or a bigint), got 0.5");
    expect(() => checkSeed("f", "1", "--seed")).toThrow(/^f: --seed must be an integer number or a bigint, got "1"$/);
  });

  it("parseSeed reads decimal text with the same rule", () => {
    expect(parseSeed("nninit init", "--seed", "-9223372036854775808")).toBe(-(2n ** 63n));
    expect(parseSeed("nninit init", "--seed", "18446744073709551615")).toBe(2n ** 64n - 1n);
    expect(() => parseSeed("nninit init", "--seed", "18446744073709551616")).toThrow(/^nninit init: --seed must be an integer in \[-2\^63, 2\^64\)/);
    for (const bad of ["", "1.5", "0x10", "1e3", " 1", "--1"]) {
      expect(() => parseSeed("nninit init", "--seed", bad)).toThrow(/^nninit init: --seed must be an integer written in decimal/);
    }
  });
});
