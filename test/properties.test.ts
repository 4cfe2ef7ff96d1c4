// Property-based checks (fast-check, fixed seed, a few thousand cases per run): random shapes,
// options of every type, seeds and tape positions up to 2^53. What must hold for every one:
// - the stream contract: split fills = one fill, `range` = the slice of the full result (and the
//   generator moves by the whole tensor), fillAsync = the synchronous call, SIMD = scalar;
// - every rejected call throws a TypeError or RangeError whose message names the function and
//   the argument, with the generator unmoved and `out` untouched.
// Runs in Node and in Chromium.

import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as nn from "../src/index.js";
import { Generator, catalog, type InitializerName } from "../src/index.js";
import { simdSupported } from "../src/wasm/loader.js";
import { bits } from "./helpers.js";

/** One seed for the whole suite: the same cases on every run. */
const SEED = 20261201;
const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

type Init = (shape: unknown, options?: unknown) => Float32Array;
const fnOf = (name: string) => (nn as unknown as Record<string, Init>)[name];
const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

const dim = fc.integer({ min: 0, max: 9 });
const dims = (min: number, max: number) => fc.array(dim, { minLength: min, maxLength: max });
const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const layout = fc.constantFrom<"torch" | "keras">("torch", "keras");
const fanShape = fc.oneof(dims(2, 4), dims(0, 1).map((d) => ({ keras: true, d })))
  .map((s) => Array.isArray(s) ? s : s.d);

interface Entry {
  name: string;
  shape: fc.Arbitrary<number[]>;
  options: fc.Arbitrary<Record<string, unknown>>;
  /** Elementwise: a pure function of (seed, head + i); fillAsync accepts it. */
  elementwise: boolean;
  /** The law depends on no shape: fills of n then m words = one fill of n + m. */
  shapeFree?: boolean;
}

/**
 * Valid shapes and options for each initializer (Keras-layout 0-D/1-D shapes where fans allow).
 * Keyed by InitializerName: a catalog entry without arbitraries here fails to type-check.
 */
const ARBITRARIES: Record<InitializerName, Omit<Entry, "name" | "elementwise">> = {
  uniform: { shape: dims(0, 4), options: fc.record({ a: real(-100, 100), w: real(0, 100) }).map(({ a, w }) => ({ a, b: a + w })), shapeFree: true },
  normal: { shape: dims(0, 4), options: fc.record({ mean: real(-10, 10), std: real(0, 10) }, { requiredKeys: [] }), shapeFree: true },
  truncNormal: { shape: dims(0, 4), options: fc.record({ mean: real(-1, 1), std: real(0.1, 3), a: real(-3, -0.5), b: real(0.5, 3) }), shapeFree: true },
  constant: { shape: dims(0, 4), options: fc.record({ value: real(-1e30, 1e30) }) },
  ones: { shape: dims(0, 4), options: fc.constant({}) },
  zeros: { shape: dims(0, 4), options: fc.constant({}) },
  eye: { shape: dims(2, 2), options: fc.constant({}) },
  identity: { shape: dims(2, 2), options: fc.record({ gain: real(-10, 10) }, { requiredKeys: [] }) },
  dirac: { shape: dims(3, 5), options: fc.constant({}) },
  ...sameFor(["xavierUniform", "xavierNormal"], { shape: dims(2, 4), options: fc.record({ gain: real(0, 10), layout }, { requiredKeys: [] }) }),
  ...sameFor(["kaimingUniform", "kaimingNormal"], {
    shape: dims(2, 4),
    options: fc.record({ a: real(0, 1), mode: fc.constantFrom("fan_in", "fan_out"), nonlinearity: fc.constantFrom(...nn_nonlinearities()), layout }, { requiredKeys: [] }),
  }),
  varianceScaling: {
    shape: fanShape,
    options: fc.record({ scale: real(0.01, 10), mode: fc.constantFrom("fan_in", "fan_out", "fan_avg", "fan_geo_avg"), distribution: fc.constantFrom("truncated_normal", "untruncated_normal", "uniform") }, { requiredKeys: [] }),
  },
  ...sameFor(["glorotUniform", "glorotNormal", "heUniform", "heNormal", "lecunUniform", "lecunNormal"], { shape: fanShape, options: fc.constant({}) }),
  orthogonal: { shape: dims(2, 3).filter((s) => numel(s) <= 400), options: fc.record({ gain: real(-3, 3) }, { requiredKeys: [] }) },
  deltaOrthogonal: {
    options: fc.record({ scale: real(-3, 3) }, { requiredKeys: [] }),
    shape: fc.tuple(dims(1, 3), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([k, a, b]) => [...k, Math.min(a, b), Math.max(a, b)]),
  },
  sparse: { shape: dims(2, 2), options: fc.record({ sparsity: real(0, 1), std: real(0, 1) }, { requiredKeys: ["sparsity"] }) },
};

/** One set of arbitraries for several initializers. */
function sameFor<N extends InitializerName>(names: N[], arbitraries: Omit<Entry, "name" | "elementwise">): Record<N, typeof arbitraries> {
  return Object.fromEntries(names.map((name) => [name, arbitraries])) as Record<N, typeof arbitraries>;
}

/** Every initializer, in catalog order, with its arbitraries and the catalog's kind. */
const ENTRIES: Entry[] = catalog.map((e) => ({ name: e.name, elementwise: e.kind === "elementwise", ...ARBITRARIES[e.name] }));

function nn_nonlinearities(): string[] {
  return ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"];
}

/** A call: an initializer, a valid shape and options, a seed and a head anywhere on the tape. */
const call = fc.constantFrom(...ENTRIES).chain((e) => fc.record({
  entry: fc.constant(e),
  shape: e.shape,
  options: e.options,
  seed: fc.bigInt({ min: -(1n << 63n), max: (1n << 64n) - 1n }),
  // a head near the start, anywhere, or where the call ends exactly at the tape's end (2^53)
  place: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 2 ** 53 - 2 ** 20 }), fc.constant("end" as const)),
})).map(({ place, ...c }) => ({ ...c, head: place === "end" ? 2 ** 53 - wordsOf(c.entry.name, c.shape, c.options) : place }));

/** How many tape words a call draws. */
function wordsOf(name: string, shape: number[], options: object): number {
  const g = new Generator(0);
  fnOf(name)(shape, { ...options, generator: g });
  return g.position;
}

const at = (seed: bigint, head: number) => new Generator(seed).advance(head);

describe("the stream contract", () => {
  afterAll(() => nn.useBuild("auto"));

  it("range = the slice of the full result; the generator moves by the whole tensor (2000 cases)", () => {
    fc.assert(fc.property(call, fc.nat(), fc.nat(), ({ entry, shape, options, seed, head }, x, y) => {
      const f = fnOf(entry.name);
      const g = at(seed, head);
      const full = f(shape, { ...options, generator: g });
      const n = full.length;
      const [s, e] = [x % (n + 1), y % (n + 1)].sort((p, q) => p - q);
      const h = at(seed, head);
      const part = f(shape, { ...options, generator: h, range: [s, e] });
      expect(bits(part)).toEqual(bits(full.subarray(s, e)));
      expect(h.position).toBe(g.position);
      const out = new Float32Array(e - s);
      expect(f(shape, { ...options, generator: at(seed, head), range: [s, e], out })).toBe(out);
      expect(bits(out)).toEqual(bits(part));
    }), params(2000));
  });

  it("split fills = one fill, for the laws that do not depend on the shape (1000 cases)", () => {
    const shapeFree = ENTRIES.filter((e) => e.shapeFree);
    fc.assert(fc.property(call.filter((c) => c.entry.shapeFree === true), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }),
      ({ entry, options, seed, head }, a, b) => {
        const f = fnOf(entry.name);
        const start = Math.min(head, 2 ** 53 - a - b);
        const g = at(seed, start);
        const first = f([a], { ...options, generator: g }), second = f([b], { ...options, generator: g });
        const whole = f([a + b], { ...options, generator: at(seed, start) });
        expect(bits(whole.subarray(0, a))).toEqual(bits(first));
        expect(bits(whole.subarray(a))).toEqual(bits(second));
        expect(g.position).toBe(start + a + b);
      }), params(1000));
    expect(shapeFree.length).toBe(3);
  });

  it.runIf(simdSupported())("SIMD = scalar, through useBuild (1000 cases)", () => {
    fc.assert(fc.property(call, ({ entry, shape, options, seed, head }) => {
      const f = fnOf(entry.name);
      nn.useBuild("simd");
      const simd = f(shape, { ...options, generator: at(seed, head) });
      nn.useBuild("scalar");
      const scalar = f(shape, { ...options, generator: at(seed, head) });
      expect(bits(scalar)).toEqual(bits(simd));
    }), params(1000));
  });

  it("fillAsync = the synchronous call, for every elementwise initializer (300 cases)", async () => {
    await fc.assert(fc.asyncProperty(call.filter((c) => c.entry.elementwise), fc.integer({ min: 1, max: 500 }), async ({ entry, shape, options, seed, head }, chunkSize) => {
      const f = fnOf(entry.name);
      const g = at(seed, head);
      const got = await nn.fillAsync(f as never, shape, { ...options, generator: g, chunkSize });
      const h = at(seed, head);
      expect(bits(got)).toEqual(bits(f(shape, { ...options, generator: h })));
      expect(g.position).toBe(h.position);
    }), params(300));
  });
});

// ---------------------------------------------------------------------------------------------
// Rejected calls

class Options { std = 1; }
const detached = () => {
  const x = new Float32Array(4);
  structuredClone(x.buffer, { transfer: [x.buffer] });
  return x;
};

/** Values of every type, with the edge cases of numbers and the lookalikes of our own types. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 2 ** 31, 2 ** 53, 2 ** 64, 1e39, -1e39, Number.MIN_VALUE, Number.MAX_VALUE),
  fc.constantFrom(null, undefined, true, false, "", "torch", "keras", "fan_in", "FanIn", "relu", "1", "x"),
  fc.constantFrom(1n, -1n, 2n ** 64n),
  fc.double(), fc.integer(), fc.string({ maxLength: 6 }),
  fc.constant(0).map(() => new Map([["std", 1]])), fc.constant(0).map(() => new Date(0)), fc.constant(0).map(() => new Options()),
  fc.constant(0).map(() => Object.create({ std: 2 })), fc.constant(0).map(() => Object.create(Generator.prototype)),
  fc.constant(0).map(() => new Proxy(new Generator(1), {})), fc.constant(0).map(() => new Generator(1)),
  fc.constant(0).map(detached), fc.constant(0).map(() => new Float64Array(4)), fc.constant(0).map(() => new Float32Array(3)),
  fc.constant(0).map(() => () => 1), fc.constant(0).map(() => Symbol("s")),
  fc.array(fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom(NaN, 1.5, "2", null)), { maxLength: 3 }),
  fc.record({ inAxis: fc.integer({ min: -5, max: 5 }), outAxis: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant("1")) }, { requiredKeys: [] }),
);

/** A dimension that is invalid on its own (never a huge valid one: no accidental 2^40-element fill). */
const badDim = fc.constantFrom(-1, -0.5, 1.5, NaN, Infinity, 2 ** 53, 2 ** 60, "3", null, undefined, true, 3n);

const OPTION_KEYS = ["generator", "out", "range", "a", "b", "mean", "std", "value", "gain", "groups", "layout", "mode", "nonlinearity",
  "scale", "distribution", "sparsity", "chunkSize"];

/** A mutation that may make a valid call invalid. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("options" as const), value: weird }),
  fc.record({ kind: fc.constant("key" as const), key: fc.oneof(fc.constantFrom(...OPTION_KEYS), fc.string({ maxLength: 5 })), value: weird }),
  fc.record({ kind: fc.constant("dim" as const), index: fc.nat(5), value: badDim }),
  fc.record({ kind: fc.constant("shape" as const), value: weird }),
  fc.record({ kind: fc.constant("range" as const), value: fc.tuple(fc.oneof(fc.integer({ min: -3, max: 2000 }), weird), fc.oneof(fc.integer({ min: -3, max: 2000 }), weird)) }),
  fc.record({ kind: fc.constant("outLength" as const), delta: fc.integer({ min: -3, max: 3 }) }),
);

/** Words naming the argument at fault: an option, the shape, the options object, a generator. */
const ARGUMENT = new RegExp(`(${[...OPTION_KEYS, "shape", "options", "unknown option", "\\[a, b\\]", "input dimension", "output dimension"].join("|")})`);

describe("every rejected call", () => {
  it("throws a TypeError or RangeError naming the function and the argument; the generator unmoved, out untouched (3000 cases)", () => {
    let rejected = 0;
    fc.assert(fc.property(call, mutation, ({ entry, shape, options }, m) => {
      const name = entry.name;
      const generator = new Generator(9).advance(77);
      const before = nn.defaultGenerator.getState();
      let s: unknown = shape;
      let o: unknown = { ...options, generator };
      let out: Float32Array | undefined = new Float32Array(numel(shape)).fill(12345);
      (o as Record<string, unknown>).out = out;
      switch (m.kind) {
        case "options": o = m.value; out = undefined; break;
        case "key": (o as Record<string, unknown>)[m.key] = m.value; if (m.key === "out") out = undefined; break;
        case "dim": s = [...shape]; (s as unknown[])[m.index % (shape.length + 1)] = m.value; break;
        case "shape": s = m.value; break;
        case "range": (o as Record<string, unknown>).range = m.value; break;
        case "outLength": out = new Float32Array(Math.max(0, numel(shape) + m.delta)).fill(12345); (o as Record<string, unknown>).out = out; break;
      }
      let error: unknown = null;
      try {
        fnOf(name)(s, o);
      } catch (e) {
        error = e;
      }
      if (error === null) return;
      rejected++;
      if (!(error instanceof TypeError || error instanceof RangeError)) throw new Error(`${name}: not a TypeError/RangeError: ${String(error)}`);
      expect(error.message.startsWith(`${name}: `)).toBe(true);
      expect(error.message).toMatch(ARGUMENT);
      expect(generator.position).toBe(77);
      expect(nn.defaultGenerator.getState()).toEqual(before);
      if (out) expect(out.every((v) => v === 12345)).toBe(true);
    }), params(3000));
    // most mutations are rejected; a suite that rejected nothing would prove nothing
    expect(rejected).toBeGreaterThan(1500);
  });
});
