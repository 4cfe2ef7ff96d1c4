// pool.fill gives the bits of the synchronous call and moves the generator the same way, for
// every initializer (and the half dtypes, over each path they take), at odd shapes, generator
// positions and ranges, with 1, 2, 3 and 7 workers
// (more workers than this machine's cores), into shared memory where the platform has it and
// through the transfer fallback. Runs in Node (shared memory) and in Chromium (a page that is
// not cross-origin isolated: the fallback).

import { afterAll, describe, expect, it } from "vitest";
import { expectSameBits } from "../browser/compare.js";
import {
  createPool, Generator, manualSeed, defaultGenerator, uniform, normal, truncNormal, constant, ones, zeros,
  orthogonal, deltaOrthogonal, sparse, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, varianceScaling,
  glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, eye, identity, dirac,
  type Pool, type Shape, type TensorOptions,
} from "../../src/index.js";

type Init = (shape: Shape, o?: TensorOptions) => Float32Array;
const at = (seed: bigint | number, head: number) => new Generator(seed).advance(head);
const sharedAvailable = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

/** Every elementwise initializer, on an odd shape past several chunks (chunks are >= 65536 elements), with some of its own options. */
const ELEMENTWISE: [string, Init, Shape, object][] = [
  ["uniform", uniform, [301, 1001], { a: -0.5, b: 2 }],
  ["normal", normal, [301, 1001], { mean: 0.1, std: 0.02 }],
  ["truncNormal", truncNormal, [301, 1001], { std: 0.5, a: -1, b: 0.75 }],
  ["constant", constant, [3, 70001], { value: 3.5 }],
  ["ones", ones, [70001, 3], {}],
  ["zeros", zeros, [210003], {}],
  ["eye", eye, [701, 503], {}],
  ["identity", identity, [503, 701], { gain: 0.5 }],
  ["dirac", dirac, [64, 32, 11, 13], { groups: 2 }],
  ["xavierUniform", xavierUniform, [301, 20, 7, 7], { gain: 2 }],
  ["xavierNormal", xavierNormal, [301, 1001], { layout: "keras" }],
  ["kaimingUniform", kaimingUniform, [301, 20, 7, 7], { a: 0.1, nonlinearity: "leaky_relu" }],
  ["kaimingNormal", kaimingNormal, [401, 701], { mode: "fan_out" }],
  ["varianceScaling", varianceScaling, [3, 3, 67, 501], { scale: 2, mode: "fan_avg", distribution: "truncated_normal" }],
  ["glorotUniform", glorotUniform, [301, 1001], {}],
  ["glorotNormal", glorotNormal, [301, 1001], {}],
  ["heUniform", heUniform, [301, 1001], {}],
  ["heNormal", heNormal, [301, 1001], {}],
  ["lecunUniform", lecunUniform, [301, 1001], {}],
  ["lecunNormal", lecunNormal, [301, 1001], {}],
];

/** The initializers that run whole on one worker. */
const WHOLE: [string, Init, Shape, object][] = [
  ["orthogonal", orthogonal, [97, 3, 5], { gain: 2 }],
  ["deltaOrthogonal", deltaOrthogonal, [3, 3, 31, 47], { scale: 0.5 }],
  ["sparse", sparse, [301, 57], { sparsity: 0.3, std: 0.1 }],
];

const numel = (shape: Shape) => (typeof shape === "number" ? shape : shape.reduce((a, b) => a * b, 1));

const pools = new Map<string, Pool>();
function poolOf(threads: number, shared: boolean): Pool {
  const key = `${threads}/${shared}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = createPool({ threads, shared })));
  return pool;
}
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

const MODES = sharedAvailable ? [true, false] : [false];
const SIZES = [1, 2, 3, 7];

describe.each(MODES.flatMap((shared) => SIZES.map((threads) => ({ threads, shared }))))(
  "pool of $threads (shared memory: $shared)", ({ threads, shared }) => {
    it.each(ELEMENTWISE)("%s: the whole tensor, from an odd generator position", async (_, f, shape, options) => {
      const pool = poolOf(threads, shared);
      const sync = at(5, 1021);
      const expected = f(shape, { ...options, generator: sync });
      const g = at(5, 1021);
      const got = await pool.fill(f, shape, { ...options, generator: g });
      expectSameBits(got, expected);
      expect(g.getState()).toEqual(sync.getState());
      expect(got.buffer instanceof (shared ? SharedArrayBuffer : ArrayBuffer)).toBe(true);
    });

    it.each(ELEMENTWISE)("%s: a range into the caller's ordinary out", async (_, f, shape, options) => {
      const pool = poolOf(threads, shared);
      const n = numel(shape), range = [12_345, n - 777] as const;
      const sync = at(0xfeedn, 3);
      const expected = f(shape, { ...options, generator: sync, range });
      const g = at(0xfeedn, 3);
      const out = new Float32Array(range[1] - range[0]);
      const got = await pool.fill(f, shape, { ...options, generator: g, range, out });
      expect(got).toBe(out);
      expectSameBits(got, expected);
      expect(g.getState()).toEqual(sync.getState());
    });

    it.each(WHOLE)("%s runs whole on one worker: same bits, whole and as a range", async (_, f, shape, options) => {
      const pool = poolOf(threads, shared);
      const sync = at(9, 333);
      const expected = f(shape, { ...options, generator: sync });
      const range = [101, numel(shape) - 50] as const;
      const expectedRange = f(shape, { ...options, generator: sync, range });
      const g = at(9, 333);
      const got = await pool.fill(f, shape, { ...options, generator: g });
      const out = new Float32Array(range[1] - range[0]);
      const gotRange = await pool.fill(f, shape, { ...options, generator: g, range, out });
      expectSameBits(got, expected);
      expect(gotRange).toBe(out);
      expectSameBits(gotRange, expectedRange);
      expect(g.getState()).toEqual(sync.getState());
    });
  });

describe.runIf(sharedAvailable)("a shared out", () => {
  it("is written in place, at its byte offset, by every worker", async () => {
    const pool = poolOf(3, true);
    const shape = [3001, 333];
    const expected = normal(shape, { generator: at(1, 7), std: 3 });
    const memory = new SharedArrayBuffer((expected.length + 10) * 4);
    const out = new Float32Array(memory, 12, expected.length);
    const guard = new Float32Array(memory);
    guard.fill(-7);
    const got = await pool.fill(normal, shape, { generator: at(1, 7), std: 3, out });
    expect(got).toBe(out);
    expectSameBits(out, expected);
    expect([...guard.subarray(0, 3), ...guard.subarray(3 + expected.length)]).toEqual(new Array(10).fill(-7));
  });

  it("a shared out is also filled by a pool that transfers chunks", async () => {
    const pool = poolOf(2, false);
    const out = new Float32Array(new SharedArrayBuffer(300_000 * 4));
    const got = await pool.fill(uniform, 300_000, { generator: new Generator(3), out });
    expect(got).toBe(out);
    expectSameBits(out, uniform(300_000, { generator: new Generator(3) }));
  });
});

/** Asserts that two half fills (Uint16Arrays of bits) are the same, reporting the first difference. */
function expectSameHalfBits(got: ArrayBufferView & { length: number }, want: Uint16Array, label = ""): void {
  const x = new Uint16Array(got.buffer, got.byteOffset, got.length);
  expect(x.length, label).toBe(want.length);
  let i = 0;
  while (i < x.length && x[i] === want[i]) i++;
  if (i < x.length) expect(Array.from(x.subarray(i, i + 4)), `${label}: first difference at ${i}`).toEqual(Array.from(want.subarray(i, i + 4)));
}

type HalfInit = (shape: Shape, o?: TensorOptions & Record<string, unknown>) => Uint16Array;
/** Initializers over the paths a dtype takes: the three laws, a scaled law, a constant, one whole-tensor initializer. */
const HALF: [string, HalfInit, Shape, object][] = [
  ["uniform", uniform as HalfInit, [301, 1001], { a: -0.5, b: 2 }],
  ["normal", normal as HalfInit, [301, 1001], { mean: 0.1, std: 0.02 }],
  ["truncNormal", truncNormal as HalfInit, [301, 1001], { std: 0.5, a: -1, b: 0.75 }],
  ["kaimingNormal", kaimingNormal as HalfInit, [401, 701], { mode: "fan_out" }],
  ["glorotNormal", glorotNormal as HalfInit, [301, 1001], {}],
  ["constant", constant as HalfInit, [3, 70001], { value: 3.5 }],
  ["orthogonal", orthogonal as HalfInit, [97, 3, 5], { gain: 2 }],
];
const F16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView & { length: number } }).Float16Array;

describe.each(MODES.flatMap((shared) => SIZES.map((threads) => ({ threads, shared }))))(
  "half dtypes, pool of $threads (shared memory: $shared)", ({ threads, shared }) => {
    describe.each(["float16", "bfloat16"] as const)("%s", (dtype) => {
      it.each(HALF)("%s: the whole tensor, then a range into the caller's ordinary Uint16Array", async (_, f, shape, options) => {
        const pool = poolOf(threads, shared);
        const n = numel(shape), range = [12_345 % n, n - 77] as const;
        const sync = at(7, 999);
        const expected = f(shape, { ...options, dtype, generator: sync });
        const expectedRange = f(shape, { ...options, dtype, generator: sync, range });
        const g = at(7, 999);
        const got = await pool.fill(f, shape, { ...options, dtype, generator: g });
        expect(got).toBeInstanceOf(Uint16Array);
        expectSameHalfBits(got, expected, "whole");
        if (f !== orthogonal) expect(got.buffer instanceof (shared ? SharedArrayBuffer : ArrayBuffer)).toBe(true);
        const out = new Uint16Array(range[1] - range[0]);
        const gotRange = await pool.fill(f, shape, { ...options, dtype, generator: g, range, out });
        expect(gotRange).toBe(out);
        expectSameHalfBits(out, expectedRange, "range");
        expect(g.getState()).toEqual(sync.getState());
      });
    });
  });

describe("half dtypes into other outs", () => {
  it.runIf(sharedAvailable)("a shared Uint16Array out is written in place, at its byte offset, by both pools", async () => {
    for (const shared of [true, false]) {
      const shape = [3001, 333];
      const expected = normal(shape, { generator: at(1, 7), std: 3, dtype: "bfloat16" });
      const memory = new SharedArrayBuffer((expected.length + 10) * 2);
      const out = new Uint16Array(memory, 6, expected.length);
      const guard = new Uint16Array(memory);
      guard.fill(0xabcd);
      const got = await poolOf(3, shared).fill(normal, shape, { generator: at(1, 7), std: 3, dtype: "bfloat16", out });
      expect(got).toBe(out);
      expectSameHalfBits(out, expected, `shared pool: ${shared}`);
      expect([...guard.subarray(0, 3), ...guard.subarray(3 + expected.length)]).toEqual(new Array(10).fill(0xabcd));
    }
  });

  it.runIf(F16 !== undefined)("a Float16Array out (where the engine has one) is returned, holding the synchronous bits", async () => {
    const shape = [1001, 301];
    const expected = uniform(shape, { generator: at(2, 5), dtype: "float16" });
    const out = new F16!(expected.length);
    const got = await poolOf(2, sharedAvailable).fill(uniform, shape, { generator: at(2, 5), dtype: "float16", out: out as never });
    expect(got).toBe(out);
    expectSameHalfBits(out, expected);
  });

  it("float32 and half fills from one generator draw the same words as the sync sequence", async () => {
    const sync = new Generator(21);
    const expected = [normal(200_001, { generator: sync }), normal(200_001, { generator: sync, dtype: "float16" }), uniform(99_999, { generator: sync, dtype: "bfloat16" })];
    const g = new Generator(21);
    const pool = poolOf(2, sharedAvailable);
    const got = await Promise.all([pool.fill(normal, 200_001, { generator: g }), pool.fill(normal, 200_001, { generator: g, dtype: "float16" }),
      pool.fill(uniform, 99_999, { generator: g, dtype: "bfloat16" })]);
    expectSameBits(got[0] as Float32Array, expected[0] as Float32Array);
    expectSameHalfBits(got[1], expected[1] as Uint16Array);
    expectSameHalfBits(got[2], expected[2] as Uint16Array);
    expect(g.getState()).toEqual(sync.getState());
  });
});

describe("the generator across pool fills", () => {
  it("uses the default generator when none is given", async () => {
    manualSeed(99);
    const expected = normal([1000, 301]);
    manualSeed(99);
    const got = await poolOf(2, sharedAvailable).fill(normal, [1000, 301]);
    expectSameBits(got, expected);
    expect(defaultGenerator.position).toBe(301_000);
  });

  it("reserves its tape at the call: fills started together (and sync calls between them) draw as the sync sequence", async () => {
    const pool = poolOf(3, sharedAvailable);
    const sync = new Generator(11);
    const expected = [
      normal(400_000, { generator: sync, std: 0.02 }), uniform(1000, { generator: sync }),
      orthogonal([64, 48], { generator: sync }), kaimingUniform([700, 301], { generator: sync }), zeros(5),
      truncNormal(123_457, { generator: sync }),
    ];
    const g = new Generator(11);
    const first = pool.fill(normal, 400_000, { generator: g, std: 0.02 });
    expect(g.position).toBe(400_000);
    const meanwhile = uniform(1000, { generator: g });
    const rest = [
      pool.fill(orthogonal, [64, 48], { generator: g }), pool.fill(kaimingUniform, [700, 301], { generator: g }),
      pool.fill(zeros, 5), pool.fill(truncNormal, 123_457, { generator: g }),
    ];
    const got = [await first, meanwhile, ...(await Promise.all(rest))];
    got.forEach((x, i) => { expectSameBits(x, expected[i], `tensor ${i}`); });
    expect(g.getState()).toEqual(sync.getState());
  });

  it.each(MODES.flatMap((shared) => [2, 3].map((threads) => ({ threads, shared }))))(
    "a model's tensors given all at once (larger chunks while other fills run; progress on some) draw as the sync loop: $threads workers, shared $shared",
    async ({ threads, shared }) => {
      const pool = poolOf(threads, shared);
      // A small transformer block, twice: weights past several chunks, biases and norms under one.
      const d = 192;
      const model: [Init, Shape, object][] = [[normal, [5027, d], { std: 0.02 }], [normal, [256, d], { std: 0.02 }]];
      for (let layer = 0; layer < 2; layer++) {
        model.push([ones, [d], {}], [normal, [d, 3 * d], { std: 0.02 }], [zeros, [3 * d], {}], [normal, [d, 4 * d], { std: 0.02 }],
          [truncNormal, [4 * d, d], { std: 0.02, a: -0.04, b: 0.04 }], [uniform, [1001, 301], { a: -0.1, b: 0.1 }]);
      }
      const sync = new Generator(21).advance(5);
      const expected = model.map(([f, shape, o]) => f(shape, { ...o, generator: sync }));
      const g = new Generator(21).advance(5);
      const last = new Map<number, [number, number]>();
      const got = await Promise.all(model.map(([f, shape, o], i) => pool.fill(f, shape, {
        ...o, generator: g, ...(i % 3 === 1 ? { onProgress: (done: number, total: number) => last.set(i, [done, total]) } : {}),
      })));
      got.forEach((x, i) => { expectSameBits(x, expected[i], `tensor ${i}`); });
      expect(g.getState()).toEqual(sync.getState());
      expect([...last.keys()].sort((a, b) => a - b)).toEqual(model.map((_, i) => i).filter((i) => i % 3 === 1));
      for (const [i, [done, total]] of last) expect([i, done, total]).toEqual([i, numel(model[i][1]), numel(model[i][1])]);
    });

  it("an empty tensor or range resolves at once, moving the generator as the sync call", async () => {
    const pool = poolOf(2, sharedAvailable);
    const g = new Generator(1);
    const calls: number[][] = [];
    expect((await pool.fill(normal, [0, 5], { generator: g, onProgress: (d, t) => calls.push([d, t]) })).length).toBe(0);
    expect(g.position).toBe(0);
    expect((await pool.fill(normal, [10, 5], { generator: g, range: [7, 7] })).length).toBe(0);
    expect((await pool.fill(orthogonal, [10, 5], { generator: g, range: [50, 50] })).length).toBe(0);
    expect(calls).toEqual([]);
    expect(g.position).toBe(100);
  });

  it("fills under one chunk (run on the calling thread) give the same bits, SharedArrayBuffer-backed when shared, one progress call", async () => {
    for (const shared of MODES) {
      const pool = poolOf(2, shared);
      const sync = at(3, 77);
      const expected = [normal([30, 1001], { generator: sync, std: 2 }), uniform(768, { generator: sync, range: [5, 700] }),
        kaimingNormal([64, 33], { generator: sync, dtype: "bfloat16" })];
      const g = at(3, 77);
      const calls: number[][] = [];
      const got = await Promise.all([pool.fill(normal, [30, 1001], { generator: g, std: 2, onProgress: (d, t) => calls.push([d, t]) }),
        pool.fill(uniform, 768, { generator: g, range: [5, 700], out: new Float32Array(695) }),
        pool.fill(kaimingNormal, [64, 33], { generator: g, dtype: "bfloat16" })]);
      expectSameBits(got[0] as Float32Array, expected[0] as Float32Array);
      expectSameBits(got[1] as Float32Array, expected[1] as Float32Array);
      expectSameHalfBits(got[2], expected[2] as Uint16Array);
      expect(got[0].buffer instanceof (shared ? SharedArrayBuffer : ArrayBuffer)).toBe(true);
      expect(calls).toEqual([[30_030, 30_030]]);
      expect(g.getState()).toEqual(sync.getState());
    }
  });

  it("takes an initializer's name as well as the function", async () => {
    const got = await poolOf(2, sharedAvailable).fill("heNormal", [300, 400], { generator: new Generator(8) });
    expectSameBits(got, heNormal([300, 400], { generator: new Generator(8) }));
  });
});

describe("progress", () => {
  it("reports after every chunk on the calling thread, ending at the total", async () => {
    const pool = poolOf(3, sharedAvailable);
    const calls: [number, number][] = [];
    const n = 1_000_003;
    await pool.fill(uniform, n, { generator: new Generator(3), onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.every(([, t]) => t === n)).toBe(true);
    expect(calls.map(([d]) => d)).toEqual([...calls.map(([d]) => d)].sort((a, b) => a - b));
    expect(calls[calls.length - 1]).toEqual([n, n]);
  });
});
