// The catalog is the one list of initializers: the public index exports exactly its names plus
// the rest of the API; each entry's fields are true of its function (kind, draws, layout), and
// each entry's law is what its example call draws.

import { describe, expect, it } from "vitest";
import * as nninit from "../src/index.js";
import { catalog, catalogEntry, Generator, WHOLE_TENSOR_INITIALIZERS, type CatalogEntry, type Law } from "../src/index.js";
import { intervalMass } from "../src/random/normal-cdf.js";
import { stridesOf, centreIndex, kernelCentreOffset } from "../src/shape.js";
import { moments, F32_EPSILON } from "./stats.js";
import { expectSameBits } from "./browser/compare.js";

const ENTRIES = catalog as readonly CatalogEntry[];
type Call = (shape: number[], options?: object) => Float32Array;
const callOf = (e: CatalogEntry) => e.fn as unknown as Call;
const exampleOf = (e: CatalogEntry) => ({ shape: [...e.example.shape], options: { ...e.example.options } });

/** Everything the index exports that is not an initializer. A new export belongs here or in the catalog. */
const NON_INITIALIZER_API = [
  "Generator", "defaultGenerator", "manualSeed", "DEFAULT_SEED", "ready", "useBuild", "activeBuild",
  "fillAsync", "DEFAULT_CHUNK_SIZE", "WHOLE_TENSOR_INITIALIZERS", "calculateFanInAndFanOut", "calculateGain",
  "TRUNCATED_STD", "catalog", "catalogEntry", "DRAW", "isGenerator", "createPool", "Pool", "MAX_THREADS",
  "DTYPES", "float16Bits", "bfloat16Bits", "float16Value", "bfloat16Value",
];

describe("the catalog and the public index", () => {
  it("the index exports exactly the catalog's initializers plus the non-initializer API", () => {
    expect(Object.keys(nninit).sort()).toEqual([...ENTRIES.map((e) => e.name), ...NON_INITIALIZER_API].sort());
  });

  it("each entry's function is the index's export of its name; names and tfjs class names are unique", () => {
    for (const e of ENTRIES) expect((nninit as Record<string, unknown>)[e.name]).toBe(e.fn);
    expect(new Set(ENTRIES.map((e) => e.name)).size).toBe(ENTRIES.length);
    expect(new Set(ENTRIES.map((e) => e.tfjs.className)).size).toBe(ENTRIES.length);
  });

  it("catalogEntry finds an entry by name and rejects anything else", () => {
    expect(catalogEntry("orthogonal").kind).toBe("whole-tensor");
    expect(catalogEntry("heNormal").fn).toBe(nninit.heNormal);
    expect(() => catalogEntry("heNormall" as never)).toThrow(new RangeError('catalogEntry: name must be the name of an nninit initializer (see catalog), got "heNormall"'));
    expect(() => catalogEntry(3 as never)).toThrow(new TypeError('catalogEntry: name must be an initializer name such as "normal", got 3'));
  });

  it("TRUNCATED_STD is the standard deviation of N(0, 1) cut at +-2", () => {
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI), mass = intervalMass(-2, 2).w;
    expect(nninit.TRUNCATED_STD).toBeCloseTo(Math.sqrt(1 - (4 * phi2) / mass), 15);
  });

  it("fillAsync's whole-tensor rule is the catalog's", () => {
    expect([...WHOLE_TENSOR_INITIALIZERS]).toEqual(ENTRIES.filter((e) => e.kind === "whole-tensor").map((e) => e.name));
  });
});

describe.each(ENTRIES.map((e) => [e.name, e] as const))("catalog entry %s", (_, e) => {
  const { shape, options } = exampleOf(e);
  const f = callOf(e);

  it(`${e.draws ? "moves" : "does not move"} the generator (draws: ${e.draws})`, () => {
    const generator = new Generator(3).advance(5);
    const x = f(shape, { ...options, generator });
    expect(x.length).toBe(shape.reduce((a, b) => a * b, 1));
    if (e.draws) expect(generator.position).toBeGreaterThan(5);
    else expect(generator.position).toBe(5);
  });

  it(`range gives the slice of the full fill (kind: ${e.kind})`, () => {
    const full = f(shape, { ...options, generator: new Generator(4) });
    const n = full.length, range: [number, number] = [Math.floor(n / 3), Math.floor((2 * n) / 3) + 1];
    expectSameBits(f(shape, { ...options, generator: new Generator(4), range }), full.subarray(...range));
  });

  it(`reads shapes in the ${e.layout} layout by default`, () => {
    let explicit: Float32Array;
    try {
      explicit = f(shape, { ...options, layout: e.layout, generator: new Generator(6) });
    } catch (error) {
      // Functions without a layout option reject it; their shapes follow their family's convention.
      expect(String(error)).toMatch(new RegExp(`^TypeError: ${e.name}: unknown option "layout"`));
      return;
    }
    expectSameBits(f(shape, { ...options, generator: new Generator(6) }), explicit);
  });

  it("its law is what the example draws", () => {
    const x = f(shape, { ...options, generator: new Generator(7) });
    expectFollows(Float64Array.from(x), e.law(shape, options));
  });
});

/** Mean and standard deviation of a continuous law. */
function momentsOf(law: Law): { mean: number; std: number } {
  switch (law.kind) {
    case "uniform": return { mean: (law.low + law.high) / 2, std: (law.high - law.low) / Math.sqrt(12) };
    case "normal": return { mean: law.mean, std: law.std };
    case "truncated": {
      const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      const al = (law.low - law.mean) / law.std, be = (law.high - law.mean) / law.std, z = intervalMass(al, be).w;
      const m = (phi(al) - phi(be)) / z;
      return { mean: law.mean + law.std * m, std: law.std * Math.sqrt(1 + (al * phi(al) - be * phi(be)) / z - m * m) };
    }
    default: throw new Error(`${law.kind} is not continuous`);
  }
}

/**
 * The sample against its law. Continuous laws: mean and std within 5 standard errors (a correct
 * sampler fails with probability ~6e-7 at a fixed seed), values inside a bounded law's support.
 * Point masses and exact zeros: the counts are exact. Approximate laws (orthogonal entries): the
 * root mean square is exact for an orthonormal frame, so it must match within 1e-3.
 */
function expectFollows(x: Float64Array, law: Law): void {
  const n = x.length;
  if (law.kind === "points") {
    for (const p of law.points) expect(x.filter((v) => v === Math.fround(p.value)).length).toBe(Math.round(p.mass * n));
    return;
  }
  if (law.kind === "zero-or-normal") {
    const nonzero = x.filter((v) => v !== 0);
    expect(n - nonzero.length).toBe(Math.round(law.zeros * n));
    const rms = Math.sqrt(nonzero.reduce((s, v) => s + v * v, 0) / nonzero.length);
    expect(Math.abs(rms / law.std - 1)).toBeLessThan(law.approximate ? 1e-3 : 5 / Math.sqrt(2 * nonzero.length));
    return;
  }
  if (law.kind === "normal" && law.approximate) {
    const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / n);
    expect(Math.abs(rms / law.std - 1)).toBeLessThan(1e-3);
    return;
  }
  const { mean, std } = momentsOf(law);
  const m = moments(x), s = Math.sqrt(m.variance);
  const m4 = (m.kurtosis + 3) * m.variance * m.variance;
  expect(Math.abs(m.mean - mean)).toBeLessThan((5 * std) / Math.sqrt(n));
  expect(Math.abs(s - std)).toBeLessThan((5 * Math.sqrt(Math.max(m4 - m.variance ** 2, 0) / n)) / (2 * s));
  if (law.kind !== "normal") {
    const slack = F32_EPSILON * Math.max(Math.abs(law.low), Math.abs(law.high));
    let lo = Infinity, hi = -Infinity;
    for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBeGreaterThanOrEqual(law.low - slack);
    expect(hi).toBeLessThanOrEqual(law.high + slack);
  }
}

describe("kernel centres (src/shape.ts)", () => {
  it("torch's dirac takes k // 2, JAX's delta orthogonal (k - 1) // 2: they differ for even k only", () => {
    expect([1, 2, 3, 4, 5, 6].map((k) => centreIndex(k, "torch"))).toEqual([0, 1, 1, 2, 2, 3]);
    expect([1, 2, 3, 4, 5, 6].map((k) => centreIndex(k, "jax"))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it("the centre's flat offset skips the input and output axes", () => {
    const dims = [4, 3, 2, 5]; // keras [kh, kw, in, out]
    expect(stridesOf(dims)).toEqual([30, 10, 5, 1]);
    expect(kernelCentreOffset(dims, stridesOf(dims), 2, 3, "torch")).toBe(2 * 30 + 1 * 10);
    expect(kernelCentreOffset(dims, stridesOf(dims), 2, 3, "jax")).toBe(1 * 30 + 1 * 10);
  });
});
