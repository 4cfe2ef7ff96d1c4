// The stream contract through the public API: element i of a fill is a pure function of
// (seed, position + i), a fill of n moves the head by n, and range / out / split fills agree.

import { describe, expect, it } from "vitest";
import { Generator, uniform, normal, truncNormal, constant, ones, zeros, manualSeed, defaultGenerator, DEFAULT_SEED } from "../src/index.js";
import { bits } from "./helpers.js";

const FILLS = {
  uniform: (n: number, o: object) => uniform(n, { a: -2, b: 2, ...o }),
  normal: (n: number, o: object) => normal(n, { mean: 0.1, std: 0.02, ...o }),
  truncNormal: (n: number, o: object) => truncNormal(n, { std: 0.5, a: -1, b: 1, ...o }),
};

describe.each(Object.entries(FILLS))("%s", (_name, fill) => {
  it("two fills of halves equal one fill of the whole, at any split", () => {
    const whole = fill(5000, { generator: new Generator(9) });
    for (const split of [0, 1, 7, 8, 9, 1023, 1024, 1025, 2501, 5000]) {
      const g = new Generator(9);
      const first = fill(split, { generator: g });
      const second = fill(5000 - split, { generator: g });
      expect(g.position).toBe(5000);
      expect(bits(first)).toEqual(bits(whole).subarray(0, split));
      expect(bits(second)).toEqual(bits(whole).subarray(split));
    }
  });

  it("range returns exactly that slice and advances the generator by the whole tensor", () => {
    const shape = [37, 129];
    const whole = fill(shape as unknown as number, { generator: new Generator(4) });
    for (const [start, end] of [[0, 0], [0, 1], [5, 6], [100, 2000], [4000, 4773], [0, 4773]]) {
      const g = new Generator(4);
      const part = fill(shape as unknown as number, { generator: g, range: [start, end] });
      expect(part.length).toBe(end - start);
      expect(bits(part)).toEqual(bits(whole).subarray(start, end));
      expect(g.position).toBe(4773);
    }
  });

  it("a fill after advance(p) equals the full fill from p", () => {
    const whole = fill(3000, { generator: new Generator(8) });
    const g = new Generator(8).advance(1234);
    expect(bits(fill(1000, { generator: g }))).toEqual(bits(whole).subarray(1234, 2234));
  });

  it("fills the caller's `out` in place", () => {
    const out = new Float32Array(100);
    const got = fill(100, { generator: new Generator(1), out });
    expect(got).toBe(out);
    expect(bits(out)).toEqual(bits(fill(100, { generator: new Generator(1) })));
  });

  it("different seeds give different streams", () => {
    const a = fill(64, { generator: new Generator(1) });
    const b = fill(64, { generator: new Generator(2) });
    expect(bits(a)).not.toEqual(bits(b));
  });
});

describe("Generator", () => {
  it("getState / setState restore the same future output", () => {
    const g = new Generator(123n);
    normal(77, { generator: g });
    const state = g.getState();
    expect(state).toEqual({ seed: 123n, position: 77 });
    const next = normal(50, { generator: g });
    g.setState(state);
    expect(bits(normal(50, { generator: g }))).toEqual(bits(next));
  });

  it("clone continues independently from the same state", () => {
    const g = new Generator(5).advance(10);
    const c = g.clone();
    expect(bits(uniform(20, { generator: c }))).toEqual(bits(uniform(20, { generator: g })));
    expect(c).not.toBe(g);
  });

  it("accepts seeds as numbers and bigints, negative ones as two's complement", () => {
    expect(new Generator(7).seed).toBe(7n);
    expect(new Generator(-1).seed).toBe(2n ** 64n - 1n);
    expect(new Generator(-(2n ** 63n)).seed).toBe(2n ** 63n);
    expect(new Generator(2n ** 64n - 1n).seed).toBe(2n ** 64n - 1n);
    expect(new Generator().seed).toBe(DEFAULT_SEED);
  });

  it("manualSeed reseeds and rewinds the default generator", () => {
    manualSeed(99);
    const a = normal(10);
    expect(defaultGenerator.position).toBe(10);
    manualSeed(99);
    expect(bits(normal(10))).toEqual(bits(a));
    expect(bits(a)).toEqual(bits(normal(10, { generator: new Generator(99) })));
  });
});

describe("deterministic fills", () => {
  it("constant, ones and zeros fill without moving the generator", () => {
    const g = new Generator(1);
    expect(Array.from(constant([2, 3], { value: 0.5, generator: g }))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(ones(3, { generator: g }))).toEqual([1, 1, 1]);
    expect(Array.from(zeros([2, 2], { range: [1, 3] }))).toEqual([0, 0]);
    expect(g.position).toBe(0);
  });

  it("zero-element shapes give empty arrays and move nothing", () => {
    const g = new Generator(1);
    expect(normal([0, 5], { generator: g }).length).toBe(0);
    expect(uniform([], { generator: g }).length).toBe(1); // a scalar: shape [] has one element
    expect(g.position).toBe(1);
  });
});
