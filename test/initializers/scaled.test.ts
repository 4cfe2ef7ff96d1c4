// Fan-scaled initializers over the shape table: the spread from the formulas (worked out here,
// in float64, from the hand-computed fans), the sample's std and support against it.

import { describe, expect, it } from "vitest";
import {
  Generator, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, varianceScaling,
  glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, uniform, normal, truncNormal,
} from "../../src/index.js";
import { TRUNCATED_STD } from "../../src/index.js";
import { varianceLaw } from "../../src/initializers/keras.js";
import { SHAPES, EMPTY_SHAPES, collect, expectLaw, bitsOf, type Expected, type ShapeCase } from "./support.js";

type Init = (shape: number[], options: object) => Float32Array;

interface Variant {
  name: string;
  init: Init;
  options: object;
  expected: (c: ShapeCase) => Expected;
}

const sqrt = Math.sqrt;
const leaky = (a: number) => sqrt(2 / (1 + a * a));

/** torch's formulas (torch/nn/init.py). */
const TORCH: Variant[] = [
  { name: "xavierUniform", init: xavierUniform as Init, options: {}, expected: (c) => ({ law: "uniform", bound: sqrt(6 / (c.fanIn + c.fanOut)) }) },
  { name: "xavierUniform gain 5/3", init: xavierUniform as Init, options: { gain: 5 / 3 }, expected: (c) => ({ law: "uniform", bound: (5 / 3) * sqrt(6 / (c.fanIn + c.fanOut)) }) },
  { name: "xavierNormal", init: xavierNormal as Init, options: {}, expected: (c) => ({ law: "normal", std: sqrt(2 / (c.fanIn + c.fanOut)) }) },
  { name: "xavierNormal gain 2", init: xavierNormal as Init, options: { gain: 2 }, expected: (c) => ({ law: "normal", std: 2 * sqrt(2 / (c.fanIn + c.fanOut)) }) },
  { name: "kaimingUniform (leaky_relu, a = 0)", init: kaimingUniform as Init, options: {}, expected: (c) => ({ law: "uniform", bound: sqrt(3) * sqrt(2) / sqrt(c.fanIn) }) },
  { name: "kaimingUniform a = sqrt(5) (nn.Linear)", init: kaimingUniform as Init, options: { a: sqrt(5) }, expected: (c) => ({ law: "uniform", bound: 1 / sqrt(c.fanIn) }) },
  { name: "kaimingUniform fan_out relu", init: kaimingUniform as Init, options: { mode: "fan_out", nonlinearity: "relu" }, expected: (c) => ({ law: "uniform", bound: sqrt(3) * sqrt(2) / sqrt(c.fanOut) }) },
  { name: "kaimingNormal (leaky_relu, a = 0)", init: kaimingNormal as Init, options: {}, expected: (c) => ({ law: "normal", std: sqrt(2) / sqrt(c.fanIn) }) },
  { name: "kaimingNormal a = 0.2", init: kaimingNormal as Init, options: { a: 0.2 }, expected: (c) => ({ law: "normal", std: leaky(0.2) / sqrt(c.fanIn) }) },
  { name: "kaimingNormal fan_out tanh", init: kaimingNormal as Init, options: { mode: "fan_out", nonlinearity: "tanh" }, expected: (c) => ({ law: "normal", std: (5 / 3) / sqrt(c.fanOut) }) },
];

/** Keras's VarianceScaling: variance = scale / max(1, fan); truncated sigma = sqrt(variance) / 0.8796... */
function keras(scale: number, mode: string, distribution: string): (c: ShapeCase) => Expected {
  return (c) => {
    const fan = mode === "fan_in" ? c.fanIn : mode === "fan_out" ? c.fanOut : mode === "fan_avg" ? (c.fanIn + c.fanOut) / 2 : sqrt(c.fanIn * c.fanOut);
    const variance = scale / Math.max(1, fan);
    if (distribution === "uniform") return { law: "uniform", bound: sqrt(3 * variance) };
    if (distribution === "untruncated_normal") return { law: "normal", std: sqrt(variance) };
    return { law: "truncated", std: sqrt(variance) / TRUNCATED_STD };
  };
}

const KERAS: Variant[] = [
  { name: "glorotUniform", init: glorotUniform as Init, options: {}, expected: keras(1, "fan_avg", "uniform") },
  { name: "glorotNormal", init: glorotNormal as Init, options: {}, expected: keras(1, "fan_avg", "truncated_normal") },
  { name: "heUniform", init: heUniform as Init, options: {}, expected: keras(2, "fan_in", "uniform") },
  { name: "heNormal", init: heNormal as Init, options: {}, expected: keras(2, "fan_in", "truncated_normal") },
  { name: "lecunUniform", init: lecunUniform as Init, options: {}, expected: keras(1, "fan_in", "uniform") },
  { name: "lecunNormal", init: lecunNormal as Init, options: {}, expected: keras(1, "fan_in", "truncated_normal") },
];
for (const mode of ["fan_in", "fan_out", "fan_avg", "fan_geo_avg"]) {
  for (const distribution of ["truncated_normal", "untruncated_normal", "uniform"]) {
    KERAS.push({
      name: `varianceScaling scale 0.5 ${mode} ${distribution}`, init: varianceScaling as Init,
      options: { scale: 0.5, mode, distribution }, expected: keras(0.5, mode, distribution),
    });
  }
}

const CASES = [...TORCH, ...KERAS].flatMap((v, i) => SHAPES.map((c, j) => ({ v, c, seed: 1000 * i + j, label: `${v.name} on ${c.layout} ${c.name}` })));

describe("fan-scaled initializers follow their formulas", () => {
  it.each(CASES)("$label", ({ v, c, seed }) => {
    const x = collect(v.init, c.shape, { ...v.options, layout: c.layout }, seed);
    expectLaw(x, v.expected(c));
  });
});

describe("the same bits as the plain distribution with the formula's spread", () => {
  // Pins the spread exactly (up to the float32 rounding the kernels apply), not only statistically.
  it.each(SHAPES)("$layout $name", (c) => {
    const g = () => new Generator(42);
    const fanSum = c.fanIn + c.fanOut;
    const same = (a: Float32Array, b: Float32Array) => expect(bitsOf(a)).toEqual(bitsOf(b));
    const xb = Math.sqrt(3.0) * (1 * Math.sqrt(2.0 / fanSum));
    same(xavierUniform(c.shape, { layout: c.layout, generator: g() }), uniform(c.shape, { a: -xb, b: xb, generator: g() }));
    same(xavierNormal(c.shape, { layout: c.layout, generator: g() }), normal(c.shape, { std: Math.sqrt(2.0 / fanSum), generator: g() }));
    const ks = Math.sqrt(2.0) / Math.sqrt(c.fanIn);
    same(kaimingUniform(c.shape, { layout: c.layout, generator: g() }), uniform(c.shape, { a: -Math.sqrt(3.0) * ks, b: Math.sqrt(3.0) * ks, generator: g() }));
    same(kaimingNormal(c.shape, { layout: c.layout, generator: g() }), normal(c.shape, { std: ks, generator: g() }));
    const gs = Math.sqrt(1 / Math.max(1, fanSum / 2)) / TRUNCATED_STD;
    same(glorotNormal(c.shape, { layout: c.layout, generator: g() }), truncNormal(c.shape, { std: gs, a: -2 * gs, b: 2 * gs, generator: g() }));
  });

  it("presets are variance scaling with Keras's parameters", () => {
    const shape = [3, 3, 16, 32];
    const g = () => new Generator(7);
    const pairs: [Init, object][] = [
      [glorotUniform as Init, { scale: 1, mode: "fan_avg", distribution: "uniform" }],
      [glorotNormal as Init, { scale: 1, mode: "fan_avg", distribution: "truncated_normal" }],
      [heUniform as Init, { scale: 2, mode: "fan_in", distribution: "uniform" }],
      [heNormal as Init, { scale: 2, mode: "fan_in", distribution: "truncated_normal" }],
      [lecunUniform as Init, { scale: 1, mode: "fan_in", distribution: "uniform" }],
      [lecunNormal as Init, { scale: 1, mode: "fan_in", distribution: "truncated_normal" }],
    ];
    for (const [init, options] of pairs) {
      expect(bitsOf(init(shape, { generator: g() }))).toEqual(bitsOf(varianceScaling(shape, { ...options, generator: g() })));
    }
    // varianceScaling's defaults: scale 1, fan_in, truncated normal = lecunNormal
    expect(bitsOf(varianceScaling(shape, { generator: g() }))).toEqual(bitsOf(lecunNormal(shape, { generator: g() })));
  });

  it("kaiming's defaults (leaky_relu with a = 0) equal relu; nn.Linear's a = sqrt(5) gives bound 1/sqrt(fan_in)", () => {
    const g = () => new Generator(3);
    expect(bitsOf(kaimingNormal([64, 32], { generator: g() }))).toEqual(bitsOf(kaimingNormal([64, 32], { nonlinearity: "relu", generator: g() })));
    const x = kaimingUniform([64, 32], { a: Math.sqrt(5), generator: g() });
    expect(bitsOf(x)).toEqual(bitsOf(uniform([64, 32], { a: -Math.sqrt(3.0) * (Math.sqrt(2 / 6) / Math.sqrt(32)), b: Math.sqrt(3.0) * (Math.sqrt(2 / 6) / Math.sqrt(32)), generator: g() })));
  });

  it("torch family defaults to the torch layout, Keras family to the keras layout", () => {
    const g = () => new Generator(5);
    const t = [32, 16, 3, 3], k = [3, 3, 16, 32];
    expect(bitsOf(kaimingNormal(t, { generator: g() }))).toEqual(bitsOf(kaimingNormal(t, { layout: "torch", generator: g() })));
    expect(bitsOf(heNormal(k, { generator: g() }))).toEqual(bitsOf(heNormal(k, { layout: "keras", generator: g() })));
    // the same fans in the other layout give the same bits
    expect(bitsOf(heNormal(k, { generator: g() }))).toEqual(bitsOf(heNormal(t, { layout: "torch", generator: g() })));
    expect(bitsOf(xavierUniform(t, { generator: g() }))).toEqual(bitsOf(xavierUniform(k, { layout: { inAxis: 2, outAxis: 3 }, generator: g() })));
  });
});

describe("Keras details", () => {
  it("clamps fans to at least 1", () => {
    const p = { scale: 1, mode: "fan_in", distribution: "uniform" } as const;
    expect(varianceLaw(p, 0, 0)).toEqual(varianceLaw(p, 1, 1));
    expect(varianceLaw({ ...p, mode: "fan_avg" }, 0, 1)).toEqual(varianceLaw({ ...p, mode: "fan_avg" }, 1, 1));
    expect(varianceLaw({ ...p, mode: "fan_geo_avg" }, 0, 9)).toEqual(varianceLaw({ ...p, mode: "fan_geo_avg" }, 1, 1));
    expect(varianceLaw({ ...p, mode: "fan_geo_avg" }, 4, 9)).toEqual({ kind: "uniform", low: -Math.sqrt(3 / 6), high: Math.sqrt(3 / 6) });
  });

  it("follows compute_fans for 0-D and 1-D shapes (fan = n)", () => {
    const g = () => new Generator(9);
    expect(bitsOf(glorotUniform([500], { generator: g() }))).toEqual(bitsOf(uniform([500], { a: -Math.sqrt(3 / 500), b: Math.sqrt(3 / 500), generator: g() })));
    expect(bitsOf(heUniform([], { generator: g() }))).toEqual(bitsOf(uniform([], { a: -Math.sqrt(6), b: Math.sqrt(6), generator: g() })));
    expect(heUniform([]).length).toBe(1);
  });
});

describe("zero-element shapes", () => {
  const ALL: [string, Init, object][] = [
    ["xavierUniform", xavierUniform as Init, {}], ["xavierNormal", xavierNormal as Init, {}],
    ["kaimingUniform", kaimingUniform as Init, {}], ["kaimingNormal", kaimingNormal as Init, { mode: "fan_out" }],
    ["varianceScaling", varianceScaling as Init, { mode: "fan_geo_avg" }], ["glorotUniform", glorotUniform as Init, {}],
    ["glorotNormal", glorotNormal as Init, {}], ["heUniform", heUniform as Init, {}], ["heNormal", heNormal as Init, {}],
    ["lecunUniform", lecunUniform as Init, {}], ["lecunNormal", lecunNormal as Init, {}],
  ];
  it.each(ALL)("%s returns an empty array and draws nothing", (_, init, options) => {
    for (const shape of EMPTY_SHAPES) {
      const generator = new Generator(1).advance(17);
      const x = init(shape, { ...options, generator });
      expect(x).toBeInstanceOf(Float32Array);
      expect(x.length).toBe(0);
      expect(generator.position).toBe(17);
    }
  });
});

describe("shared options", () => {
  it.each([
    ["kaimingUniform", kaimingUniform as Init], ["xavierNormal", xavierNormal as Init], ["heNormal", heNormal as Init],
    ["varianceScaling", varianceScaling as Init],
  ] as const)("%s: range gives the slice of the full fill and advances by the whole tensor; out is filled", (_, init) => {
    const shape = [40, 30, 3];
    const full = init(shape, { generator: new Generator(11) });
    const generator = new Generator(11);
    const slice = init(shape, { generator, range: [1000, 2345] });
    expect(bitsOf(slice)).toEqual(bitsOf(full.subarray(1000, 2345)));
    expect(generator.position).toBe(3600);
    const out = new Float32Array(3600);
    expect(init(shape, { generator: new Generator(11), out })).toBe(out);
    expect(bitsOf(out)).toEqual(bitsOf(full));
  });

  it("reproducible from the seed; successive calls continue the tape", () => {
    const a = new Generator(123), b = new Generator(123);
    const x1 = heNormal([64, 64], { generator: a }), x2 = heNormal([64, 64], { generator: a });
    expect(bitsOf(heNormal([64, 64], { generator: b }))).toEqual(bitsOf(x1));
    expect(bitsOf(x2)).not.toEqual(bitsOf(x1));
    expect(a.position).toBe(2 * 64 * 64);
  });
});
