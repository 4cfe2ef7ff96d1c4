// Same seed, same bits in Chromium as in Node. This file runs in both projects: the golden
// vectors (test/golden/, fixed in Node) through the public API on the build the engine picks,
// and digests of large fills (frozen once in Node, below) that cross many wasm windows and tape
// blocks from odd generator heads and odd range starts.

import { describe, expect, it } from "vitest";
import { FLOAT_VECTORS } from "../golden/vectors.js";
import { bits } from "../helpers.js";
import { Generator, uniform, normal, truncNormal, activeBuild } from "../../src/index.js";

const inBrowser = typeof window !== "undefined" && typeof navigator !== "undefined";

/** FNV-1a over the 32-bit words, as 8 hex digits: enough to tell any two fills apart. */
function digest(x: Float32Array): string {
  let h = 0x811c9dc5;
  for (const w of bits(x)) {
    for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((w >>> s) & 0xff), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

// One call type for the table (each initializer is generic in its options, so a union of them is not callable).
const fns: Record<"uniform" | "normal" | "truncNormal", (shape: number | number[], options: object) => Float32Array> = { uniform, normal, truncNormal };

/** Large fills and their digests, frozen from Node (SIMD and scalar builds agreed) when this file was written. */
const LARGE: { fn: keyof typeof fns; seed: bigint; head: number; shape: number[]; options: Record<string, number>; range?: [number, number]; digest: string }[] = [
  { fn: "uniform", seed: 42n, head: 0, shape: [1024, 1031], options: {}, digest: "47658b49" },
  { fn: "uniform", seed: 2n ** 64n - 1n, head: 1_000_003, shape: [3, 333_333], options: { a: -0.5, b: 0.25 }, range: [77_777, 600_001], digest: "6acd814b" },
  { fn: "normal", seed: 42n, head: 0, shape: [1024, 1031], options: {}, digest: "6d610a4d" },
  { fn: "normal", seed: 67280421310721n, head: 2 ** 40 + 5, shape: [50_257, 24], options: { mean: 0.1, std: 0.02 }, range: [65_535, 1_000_000], digest: "df8a60b8" },
  { fn: "truncNormal", seed: 7n, head: 999, shape: [768, 1500], options: { std: 0.02, a: -0.04, b: 0.04 }, digest: "e9c903e7" },
  { fn: "truncNormal", seed: 0n, head: 3, shape: [1_000_000], options: { mean: 1, std: 0.5, a: 2.5, b: 3.5 }, range: [1, 999_999], digest: "925aa52f" },
];

describe(`same bits as Node (${inBrowser ? "browser" : "node"})`, () => {
  it(`runs in ${inBrowser ? "a real Chromium" : "Node"}, on the SIMD build`, () => {
    if (inBrowser) expect(navigator.userAgent).toMatch(/(Headless)?Chrome\/\d+/);
    else expect(globalThis.process?.versions?.node).toMatch(/^\d+\./);
    expect(activeBuild()).toBe("simd");
  });

  it("reproduces every golden float vector through the public API", () => {
    for (const v of FLOAT_VECTORS) {
      const x = fns[v.fn](v.bits.length, { ...v.options, generator: new Generator(v.seed) });
      expect(Array.from(bits(x)), `${v.fn} ${JSON.stringify(v.options)} seed ${v.seed}`).toEqual(v.bits);
    }
  });

  it.each(LARGE)("$fn seed $seed head $head shape $shape range $range has the digest frozen in Node", (c) => {
    const generator = new Generator(c.seed).advance(c.head);
    const x = fns[c.fn](c.shape, { ...c.options, generator, ...(c.range ? { range: c.range } : {}) });
    expect(digest(x)).toBe(c.digest);
  });
});
