// Fallbacks: the scalar build gives the SIMD build's bits (forced with useBuild, or picked by
// "auto" on an engine that rejects the SIMD binary). No WebAssembly at all: see no-webassembly.test.ts.

import { afterEach, describe, expect, it, vi } from "vitest";
import { bits } from "../helpers.js";
import { firstDifference } from "./compare.js";
import { Generator, uniform, normal, truncNormal, useBuild, activeBuild, ready, type BuildName } from "../../src/index.js";

afterEach(() => {
  vi.restoreAllMocks();
  useBuild("auto");
});

/** Fills through the public API on whatever build is active: several windows, odd head, odd range. */
function sample(): Uint32Array[] {
  const g = () => new Generator(0x5eedn).advance(1021);
  return [
    uniform([301, 1001], { generator: g(), a: -2, b: 3, range: [3, 300_000] }),
    normal([301, 1001], { generator: g(), mean: 1, std: 0.1 }),
    truncNormal([301, 1001], { generator: g(), a: -0.5, b: 1.5, range: [65_537, 301_301] }),
  ].map(bits);
}

function sampleWith(build: BuildName): Uint32Array[] {
  useBuild(build);
  expect(activeBuild()).toBe(build);
  return sample();
}

describe("the scalar build", () => {
  it("the engine picks SIMD by default", async () => {
    expect(await ready()).toBe("simd");
  });

  it("forced with useBuild(\"scalar\") gives the same bits as SIMD", () => {
    const scalar = sampleWith("scalar"), simd = sampleWith("simd");
    expect(scalar.map((x, i) => firstDifference(x, simd[i]!))).toEqual([-1, -1, -1]);
  });

  it("is what \"auto\" picks when the engine rejects the SIMD binary, with the same bits", () => {
    const simd = sampleWith("simd");
    vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    useBuild("auto");
    expect(activeBuild()).toBe("scalar");
    expect(sample().map((x, i) => firstDifference(x, simd[i]!))).toEqual([-1, -1, -1]);
    useBuild("simd");
    expect(() => activeBuild()).toThrow("nninit: this engine does not support WebAssembly SIMD; use the scalar build");
  });
});
