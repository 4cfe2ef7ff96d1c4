// Golden vectors freeze the tape; known answers from the algorithms' published references check
// the reference generator itself, so the frozen vectors rest on something independent.

import { describe, expect, it } from "vitest";
import { WORD_VECTORS, FLOAT_VECTORS } from "./golden/vectors.js";
import { BUILDS, fillWith, bits } from "./helpers.js";
import { mix64, xoshiro128ss, referenceWords } from "./reference/tape.js";
import { Generator, uniform, normal, truncNormal, useBuild } from "../src/index.js";

describe("known answers of the building blocks", () => {
  it("SplitMix64 from state 0 gives Vigna's published first outputs", () => {
    // splitmix64.c with x = 0: next() = mix(x += GAMMA)
    const GAMMA = 0x9e3779b97f4a7c15n;
    const M = (1n << 64n) - 1n;
    expect(mix64(GAMMA)).toBe(0xe220a8397b1dcdafn);
    expect(mix64((2n * GAMMA) & M)).toBe(0x6e789e6aa1b965f4n);
    expect(mix64((3n * GAMMA) & M)).toBe(0x06c45d188009454fn);
  });

  it("xoshiro128** from state {1, 2, 3, 4} gives the reference outputs", () => {
    const s = [1, 2, 3, 4];
    const got = Array.from({ length: 6 }, () => xoshiro128ss(s));
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });
});

describe("golden tape words", () => {
  it("the JS reference reproduces every golden vector", () => {
    for (const v of WORD_VECTORS) {
      expect(Array.from(referenceWords(v.seed, v.position, v.words.length)), `seed ${v.seed} @ ${v.position}`).toEqual(v.words);
    }
  });

  it.each(BUILDS)("the %s build reproduces every golden vector", (build) => {
    for (const v of WORD_VECTORS) {
      expect(Array.from(fillWith(build, { kind: "bits" }, v.seed, v.position, v.words.length))).toEqual(v.words);
    }
  });

  it("a seed given as a negative number is its two's complement", () => {
    const minusOne = fillWith(BUILDS[0], { kind: "bits" }, -1, 0, 16);
    expect(Array.from(minusOne)).toEqual(WORD_VECTORS.find((v) => v.seed === 2n ** 64n - 1n && v.position === 0)!.words);
  });
});

describe("golden floats through the public API", () => {
  // One call type for the table (each initializer is generic in its options, so a union of them is not callable).
  const fns: Record<"uniform" | "normal" | "truncNormal", (shape: number | number[], options: object) => Float32Array> = { uniform, normal, truncNormal };
  it.each(BUILDS)("the %s build reproduces every golden float vector", (build) => {
    useBuild(build);
    try {
      for (const v of FLOAT_VECTORS) {
        const x = fns[v.fn](v.bits.length, { ...v.options, generator: new Generator(v.seed) });
        expect(Array.from(bits(x)), `${v.fn} ${JSON.stringify(v.options)} seed ${v.seed}`).toEqual(v.bits);
      }
    } finally {
      useBuild("auto");
    }
  });
});
