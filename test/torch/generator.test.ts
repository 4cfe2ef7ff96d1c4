// TorchGenerator's own contract: seeds as torch takes them, exact state round trips, the words
// each op consumes (the facts table), `range` and `fillAsync` equal to the whole fill, Keras names
// where torch defines the law, and every bad input refused without a draw.

import { describe, expect, it } from "vitest";
import {
  uniform, normal, truncNormal, kaimingUniform, xavierNormal, sparse, orthogonal, zeros, eye, dirac, constant,
  glorotUniform, heNormal, lecunNormal, deltaOrthogonal, identity, fillAsync, Generator,
} from "../../src/index.js";
import { TorchGenerator } from "../../src/torch/index.js";
import { MT } from "../reference/torch.js";
import { bits } from "../helpers.js";

describe("seeds", () => {
  it("wrap and truncate as torch.manual_seed: -1 is 2^64 - 1 (state of 0xffffffff), 2^32 + 5 seeds as 5", () => {
    const minus = new TorchGenerator(-1), big = new TorchGenerator(2n ** 32n + 5n), five = new TorchGenerator(5);
    expect(minus.initialSeed).toBe(2n ** 64n - 1n);
    expect(minus.getState().mt).toEqual(new TorchGenerator(0xffffffff).getState().mt);
    expect(big.initialSeed).toBe(4294967301n);
    expect(big.getState().mt).toEqual(five.getState().mt);
    expect(new TorchGenerator().initialSeed).toBe(67280421310721n);
  });

  it("the words are mt19937's (the plain-JS reference)", () => {
    for (const seed of [0, 1, 5489, 0xffffffff]) {
      const ref = new MT(seed);
      const want = Uint32Array.from({ length: 1300 }, () => ref.random());
      expect(new TorchGenerator(seed).randomWords(1300)).toEqual(want);
    }
  });

  it("manualSeed resets the state, the cached normal and the word count", () => {
    const g = new TorchGenerator(3);
    normal([1], { generator: g });
    expect(g.getState().normal).not.toBeNull();
    g.manualSeed(3);
    expect(g.getState()).toEqual(new TorchGenerator(3).getState());
  });
});

describe("state", () => {
  it("getState/setState and clone round-trip exactly, the cached normal sample included", () => {
    const g = new TorchGenerator(42);
    uniform([700], { generator: g });
    normal([3], { generator: g }); // leaves a cached sample
    const state = g.getState();
    expect(state.normal).not.toBeNull();
    const twin = g.clone();
    const run = (x: TorchGenerator) => [normal([5], { generator: x }), normal([100], { generator: x }), uniform([9], { generator: x })];
    const first = run(g);
    g.setState(state);
    expect(run(g)).toEqual(first);
    expect(run(twin)).toEqual(first);
    expect(g.getState()).toEqual(twin.getState());
    // The state is a copy: changing it does not reach the generator.
    state.mt[0] ^= 1;
    expect(g.getState().mt[0]).not.toBe(state.mt[0]);
  });

  it("a clone keeps the build", () => {
    expect(new TorchGenerator(1, { build: "default" }).clone().build).toBe("default");
  });
});

describe("words consumed per op (torch's counts)", () => {
  const cases: [string, (g: TorchGenerator) => unknown, number][] = [
    ["uniform 1000", (g) => uniform([1000], { generator: g }), 1000],
    ["normal 16", (g) => normal([16], { generator: g }), 16],
    ["normal 17 (refill of the last 16)", (g) => normal([17], { generator: g }), 33],
    ["normal 1000 (1000 % 16 = 8)", (g) => normal([1000], { generator: g }), 1016],
    ["normal 1 (a fresh pair)", (g) => normal([1], { generator: g }), 4],
    ["normal 1 then 7 (the cache serves the first)", (g) => { normal([1], { generator: g }); normal([7], { generator: g }); }, 16],
    ["kaimingUniform 256x784 (nn.Linear's weight)", (g) => kaimingUniform([256, 784], { a: Math.sqrt(5), generator: g }), 256 * 784],
    ["truncNormal 777 (torch 2.13: normal_ of 777, [-2, 2] is 100 std wide, no redraw)", (g) => truncNormal([777], { std: 0.02, generator: g }), 793],
    ["sparse 100x40 (normal_, then 40 randperm(100))", (g) => sparse([100, 40], { sparsity: 0.3, generator: g }), 4000 + 40 * 99],
    ["orthogonal 20x50 (normal_ of 1000)", (g) => orthogonal([20, 50], { generator: g }), 1016],
    ["zeros, eye, dirac, constant, identity", (g) => { zeros([3], { generator: g }); eye([3, 3], { generator: g }); dirac([2, 2, 3], { generator: g }); constant([2], { value: 3, generator: g }); identity([2, 2], { generator: g }); }, 0],
  ];
  it.each(cases)("%s", (_name, op, words) => {
    const g = new TorchGenerator(7);
    op(g);
    expect(g.words).toBe(words);
    expect(g.getState().mt).toEqual(new TorchGenerator(7).advance(words).getState().mt);
  });
});

it("truncNormal with version 1.13 (erfinv): one word per element", () => {
  const g = new TorchGenerator(7, { version: "1.13" });
  truncNormal([777], { std: 0.02, generator: g });
  expect(g.words).toBe(777);
  expect(g.getState().mt).toEqual(new TorchGenerator(7).advance(777).getState().mt);
});

describe("range and fillAsync give slices of the whole fill", () => {
  const fills: [string, (o: object) => Float32Array, number[]][] = [
    ["uniform", (o) => uniform([70001], { a: -2, b: 3, ...o }), [70001]],
    ["normal >= 16, across windows, with the refill", (o) => normal([70001], { mean: 1, std: 2, ...o }), [70001]],
    ["normal < 16 (the double path)", (o) => normal([11], o), [11]],
    ["truncNormal", (o) => truncNormal([3001], { std: 0.5, ...o }), [3001]],
    ["kaimingUniform", (o) => kaimingUniform([300, 70], o), [300, 70]],
  ];
  it.each(fills)("%s", async (_name, fill, shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const whole = new TorchGenerator(9);
    const want = fill({ generator: whole });
    for (const [s, e] of [[0, n], [0, 5], [3, 17], [n - 20, n], [Math.floor(n / 2) - 7, Math.floor(n / 2) + 40], [n, n], [2, 9]].filter(([s, e]) => s >= 0 && s <= e && e <= n)) {
      const g = new TorchGenerator(9);
      expect(bits(fill({ generator: g, range: [s, e] })), `[${s}, ${e})`).toEqual(bits(want.subarray(s, e)));
      expect(g.getState()).toEqual(whole.getState());
    }
    const g = new TorchGenerator(9);
    const init = ((_shape: number[], o: object) => fill(o)) as typeof uniform;
    const got = await fillAsync(init, shape, { generator: g, chunkSize: Math.ceil(n / 3) });
    expect(bits(got)).toEqual(bits(want));
    expect(g.getState()).toEqual(whole.getState());
  });

  it("sparse and orthogonal (whole-tensor ops) honour range", () => {
    for (const f of [(o: object) => sparse([50, 30], { sparsity: 0.4, ...o }), (o: object) => orthogonal([40, 30], o)]) {
      const want = f({ generator: new TorchGenerator(2) });
      const g = new TorchGenerator(2);
      expect(bits(f({ generator: g, range: [100, 777] }))).toEqual(bits(want.subarray(100, 777)));
    }
  });
});

describe("Keras names with a TorchGenerator", () => {
  it("uniform and truncated-normal laws run as torch's uniform_ and trunc_normal_ would", () => {
    const a = glorotUniform([30, 20], { generator: new TorchGenerator(4) });
    const bound = Math.sqrt(3 * (1 / ((30 + 20) / 2)));
    expect(bits(a)).toEqual(bits(uniform([30, 20], { a: -bound, b: bound, generator: new TorchGenerator(4) })));
    const h = heNormal([3, 3, 8, 16], { generator: new TorchGenerator(4) });
    const s = Math.sqrt(2 / (3 * 3 * 8)) / 0.87962566103423978;
    expect(bits(h)).toEqual(bits(truncNormal([3, 3, 8, 16], { std: s, a: -2 * s, b: 2 * s, generator: new TorchGenerator(4) })));
    expect(lecunNormal([10, 10], { generator: new TorchGenerator(4) }).length).toBe(100);
  });

  it("deltaOrthogonal has no torch counterpart: a TypeError, nothing drawn", () => {
    const g = new TorchGenerator(4);
    const before = g.getState();
    expect(() => deltaOrthogonal([3, 4, 4], { generator: g })).toThrow(/deltaOrthogonal: PyTorch has no such initializer/);
    expect(g.getState()).toEqual(before);
  });
});

describe("bad input", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["seed of the wrong type", () => new TorchGenerator("1" as never), /new TorchGenerator: seed must be an integer number or a bigint, got "1"/],
    ["fractional seed", () => new TorchGenerator(1.5), /new TorchGenerator: seed must be an integer .*got 1.5/],
    ["seed past 2^64", () => new TorchGenerator(2n ** 64n), /seed must be an integer in \[-2\^63, 2\^64\), got 18446744073709551616n/],
    ["unknown build", () => new TorchGenerator(1, { build: "avx512" as never }), /new TorchGenerator: options.build must be one of "avx2", "default", got "avx512"/],
    ["unknown option", () => new TorchGenerator(1, { fused: true } as never), /new TorchGenerator: unknown option "fused"/],
    ["setState without mt", () => new TorchGenerator(1).setState({ ...new TorchGenerator(1).getState(), mt: [1, 2] as never }), /TorchGenerator.setState: state.mt must be a Uint32Array of 624 words, got \[1, 2\]/],
    ["setState with index 625", () => new TorchGenerator(1).setState({ ...new TorchGenerator(1).getState(), index: 625 }), /state.index must be an integer in \[0, 624\], got 625/],
    ["setState with an all-zero mt", () => new TorchGenerator(1).setState({ ...new TorchGenerator(1).getState(), mt: new Uint32Array(624) }), /state.mt must be a reachable mt19937 state/],
    ["setState with a NaN normal", () => new TorchGenerator(1).setState({ ...new TorchGenerator(1).getState(), normal: NaN }), /state.normal must be a finite number or null, got NaN/],
    ["advance(-1)", () => new TorchGenerator(1).advance(-1), /TorchGenerator.advance: n must be an integer >= 0, got -1/],
  ];
  it.each(cases)("%s", (_name, f, message) => {
    expect(f).toThrow(message);
  });

  it("a failed setState leaves the generator as it was", () => {
    const g = new TorchGenerator(8);
    uniform([5], { generator: g });
    const before = g.getState();
    expect(() => g.setState({ ...before, index: -1 })).toThrow(RangeError);
    expect(g.getState()).toEqual(before);
  });

  it("an initializer's bad option throws before the TorchGenerator moves", () => {
    const g = new TorchGenerator(8);
    expect(() => normal([5], { std: -1, generator: g })).toThrow(RangeError);
    expect(() => xavierNormal([5], { generator: g })).toThrow(RangeError);
    expect(g.words).toBe(0);
  });

  it("a Generator and a TorchGenerator are both accepted; anything else is not", () => {
    expect(normal([2], { generator: new Generator(1) }).length).toBe(2);
    expect(() => normal([2], { generator: { clone() {} } as never })).toThrow(/normal: generator must be a Generator/);
  });
});
