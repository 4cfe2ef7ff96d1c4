// fillAsync: bit for bit the synchronous fill, the generator moved exactly as by the sync call,
// the event loop running between chunks, progress, abort, and the same input checks.

import { describe, expect, it } from "vitest";
import { expectSameBits } from "./browser/compare.js";
import {
  fillAsync, Generator, manualSeed, defaultGenerator, uniform, normal, truncNormal, constant, ones, zeros,
  orthogonal, deltaOrthogonal, sparse, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, varianceScaling,
  glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, eye, identity, dirac,
  DEFAULT_CHUNK_SIZE, WHOLE_TENSOR_INITIALIZERS, catalog, type CatalogEntry, type Shape, type TensorOptions,
} from "../src/index.js";

const at = (seed: bigint | number, head: number) => new Generator(seed).advance(head);

const CASES = [
  { name: "uniform", f: uniform, options: { a: -0.5, b: 2 } },
  { name: "normal", f: normal, options: { mean: 0.1, std: 0.02 } },
  { name: "truncNormal", f: truncNormal, options: { std: 0.5, a: -1, b: 0.75 } },
  { name: "constant", f: constant, options: { value: 3.5 } },
  { name: "ones", f: ones, options: {} },
  { name: "zeros", f: zeros, options: {} },
] as { name: string; f: (shape: Shape, o?: TensorOptions) => Float32Array; options: object }[];

describe.each(CASES)("fillAsync($name)", ({ f, options }) => {
  it.each([1, 997, 4096, 65536, DEFAULT_CHUNK_SIZE])("equals the sync fill bit for bit with chunkSize %i", async (chunkSize) => {
    const shape = chunkSize === 1 ? [3, 1001] : [129, 3001];
    const sync = at(5, 1021);
    const expected = f(shape, { ...options, generator: sync });
    const g = at(5, 1021);
    const got = await fillAsync(f, shape, { ...options, generator: g, chunkSize });
    expectSameBits(got, expected);
    expect(g.getState()).toEqual(sync.getState());
  });

  it("fills a range into the caller's out, like the sync call", async () => {
    const shape = [7, 65537], range = [12_345, 300_001] as const;
    const sync = at(0xfeedn, 3);
    const expected = f(shape, { ...options, generator: sync, range });
    const g = at(0xfeedn, 3);
    const out = new Float32Array(range[1] - range[0]);
    const got = await fillAsync(f, shape, { ...options, generator: g, range, out, chunkSize: 50_000 });
    expect(got).toBe(out);
    expectSameBits(got, expected);
    expect(g.getState()).toEqual(sync.getState());
  });
});

/** Every elementwise initializer of the catalog, on its example call. */
const ELEMENTWISE = (catalog as readonly CatalogEntry[]).filter((e) => e.kind === "elementwise")
  .map((e) => [e.fn, [...e.example.shape], { ...e.example.options }] as [(shape: Shape, o?: TensorOptions) => Float32Array, number[], object]);

/** More of their own options, on other shapes. */
const MORE_OPTIONS = [
  [xavierUniform, [300, 20, 3, 3], { gain: 2 }], [xavierNormal, [300, 200], { layout: "keras" }],
  [kaimingUniform, [300, 20, 3, 3], { a: 0.1, nonlinearity: "leaky_relu" }], [kaimingNormal, [400, 300], { mode: "fan_out" }],
  [varianceScaling, [3, 3, 64, 100], { scale: 2, mode: "fan_avg", distribution: "truncated_normal" }],
  [glorotUniform, [300, 200], {}], [glorotNormal, [300, 200], {}], [heUniform, [300, 200], {}], [heNormal, [300, 200], {}],
  [lecunUniform, [300, 200], {}], [lecunNormal, [300, 200], {}],
  [eye, [300, 200], {}], [identity, [200, 300], { gain: 0.5 }], [dirac, [16, 8, 5, 5], { groups: 2 }],
] as [(shape: Shape, o?: TensorOptions) => Float32Array, number[], object][];

it.each([...ELEMENTWISE, ...MORE_OPTIONS])("fillAsync(%o) equals the sync fill bit for bit", async (f, shape, options) => {
  const sync = at(77, 5);
  const expected = f(shape, { ...options, generator: sync });
  const g = at(77, 5);
  const got = await fillAsync(f, shape, { ...options, generator: g, chunkSize: 9973 });
  expectSameBits(got, expected);
  expect(g.getState()).toEqual(sync.getState());
});

describe("fillAsync and the generator", () => {
  it("uses the default generator when none is given", async () => {
    manualSeed(99);
    const expected = normal([1000, 100]);
    manualSeed(99);
    const got = await fillAsync(normal, [1000, 100], { chunkSize: 30_000 });
    expectSameBits(got, expected);
    expect(defaultGenerator.position).toBe(100_000);
  });

  it("reserves its tape at the call: fills started later draw the words after it, as in sync code", async () => {
    const sync = new Generator(11);
    const first = normal(200_000, { generator: sync });
    const second = uniform(1000, { generator: sync });
    const g = new Generator(11);
    const pending = fillAsync(normal, 200_000, { generator: g, chunkSize: 10_000 });
    expect(g.position).toBe(200_000);
    const meanwhile = uniform(1000, { generator: g });
    expectSameBits(await pending, first);
    expectSameBits(meanwhile, second);
    expect(g.getState()).toEqual(sync.getState());
  });

  it("an empty tensor resolves at once and moves nothing", async () => {
    const g = new Generator(1);
    const calls: number[][] = [];
    const got = await fillAsync(normal, [0, 5], { generator: g, onProgress: (d, t) => calls.push([d, t]) });
    expect(got.length).toBe(0);
    expect(calls).toEqual([]);
    expect(g.position).toBe(0);
  });
});

describe("fillAsync between chunks", () => {
  it("reports progress after every chunk, ending at the total", async () => {
    const calls: [number, number][] = [];
    await fillAsync(uniform, [10, 1001], { generator: new Generator(3), chunkSize: 3000, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[3000, 10010], [6000, 10010], [9000, 10010], [10010, 10010]]);
  });

  it("lets timers run during the fill", async () => {
    let fired = 0;
    const timer = setInterval(() => fired++, 0);
    const seen: number[] = [];
    try {
      await fillAsync(normal, 1 << 22, { generator: new Generator(8), chunkSize: 1 << 12, onProgress: () => seen.push(fired) });
    } finally {
      clearInterval(timer);
    }
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBeGreaterThan(0);
  });

  it("runs the first chunk within the call and each later chunk in a later task", async () => {
    const calls: number[] = [];
    const pending = fillAsync(uniform, 10_000, { generator: new Generator(3), chunkSize: 1000, onProgress: (d) => calls.push(d) });
    expect(calls).toEqual([1000]);
    await pending;
    expect(calls.length).toBe(10);
  });
});

describe("fillAsync aborted", () => {
  it("rejects with the signal's reason before anything when already aborted", async () => {
    const g = new Generator(4);
    const out = new Float32Array(100).fill(7);
    const reason = new Error("stop");
    await expect(fillAsync(normal, 100, { generator: g, out, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(g.position).toBe(0);
    expect(out.every((x) => x === 7)).toBe(true);
  });

  it("stops between chunks, rejects with the reason and puts the generator back", async () => {
    const g = new Generator(4).advance(17);
    const controller = new AbortController();
    const seen: number[] = [];
    const p = fillAsync(normal, 100_000, {
      generator: g, chunkSize: 10_000, signal: controller.signal,
      onProgress: (done) => { seen.push(done); if (done === 30_000) controller.abort(); },
    });
    const error = await p.catch((e: unknown) => e);
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
    expect(seen).toEqual([10_000, 20_000, 30_000]);
    expect(g.getState()).toEqual({ seed: 4n, position: 17 });
  });

  it("leaves the generator where it is if another fill drew from it meanwhile", async () => {
    const g = new Generator(4);
    const controller = new AbortController();
    const p = fillAsync(normal, 100_000, { generator: g, chunkSize: 10_000, signal: controller.signal });
    uniform(10, { generator: g });
    controller.abort();
    await expect(p).rejects.toThrow();
    expect(g.position).toBe(100_010);
  });

  it("an error thrown by onProgress rejects the fill and puts the generator back", async () => {
    const g = new Generator(4);
    const boom = new Error("boom");
    await expect(fillAsync(uniform, 50, { generator: g, chunkSize: 10, onProgress: () => { throw boom; } })).rejects.toBe(boom);
    expect(g.position).toBe(0);
  });
});

describe("fillAsync rejects bad input, moving nothing", () => {
  const g = new Generator(2);
  const bad: [string, () => Promise<unknown>, RegExp, ErrorConstructor][] = [
    ["a non-function", () => fillAsync(42 as never, 10), /^fillAsync: initializer must be an initializer function.*got 42$/, TypeError],
    ["chunkSize 0", () => fillAsync(normal, 10, { chunkSize: 0 }), /^fillAsync: chunkSize must be an integer >= 1, got 0$/, RangeError],
    ["chunkSize 1.5", () => fillAsync(normal, 10, { chunkSize: 1.5 }), /^fillAsync: chunkSize must be an integer >= 1, got 1.5$/, RangeError],
    ["onProgress not a function", () => fillAsync(normal, 10, { onProgress: 1 as never }), /^fillAsync: onProgress must be a function, got 1$/, TypeError],
    ["signal not a signal", () => fillAsync(normal, 10, { signal: {} as never }), /^fillAsync: signal must be an AbortSignal, got an object$/, TypeError],
    ["options not an object", () => fillAsync(normal, 10, 3 as never), /^fillAsync: options must be a plain object or undefined, got 3$/, TypeError],
    ["a bad shape", () => fillAsync(normal, [2, -1]), /^fillAsync: shape\[1\] must be a non-negative integer, got -1$/, RangeError],
    ["out of the wrong length", () => fillAsync(normal, 10, { out: new Float32Array(9) }), /^fillAsync: out must be a Float32Array of length 10/, RangeError],
    ["a bad range", () => fillAsync(normal, 10, { range: [5, 11] }), /^fillAsync: range\[1\] must be an integer in \[0, 10\], got 11$/, RangeError],
    ["the initializer's own bad option", () => fillAsync(normal, 10, { generator: g, std: -1 }), /^normal: std must be a finite number >= 0, got -1$/, RangeError],
    ["the initializer's unknown option", () => fillAsync(uniform, 10, { generator: g, sdt: 1 } as never), /^uniform: unknown option "sdt"/, TypeError],
    ["an initializer that ignores out", () => fillAsync((s: Shape) => new Float32Array(s as number), 10, { generator: g }), /must fill options\.out and return it, got Float32Array\(10\)$/, TypeError],
  ];
  it.each(bad)("%s", async (_, call, message, type) => {
    const before = g.getState();
    const error = await call().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(g.getState()).toEqual(before);
  });

  const whole = { orthogonal, deltaOrthogonal, sparse } as Record<string, (s: Shape, o?: TensorOptions) => Float32Array>;
  it("lists orthogonal, deltaOrthogonal and sparse as not elementwise", () => {
    expect([...WHOLE_TENSOR_INITIALIZERS].sort()).toEqual(Object.keys(whole).sort());
  });

  it.each(WHOLE_TENSOR_INITIALIZERS)("%s (itself even when a minifier renamed it, or a wrapper of that name) with a TypeError saying so", async (name) => {
    const message = new TypeError(
      `fillAsync: ${name} is not elementwise (each value depends on the whole tensor), so it cannot be filled in chunks; ` +
      `call ${name}(shape, options) directly (in a Worker to keep a page responsive)`);
    const itself = whole[name]!;
    const wrapper = { [name]: (s: Shape, o?: TensorOptions) => normal(s, o) }[name]!;
    Object.defineProperty(itself, "name", { value: "a" }); // as after minification
    try {
      for (const f of [itself, wrapper]) await expect(fillAsync(f, [4, 4], { generator: g })).rejects.toThrow(message);
    } finally {
      Object.defineProperty(itself, "name", { value: name });
    }
    expect(g.position).toBe(0);
  });
});

describe("fillAsync reads and copies everything at the call (issue 9, defect 5)", () => {
  it("changing the shape array, the layout object or the options during the fill changes nothing", async () => {
    const shape = [512, 64, 3, 3];
    const layout = { inAxis: 1, outAxis: 0 };
    const options = { mode: "fan_out" as const, layout, generator: new Generator(3), chunkSize: 4096 };
    let chunks = 0;
    const p = fillAsync(kaimingNormal, shape, {
      ...options,
      onProgress: () => {
        chunks++;
        shape[1] = 1; shape[0] = 2; // fans would be 9 and 18
        layout.inAxis = 0; layout.outAxis = 1;
        options.mode = "fan_in" as never;
      },
    });
    shape[2] = 1;
    const got = await p;
    expect(chunks).toBeGreaterThan(10);
    const want = kaimingNormal([512, 64, 3, 3], { mode: "fan_out", layout: { inAxis: 1, outAxis: 0 }, generator: new Generator(3) });
    expectSameBits(got, want);
  });

  it("checks the initializer's own options at the call, before the first await", () => {
    const g = new Generator(1);
    const p = fillAsync(kaimingNormal, [4, 4], { generator: g, mode: "FanIn" as never });
    expect(g.position).toBe(0);
    return expect(p).rejects.toThrow(/^kaimingNormal: mode must be one of "fan_in", "fan_out", got "FanIn"$/);
  });
});
