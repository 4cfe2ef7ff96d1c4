// The classes of bad input a fuzzer found (issue 9, section 3), each checked across every
// initializer: a generator where the options go, options that are not plain objects, null, fake
// generators, detached `out`, tensors too large for one typed array, and the tape's end at 2^53.
// Every rejected call must name the function and the argument, move no generator and write
// nothing.

import { afterEach, describe, expect, it } from "vitest";
import * as nn from "../src/index.js";
import { Generator, catalog, type InitializerName } from "../src/index.js";
import { bits } from "./helpers.js";

type Init = (shape: unknown, options?: unknown) => Float32Array;

/**
 * Each initializer's shape, the options it needs and its own option names. Keyed by
 * InitializerName, so a catalog entry without a row here fails to type-check; the rows run in
 * catalog order.
 */
const DETAILS: Record<InitializerName, [shape: number[], base: Record<string, unknown>, own: string[]]> = {
  uniform: [[4, 4], {}, ["a", "b"]],
  normal: [[4, 4], {}, ["mean", "std"]],
  truncNormal: [[4, 4], {}, ["mean", "std", "a", "b"]],
  constant: [[4, 4], { value: 3 }, []],
  ones: [[4, 4], {}, []],
  zeros: [[4, 4], {}, []],
  eye: [[4, 4], {}, []],
  identity: [[4, 4], {}, ["gain"]],
  dirac: [[4, 4, 3], {}, ["groups", "layout"]],
  xavierUniform: [[4, 4], {}, ["gain", "layout"]],
  xavierNormal: [[4, 4], {}, ["gain", "layout"]],
  kaimingUniform: [[4, 4], {}, ["a", "mode", "nonlinearity", "layout"]],
  kaimingNormal: [[4, 4], {}, ["a", "mode", "nonlinearity", "layout"]],
  orthogonal: [[4, 4], {}, ["gain"]],
  deltaOrthogonal: [[3, 4, 4], {}, ["scale", "layout"]],
  sparse: [[4, 4], { sparsity: 0.5 }, ["std"]],
  varianceScaling: [[4, 4], {}, ["scale", "mode", "distribution", "layout"]],
  glorotUniform: [[4, 4], {}, ["layout"]],
  glorotNormal: [[4, 4], {}, ["layout"]],
  heUniform: [[4, 4], {}, ["layout"]],
  heNormal: [[4, 4], {}, ["layout"]],
  lecunUniform: [[4, 4], {}, ["layout"]],
  lecunNormal: [[4, 4], {}, ["layout"]],
};

/** Every public initializer: [name, shape, base options, own option names]. */
const INITIALIZERS = catalog.map((e) => [e.name, ...DETAILS[e.name]] as const);

const fnOf = (name: string) => (nn as unknown as Record<string, Init>)[name];
const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `call`, expecting `kind` with a message matching `message`; returns the error. */
function rejects(call: () => unknown, kind: typeof TypeError | typeof RangeError, message: RegExp): Error {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(kind);
  expect((error as Error).message).toMatch(message);
  return error as Error;
}

/** A generator somewhere in the middle of its tape, and an `out` full of a marker value. */
function witnesses(shape: number[]) {
  return { generator: new Generator(9).advance(77), out: new Float32Array(sizeOf(shape)).fill(12345) };
}

function untouched(w: ReturnType<typeof witnesses>): void {
  expect(w.generator.position).toBe(77);
  expect(w.out.every((v) => v === 12345)).toBe(true);
}

describe("1. a Generator where the options go", () => {
  it.each(INITIALIZERS)("%s(shape, g): TypeError that says to pass { generator: g }", (name, shape) => {
    const g = new Generator(3).advance(5);
    const before = nn.defaultGenerator.getState();
    rejects(() => fnOf(name)(shape, g), TypeError, new RegExp(`^${name}: options must be a plain object, got a Generator; pass it as \\{ generator: g \\}$`));
    expect(g.position).toBe(5);
    expect(nn.defaultGenerator.getState()).toEqual(before);
  });

  it("fillAsync(normal, shape, g) too", async () => {
    await expect(nn.fillAsync(nn.normal, [4], new Generator(1) as never)).rejects.toThrow(/^fillAsync: options must be a plain object, got a Generator; pass it as \{ generator: g \}$/);
  });
});

describe("2. options that are not plain objects; own properties only", () => {
  class Options { std = 2; }
  const notPlain: [string, () => unknown][] = [
    ["a Map", () => new Map([["std", 2]])],
    ["a Date", () => new Date(0)],
    ["a class instance", () => new Options()],
    ["an object whose prototype holds the keys", () => Object.create({ std: 2 })],
    ["an array", () => [1, 2]],
    ["a function", () => () => 1],
    ["a number", () => 0.02],
  ];

  it.each(INITIALIZERS.flatMap(([name, shape]) => notPlain.map(([what, make]) => ({ name, shape, what, make }))))(
    "$name with $what as options: TypeError, nothing done", ({ name, shape, make }) => {
      const before = nn.defaultGenerator.getState();
      rejects(() => fnOf(name)(shape, make()), TypeError, new RegExp(`^${name}: options must be a plain object or undefined, got `));
      expect(nn.defaultGenerator.getState()).toEqual(before);
    });

  it("Object.create(null) and objects from another realm's Object are plain", () => {
    const bare = Object.assign(Object.create(null) as object, { std: 2, generator: new Generator(1) });
    expect(bits(nn.normal(8, bare))).toEqual(bits(nn.normal(8, { std: 2, generator: new Generator(1) })));
    const parsed = JSON.parse('{"std": 2}') as object;
    expect(bits(nn.normal(8, { ...parsed, generator: new Generator(1) }))).toEqual(bits(nn.normal(8, { std: 2, generator: new Generator(1) })));
  });

  it("keys inherited from Object.prototype are never read (a polluted prototype changes nothing)", () => {
    const g = new Generator(2);
    Object.defineProperty(Object.prototype, "generator", { value: g, configurable: true, writable: true });
    Object.defineProperty(Object.prototype, "std", { value: 100, configurable: true, writable: true });
    try {
      const ref = nn.normal(8, { generator: new Generator(5) });
      const x = nn.normal(8, { generator: new Generator(5) });
      expect(bits(x)).toEqual(bits(ref));
      expect(Math.max(...x.map(Math.abs))).toBeLessThan(10);
      nn.normal(8);
      expect(g.position).toBe(0);
    } finally {
      delete (Object.prototype as Record<string, unknown>).generator;
      delete (Object.prototype as Record<string, unknown>).std;
    }
  });

  it("each option is read once (a getter cannot give one value to the check and another to the fill)", () => {
    let reads = 0;
    const options = { generator: new Generator(1), get std() { reads++; return reads === 1 ? 1 : -1; } };
    const x = nn.normal(8, options);
    expect(reads).toBe(1);
    expect(bits(x)).toEqual(bits(nn.normal(8, { std: 1, generator: new Generator(1) })));
  });

  it("a layout must be a plain object too, read by own properties", () => {
    rejects(() => nn.kaimingNormal([3, 4], { layout: Object.create({ inAxis: 1, outAxis: 0 }) }), TypeError, /^kaimingNormal: layout must be "torch", "keras" or \{ inAxis, outAxis \}, got an object$/);
    rejects(() => nn.kaimingNormal([3, 4], { layout: new Map() as never }), TypeError, /^kaimingNormal: layout must be .*got a Map$/);
  });
});

describe("3. null means absent, for every option of every initializer", () => {
  afterEach(() => nn.manualSeed(nn.DEFAULT_SEED));

  it.each(INITIALIZERS.flatMap(([name, shape, base, own]) => ["generator", "out", "range", ...own].map((key) => ({ name, shape, base, key }))))(
    "$name({ $key: null }) = $name() without it", ({ name, shape, base, key }) => {
      const f = fnOf(name);
      const withNull = { ...base, generator: new Generator(4), [key]: null };
      const without = { ...base, generator: new Generator(4) };
      if (key === "generator") {
        delete (without as Record<string, unknown>).generator;
        nn.manualSeed(11);
        const a = f(shape, withNull);
        const pa = nn.defaultGenerator.position;
        nn.manualSeed(11);
        expect(bits(f(shape, without))).toEqual(bits(a));
        expect(nn.defaultGenerator.position).toBe(pa);
      } else {
        expect(bits(f(shape, withNull))).toEqual(bits(f(shape, without)));
      }
    });

  it("null options, and the same rule in calculateGain's param and calculateFanInAndFanOut's layout", () => {
    expect(bits(nn.normal(4, null as never))).toHaveLength(4);
    expect(nn.calculateGain("leaky_relu", null as never)).toBe(nn.calculateGain("leaky_relu"));
    expect(nn.calculateFanInAndFanOut([3, 4, 5], null as never)).toEqual(nn.calculateFanInAndFanOut([3, 4, 5]));
  });

  it("a required option given as null is missing", () => {
    rejects(() => nn.sparse([4, 4], { sparsity: null as never }), TypeError, /^sparse: sparsity must be a number, got undefined$/);
    rejects(() => nn.constant([4, 4], { value: null as never }), TypeError, /^constant: value must be a number, got undefined$/);
  });
});

describe("6. a tensor too large for one typed array", () => {
  // Sizes no engine allocates: past V8's length cap (2^32 elements in Node 20) and past any
  // machine's memory (Node 22 and later cap by memory alone; 2^36 floats are 256 GiB).
  it.each([
    ["normal([2^36])", () => nn.normal([2 ** 36], { generator: new Generator(1).advance(77) }), "normal", "Float32Array", /\[68719476736\]/],
    ["normal([2^26, 2^27 - 1])", () => nn.normal([2 ** 26, 2 ** 27 - 1], { generator: new Generator(1).advance(77) }), "normal", "Float32Array", /\[67108864, 134217727\]/],
    ["sparse([2^26, 2^27 - 1])", () => nn.sparse([2 ** 26, 2 ** 27 - 1], { sparsity: 0, generator: new Generator(1).advance(77) }), "sparse", "Float32Array", /\[67108864, 134217727\]/],
    ["zeros([2^40])", () => nn.zeros([2 ** 40]), "zeros", "Float32Array", /\[1099511627776\]/],
    ["normal([2^37], bfloat16)", () => nn.normal([2 ** 37], { dtype: "bfloat16", generator: new Generator(1).advance(77) }), "normal", "Uint16Array", /\[137438953472\]/],
  ] as const)("%s: RangeError naming the function, the shape, the size and the engine's reason", (_, call, name, type, shape) => {
    const error = rejects(call, RangeError, new RegExp(`^${name}: shape .* needs a ${type} of \\d+ elements \\([\\d.e+]+ GiB\\), more than this engine allocates in one typed array \\(it said: .+\\); fill it in slices with range and out$`));
    expect(error.message).toMatch(shape);
  });

  it("a range of such a tensor works, and moves the generator by the whole tensor", () => {
    const generator = new Generator(1);
    const x = nn.normal([2 ** 33], { generator, range: [2 ** 33 - 4, 2 ** 33] });
    expect(x.length).toBe(4);
    expect(generator.position).toBe(2 ** 33);
  });
});

describe("7. a detached out", () => {
  it.each(INITIALIZERS)("%s: TypeError that says the buffer is detached", (name, shape, base) => {
    const w = witnesses(shape);
    const out = new Float32Array(sizeOf(shape));
    structuredClone(out.buffer, { transfer: [out.buffer] });
    rejects(() => fnOf(name)(shape, { ...base, generator: w.generator, out }), TypeError,
      new RegExp(`^${name}: out must be a Float32Array of length ${sizeOf(shape)}, got a Float32Array whose buffer is detached`));
    untouched(w);
  });
});

describe("8. objects that pass instanceof Generator but are not generators", () => {
  const fakes: [string, () => unknown][] = [
    ["Object.create(Generator.prototype)", () => Object.create(Generator.prototype)],
    ["a Proxy of a Generator", () => new Proxy(new Generator(1), {})],
  ];
  it.each(INITIALIZERS.flatMap(([name, shape, base]) => fakes.map(([what, make]) => ({ name, shape, base, what, make }))))(
    "$name with $what: TypeError, out untouched", ({ name, shape, base, make }) => {
      const fake = make();
      expect(fake instanceof Generator).toBe(true);
      const w = witnesses(shape);
      rejects(() => fnOf(name)(shape, { ...base, generator: fake, out: w.out }), TypeError,
        new RegExp(`^${name}: generator must be a Generator made by new Generator\\(seed\\) \\(not a Proxy or an object created from its prototype\\), got a `));
      untouched(w);
    });
});

describe("14. the tape ends at 2^53: a fill may end exactly there", () => {
  const END = 2 ** 53;
  it.each(["uniform", "normal", "truncNormal", "kaimingNormal", "glorotUniform", "orthogonal"])("%s: 10 words at 2^53 - 10 fit, 11 do not", (name) => {
    const f = fnOf(name);
    const shape = name === "orthogonal" ? [5, 2] : [2, 5];
    const g = new Generator(1).advance(END - 10);
    expect(f(shape, { generator: g }).length).toBe(10);
    expect(g.position).toBe(END);
    const h = new Generator(1).advance(END - 10);
    rejects(() => f([11, 1], { generator: h }), RangeError,
      new RegExp(`^${name}: the generator is at position ${END - 10}; 11 more words would pass the tape's end at 2\\^53$`));
    expect(h.position).toBe(END - 10);
    // at the end, only empty fills
    expect(f([0, 2], { generator: g }).length).toBe(0);
    rejects(() => f([1, 1], { generator: g }), RangeError, /1 more words would pass the tape's end/);
  });

  it("the last word, 2^53 - 1, is the one a range fill at the end gives", () => {
    const tail = nn.normal(1, { generator: new Generator(6).advance(END - 1) });
    // a tensor of 2^53 - 2 elements from position 2: its last element is word 2^53 - 1
    const slice = nn.normal([END - 2], { generator: new Generator(6).advance(2), range: [END - 3, END - 2] });
    expect(bits(tail)).toEqual(bits(slice));
  });

  it("advance: to 2^53 exactly, not past; setState and getState round-trip 2^53", () => {
    const g = new Generator(1).advance(END - 10);
    rejects(() => g.advance(11), RangeError, /^Generator.advance: the generator is at position 9007199254740982; 11 more words would pass/);
    expect(g.position).toBe(END - 10);
    g.advance(10);
    expect(g.position).toBe(END);
    rejects(() => g.advance(1), RangeError, /would pass the tape's end/);
    g.advance(0);
    const h = new Generator(2).setState(g.getState());
    expect(h.position).toBe(END);
    rejects(() => h.setState({ seed: 1n, position: END + 2 }), RangeError, /^Generator.setState: state.position must be an integer in \[0, 2\^53\], got 9007199254740994$/);
  });

  it("sparse counts its shuffle words: values + cols * z must end by 2^53", () => {
    const need = 4 * 4 + 4 * 2;
    expect(nn.sparse([4, 4], { sparsity: 0.5, generator: new Generator(1).advance(END - need) }).length).toBe(16);
    rejects(() => nn.sparse([4, 4], { sparsity: 0.5, generator: new Generator(1).advance(END - need + 1) }), RangeError, /^sparse: .*24 more words would pass/);
  });
});
