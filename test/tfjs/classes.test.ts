// Every nninit/tfjs class: it makes the bits of its nninit function (Keras layout, a Generator of
// its seed), its config survives getConfig -> fromConfig (also with tfjs's camel-cased strings),
// it is registered under "nninit>Name", and bad configs fail at construction with nninit's message.

import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as nn from "../../src/index.js";
import * as nt from "../../src/tfjs/index.js";
import { bits } from "../helpers.js";

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

type Cls = nt.NninitInitializerClass<object>;
type Fn = (shape: number[], options: object) => Float32Array;

interface Case {
  cls: Cls;
  config: object;
  shape: number[];
  /** What the class must give: the nninit function, with the options it must pass. */
  expected: (generator: nn.Generator) => Float32Array;
}

const C = (cls: unknown) => cls as Cls;
const call = (fn: unknown, shape: number[], options: object) => (fn as Fn)(shape, options);
const KERNEL = [3, 3, 8, 16];

/**
 * Hand-written cases: the torch-named ones get `layout: "keras"` unless their config says
 * otherwise, Orthogonal and Sparse map the tfjs shape. A catalog entry without one here gets
 * `defaultCase`: its example options on its example shape, its function's bits.
 */
const WRITTEN: Record<string, Case> = {
  Uniform: { cls: C(nt.Uniform), config: { a: -0.5, b: 2 }, shape: [40, 30], expected: (generator) => nn.uniform([40, 30], { a: -0.5, b: 2, generator }) },
  Normal: { cls: C(nt.Normal), config: { mean: 1, std: 0.02 }, shape: [40, 30], expected: (generator) => nn.normal([40, 30], { mean: 1, std: 0.02, generator }) },
  TruncNormal: { cls: C(nt.TruncNormal), config: { std: 0.02, a: -0.04, b: 0.04 }, shape: [40, 30], expected: (generator) => nn.truncNormal([40, 30], { std: 0.02, a: -0.04, b: 0.04, generator }) },
  Constant: { cls: C(nt.Constant), config: { value: 0.25 }, shape: [7], expected: () => nn.constant([7], { value: 0.25 }) },
  Ones: { cls: C(nt.Ones), config: {}, shape: [7], expected: () => nn.ones([7]) },
  Zeros: { cls: C(nt.Zeros), config: {}, shape: [7], expected: () => nn.zeros([7]) },
  Eye: { cls: C(nt.Eye), config: {}, shape: [5, 7], expected: () => nn.eye([5, 7]) },
  Identity: { cls: C(nt.Identity), config: { gain: 0.5 }, shape: [7, 5], expected: () => nn.identity([7, 5], { gain: 0.5 }) },
  Dirac: { cls: C(nt.Dirac), config: { groups: 2 }, shape: [3, 3, 4, 8], expected: () => nn.dirac([3, 3, 4, 8], { groups: 2, layout: "keras" }) },
  XavierUniform: { cls: C(nt.XavierUniform), config: { gain: 2 }, shape: KERNEL, expected: (generator) => nn.xavierUniform(KERNEL, { gain: 2, layout: "keras", generator }) },
  XavierNormal: { cls: C(nt.XavierNormal), config: { layout: "torch" }, shape: KERNEL, expected: (generator) => nn.xavierNormal(KERNEL, { layout: "torch", generator }) },
  KaimingUniform: { cls: C(nt.KaimingUniform), config: { a: Math.sqrt(5) }, shape: KERNEL, expected: (generator) => nn.kaimingUniform(KERNEL, { a: Math.sqrt(5), layout: "keras", generator }) },
  KaimingNormal: { cls: C(nt.KaimingNormal), config: { mode: "fan_out", nonlinearity: "relu" }, shape: KERNEL, expected: (generator) => nn.kaimingNormal(KERNEL, { mode: "fan_out", nonlinearity: "relu", layout: "keras", generator }) },
  VarianceScaling: { cls: C(nt.VarianceScaling), config: { scale: 3, mode: "fan_geo_avg", distribution: "truncated_normal", layout: { inAxis: 0, outAxis: 1 } }, shape: KERNEL, expected: (generator) => nn.varianceScaling(KERNEL, { scale: 3, mode: "fan_geo_avg", layout: { inAxis: 0, outAxis: 1 }, generator }) },
  GlorotUniform: { cls: C(nt.GlorotUniform), config: {}, shape: KERNEL, expected: (generator) => nn.glorotUniform(KERNEL, { generator }) },
  GlorotNormal: { cls: C(nt.GlorotNormal), config: {}, shape: KERNEL, expected: (generator) => nn.glorotNormal(KERNEL, { generator }) },
  HeUniform: { cls: C(nt.HeUniform), config: {}, shape: KERNEL, expected: (generator) => nn.heUniform(KERNEL, { generator }) },
  HeNormal: { cls: C(nt.HeNormal), config: {}, shape: KERNEL, expected: (generator) => nn.heNormal(KERNEL, { generator }) },
  LecunUniform: { cls: C(nt.LecunUniform), config: {}, shape: KERNEL, expected: (generator) => nn.lecunUniform(KERNEL, { generator }) },
  LecunNormal: { cls: C(nt.LecunNormal), config: {}, shape: KERNEL, expected: (generator) => nn.lecunNormal(KERNEL, { generator }) },
  // Keras flattening: [3 * 3 * 8, 16], orthonormal output filters.
  Orthogonal: { cls: C(nt.Orthogonal), config: { gain: 2 }, shape: KERNEL, expected: (generator) => nn.orthogonal([72, 16], { gain: 2, generator }) },
  DeltaOrthogonal: { cls: C(nt.DeltaOrthogonal), config: { scale: 0.5 }, shape: KERNEL, expected: (generator) => nn.deltaOrthogonal(KERNEL, { scale: 0.5, generator }) },
  // [in, out] = transpose of torch's [out, in].
  Sparse: { cls: C(nt.Sparse), config: { sparsity: 0.3, std: 0.1 }, shape: [12, 20], expected: (generator) => transpose(nn.sparse([20, 12], { sparsity: 0.3, std: 0.1, generator }), 20, 12) },
};

/** A catalog entry's example, through its class (Keras layout by default where the mapping says so). */
function defaultCase(entry: nn.CatalogEntry): Case {
  const { shape, options } = entry.example;
  if (entry.tfjs.adapt) throw new Error(`${entry.tfjs.className} maps shapes (${entry.tfjs.adapt}): write its case in WRITTEN`);
  const layout = entry.tfjs.kerasLayout ? { layout: "keras" } : {};
  return {
    cls: C((nt as Record<string, unknown>)[entry.tfjs.className]), config: { ...options }, shape: [...shape],
    expected: (generator) => call(entry.fn, [...shape], { ...layout, ...options, generator }),
  };
}

/** One case per catalog entry, by tfjs class name. */
const CASES: Record<string, Case> = Object.fromEntries((nn.catalog as readonly nn.CatalogEntry[]).map((e) =>
  [e.tfjs.className, WRITTEN[e.tfjs.className] ?? defaultCase(e)]));

function transpose(x: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
  return t;
}

const applied = (init: nt.NninitInitializer, shape: number[]) => init.apply(shape).dataSync() as Float32Array;

describe("every nninit/tfjs class", () => {
  it("covers every nninit initializer: one class per catalog entry, exported under its class name", () => {
    const names = (nn.catalog as readonly nn.CatalogEntry[]).map((e) => e.tfjs.className);
    for (const name of names) expect(typeof (nt as Record<string, unknown>)[name]).toBe("function");
    // the hand-written cases are each for a class of the catalog
    for (const name of Object.keys(WRITTEN)) expect(names).toContain(name);
    // nothing else: the exports are the classes plus the base class, register() and types
    const exported = Object.keys(nt).filter((k) => !["NninitInitializer", "register"].includes(k));
    expect(exported.sort()).toEqual([...names].sort());
  });

  it.each(Object.entries(CASES))("%s: the nninit function's bits, from a Generator of the seed", (name, c) => {
    const init = new c.cls({ ...c.config, seed: 11 });
    expect(init.getClassName()).toBe(`nninit>${name}`);
    expect(init).toBeInstanceOf(nt.NninitInitializer);
    const t = init.apply(c.shape, "float32");
    expect(t.shape).toEqual(c.shape);
    expect(t.dtype).toBe("float32");
    expect(bits(t.dataSync() as Float32Array)).toEqual(bits(c.expected(new nn.Generator(11))));
  });

  it.each(Object.entries(CASES))("%s: getConfig -> fromConfig round trip, registered under nninit>%s", (name, c) => {
    const init = new c.cls({ ...c.config, seed: 5 });
    const config = init.getConfig();
    expect(config).toEqual({ ...c.config, seed: 5 });
    const registered = tf.serialization.SerializationMap.getMap().classNameMap[`nninit>${name}`];
    expect(registered?.[0]).toBe(c.cls);
    // What tfjs hands fromConfig when loading: its own customObjects entry added.
    const copy = c.cls.fromConfig(c.cls as never, { ...JSON.parse(JSON.stringify(config)), customObjects: {} }) as nt.NninitInitializer;
    expect(copy.getConfig()).toEqual(config);
    expect(bits(applied(copy, c.shape))).toEqual(bits(applied(init, c.shape)));
  });

  it("takes tfjs's camel-cased spellings of mode, distribution and nonlinearity (what a loaded model holds)", () => {
    const camel = new nt.VarianceScaling({ mode: "fanAvg", distribution: "untruncatedNormal", seed: 1 } as never);
    expect(camel.getConfig()).toEqual({ mode: "fan_avg", distribution: "untruncated_normal", seed: 1 });
    const k = new nt.KaimingNormal({ nonlinearity: "convTranspose2d", seed: 1 } as never);
    expect(k.getConfig()).toEqual({ nonlinearity: "conv_transpose2d", seed: 1 });
  });

  it("enum errors quote what the caller wrote, not its snake-cased form (issue 9, defect 12)", () => {
    expect(() => new nt.KaimingNormal({ mode: "FanIn" } as never)).toThrow(new RangeError('kaimingNormal: mode must be one of "fan_in", "fan_out", got "FanIn"'));
    expect(() => new nt.VarianceScaling({ distribution: "Truncated" } as never)).toThrow(/distribution must be one of .*, got "Truncated"$/);
    expect(() => new nt.KaimingUniform({ nonlinearity: "leakyRELU" } as never)).toThrow(/nonlinearity must be one of .*, got "leakyRELU"$/);
    expect(() => new nt.VarianceScaling({ mode: "fanMiddle" } as never)).toThrow(/mode must be one of .*, got "fanMiddle"$/);
  });

  it("a config must be a plain object: a Generator, a Map or a class instance is refused", () => {
    expect(() => new nt.HeNormal(new nn.Generator(1) as never)).toThrow(/^nninit\/tfjs HeNormal: config must be a plain object such as \{ seed: 1 \}, got a \w*Generator$/);
    expect(() => new nt.HeNormal(new Map() as never)).toThrow(/config must be a plain object .*, got a Map$/);
  });

  it.each(Object.keys(CASES))("%s.apply checks the shape before computing sizes from it: nninit's TypeError/RangeError (defect 13)", (name) => {
    const init = new (CASES[name].cls)(CASES[name].config);
    const position = init.generator.position;
    expect(() => init.apply([null, 4])).toThrow(new TypeError(`nninit/tfjs ${name}: shape[0] must be a non-negative integer, got null`));
    expect(() => init.apply([4, -1])).toThrow(new RangeError(`nninit/tfjs ${name}: shape[1] must be a non-negative integer, got -1`));
    expect(() => init.apply("4x4" as never)).toThrow(new TypeError(`nninit/tfjs ${name}: shape must be an array of non-negative integers, got "4x4"`));
    expect(init.generator.position).toBe(position);
  });

  it("seed 0 is a seed like any other; no seed means nninit's default generator", () => {
    const a = new nt.HeNormal({ seed: 0 }), b = new nt.HeNormal({ seed: 0 });
    expect(bits(applied(a, [16, 16]))).toEqual(bits(applied(b, [16, 16])));
    expect(a.generator).not.toBe(nn.defaultGenerator);
    const unseeded = new nt.HeNormal();
    expect(unseeded.seed).toBeNull();
    expect(unseeded.generator).toBe(nn.defaultGenerator);
    expect(unseeded.getConfig()).toEqual({ seed: null });
  });

  it("checks the config at construction, with the nninit function's messages", () => {
    expect(() => new nt.VarianceScaling({ mode: "fan_middle" } as never)).toThrow(new RangeError('varianceScaling: mode must be one of "fan_in", "fan_out", "fan_avg", "fan_geo_avg", got "fan_middle"'));
    expect(() => new nt.HeNormal({ gain: 2 } as never)).toThrow(TypeError);
    expect(() => new nt.Sparse()).toThrow(/sparse: sparsity must be a number/);
    expect(() => new nt.Dirac({ groups: 0 })).toThrow(/dirac: groups must be an integer >= 1/);
    expect(() => new nt.HeNormal({ seed: 1.5 })).toThrow(new RangeError("nninit/tfjs HeNormal: seed must be a safe integer or null, got 1.5"));
    expect(() => new nt.HeNormal({ seed: 1n } as never)).toThrow(new TypeError("nninit/tfjs HeNormal: seed must be a safe integer or null, got 1n"));
    expect(() => new nt.HeNormal({ generator: new nn.Generator(1) } as never)).toThrow(/config.generator is not accepted/);
    expect(() => new nt.HeNormal(null as never)).toThrow(TypeError);
  });

  it("fails in apply on a dtype other than float32 and on shapes the function rejects, drawing nothing", () => {
    const init = new nt.HeNormal({ seed: 2 });
    expect(() => init.apply([4, 4], "int32")).toThrow(/dtype must be "float32", got "int32"/);
    expect(() => new nt.Eye().apply([2, 2, 2])).toThrow(/eye: /);
    expect(() => new nt.Sparse({ sparsity: 0.5 }).apply([2, 2, 2])).toThrow(/sparse: /);
    expect(init.generator.position).toBe(0);
  });
});
