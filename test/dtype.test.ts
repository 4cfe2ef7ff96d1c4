// Output dtypes: the conversion kernels (SIMD = scalar = the integer JS reference of src/dtype.ts,
// bit for bit, over every exponent, the rounding boundaries, subnormals, ties, overflow and NaN),
// known answers, and every initializer's half output = its float32 output rounded, from the same
// tape words, with the same generator moves and the same errors.

import { describe, expect, it } from "vitest";
import { BUILDS, kernelsOf } from "./helpers.js";
import { float16Bits, bfloat16Bits, float16Value, bfloat16Value, roundTo, type HalfDtype } from "../src/dtype.js";
import {
  Generator, uniform, normal, truncNormal, constant, ones, zeros, eye, dirac, identity, xavierUniform, xavierNormal,
  kaimingUniform, kaimingNormal, orthogonal, deltaOrthogonal, sparse, varianceScaling, glorotUniform, glorotNormal,
  heUniform, heNormal, lecunUniform, lecunNormal, fillAsync,
} from "../src/index.js";
import type { Kernels } from "../src/wasm/loader.js";
import { sampleUniform, sampleNormal, sampleTruncNormal, type Placement } from "../src/random/sample.js";

const HALVES: HalfDtype[] = ["float16", "bfloat16"];
const reference = (dtype: HalfDtype) => (dtype === "float16" ? float16Bits : bfloat16Bits);

/** Float32 bit patterns: every high half with low halves at each rounding boundary, plus random words. */
function patterns(): Uint32Array {
  const lows = [0x0000, 0x0001, 0x0fff, 0x1000, 0x1001, 0x1fff, 0x2000, 0x3000, 0x7fff, 0x8000, 0x8001, 0xffff];
  const out = new Uint32Array(65536 * lows.length + 65536);
  let at = 0;
  for (let hi = 0; hi < 65536; hi++) for (const lo of lows) out[at++] = ((hi << 16) | lo) >>> 0;
  let x = 0x9e3779b9;
  for (let i = 0; i < 65536; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[at++] = x >>> 0;
  }
  return out;
}

/** Runs a build's conversion kernel on `words` (in place, window by window). */
function convertWith(k: Kernels, dtype: HalfDtype, words: Uint32Array): Uint16Array {
  const out = new Uint16Array(words.length);
  const per = k.windowBytes >>> 2;
  for (let done = 0; done < words.length; done += per) {
    const n = Math.min(per, words.length - done);
    k.windowU32().set(words.subarray(done, done + n));
    (dtype === "float16" ? k.exports.to_float16 : k.exports.to_bfloat16)(k.window, k.window, n);
    out.set(k.windowU16().subarray(0, n), done);
  }
  return out;
}

describe.each(HALVES)("the %s conversion kernel", (dtype) => {
  const words = patterns();
  const f32 = new Float32Array(words.buffer);
  const expected = new Uint16Array(words.length);
  for (let i = 0; i < words.length; i++) expected[i] = reference(dtype)(f32[i]);

  it.each(BUILDS)("%s build = the integer reference on %#", (build) => {
    const got = convertWith(kernelsOf(build), dtype, words);
    let mismatches = 0, first = -1;
    for (let i = 0; i < words.length; i++) if (got[i] !== expected[i]) { mismatches++; if (first < 0) first = i; }
    expect(mismatches, first < 0 ? "" : `first at 0x${words[first].toString(16)}: got 0x${got[first].toString(16)}, want 0x${expected[first].toString(16)}`).toBe(0);
  });

  it.each(BUILDS)("%s build converts every length 0..40 from an unaligned source (SIMD body + scalar tail)", (build) => {
    const k = kernelsOf(build);
    for (let n = 0; n <= 40; n++) {
      const src = k.window + 4 * 3, dst = k.window + 4 * 200 + 2;
      const w = k.windowU32();
      for (let i = 0; i < 300; i++) w[i] = words[(i * 7919 + n) % words.length];
      const before = w.slice();
      (dtype === "float16" ? k.exports.to_float16 : k.exports.to_bfloat16)(src, dst, n);
      const u16 = new Uint16Array(k.exports.memory.buffer, dst, n + 4);
      for (let i = 0; i < n; i++) expect(u16[i], `n ${n} i ${i}`).toBe(reference(dtype)(new Float32Array(before.buffer, 12)[i]));
      // nothing written past n halves
      const after = k.windowU32();
      const lastByte = 4 * 200 + 2 + 2 * n;
      for (let b = Math.ceil(lastByte / 4) + 1; b < 300; b++) expect(after[b], `n ${n} word ${b}`).toBe(before[b]);
    }
  });
});

// The fills round inside the kernel, block by block, packing the halves at the window's start
// (assembly/fill.ts): over several windows, from heads inside a block, in both builds, each half
// is the reference rounding of the float32 value at the same tape position.
describe.each(HALVES)("%s fills round block by block inside the kernel", (dtype) => {
  const laws: [string, (g: Generator, at: Placement, k: Kernels) => void][] = [
    ["uniform", (g, at, k) => sampleUniform(g, at, -3, 5, k)],
    ["normal", (g, at, k) => sampleNormal(g, at, 0.25, 2, k)],
    ["truncNormal [-2, 2]", (g, at, k) => sampleTruncNormal(g, at, 0, 1, -2, 2, k)],
    ["truncNormal [3, 5]", (g, at, k) => sampleTruncNormal(g, at, 0, 1, 3, 5, k)],
  ];
  const cases = BUILDS.flatMap((build) => laws.map(([name, fill]) => [build, name, fill] as const));
  it.each(cases)("%s build, %s: = the float32 fill rounded, across windows and block edges", (build, _name, fill) => {
    const k = kernelsOf(build);
    const g = new Generator(77);
    for (const [position, count] of [[0, 1], [5, 7], [1023, 9], [1017, 2 * 65536 + 3000], [3 * 65536 - 1, 1]]) {
      const f32 = new Float32Array(count + 2);
      fill(g, { target: f32, offset: 1, count, position }, k);
      const half = new Uint16Array(count + 2).fill(0xabcd);
      fill(g, { target: half, offset: 1, count, position, dtype }, k);
      expect(half[0]).toBe(0xabcd);
      expect(half[count + 1]).toBe(0xabcd);
      let bad = -1;
      for (let i = 0; i < count && bad < 0; i++) if (half[i + 1] !== reference(dtype)(f32[i + 1])) bad = i;
      expect(bad, `position ${position} count ${count}: first mismatch at ${bad}`).toBe(-1);
    }
  });
});

describe("known answers", () => {
  const cases: [string, number, number, number][] = [
    // label, value, float16 bits, bfloat16 bits
    ["1", 1, 0x3c00, 0x3f80],
    ["-2", -2, 0xc000, 0xc000],
    ["+0", 0, 0x0000, 0x0000],
    ["-0", -0, 0x8000, 0x8000],
    ["float16 max", 65504, 0x7bff, 0x4780],
    ["just below float16's overflow threshold", 65519.99609375, 0x7bff, 0x4780],
    ["float16's overflow threshold (a tie, rounds to inf)", 65520, 0x7c00, 0x4780],
    ["1 + 2^-11: tie, to even (down)", 1 + 2 ** -11, 0x3c00, 0x3f80],
    ["1 + 3 2^-11: tie, to even (up)", 1 + 3 * 2 ** -11, 0x3c02, 0x3f80],
    ["1 + 2^-8: bfloat16 tie, to even (down)", 1 + 2 ** -8, 0x3c04, 0x3f80],
    ["1 + 3 2^-8: bfloat16 tie, to even (up)", 1 + 3 * 2 ** -8, 0x3c0c, 0x3f82],
    ["smallest float16 subnormal 2^-24", 2 ** -24, 0x0001, 0x3380],
    ["2^-25: tie between 0 and 2^-24, to even (0)", 2 ** -25, 0x0000, 0x3300],
    ["just above 2^-25", Math.fround(2 ** -25 * (1 + 2 ** -23)), 0x0001, 0x3300],
    ["3 2^-25: tie, to even (2^-23)", 3 * 2 ** -25, 0x0002, 0x33c0],
    ["largest float16 subnormal", 1023 * 2 ** -24, 0x03ff, 0x3880],
    ["smallest float16 normal 2^-14", 2 ** -14, 0x0400, 0x3880],
    ["float32 max (bfloat16 overflow)", 3.4028234663852886e38, 0x7c00, 0x7f80],
    ["bfloat16 max", 3.3895313892515355e38, 0x7c00, 0x7f7f],
    ["smallest float32 subnormal", 2 ** -149, 0x0000, 0x0000],
    ["-Infinity", -Infinity, 0xfc00, 0xff80],
  ];
  it.each(cases)("%s", (_label, x, f16, bf16) => {
    expect(float16Bits(x)).toBe(f16);
    expect(bfloat16Bits(x)).toBe(bf16);
    for (const build of BUILDS) {
      const words = new Uint32Array(new Float32Array([x]).buffer);
      expect(convertWith(kernelsOf(build), "float16", words)[0], build).toBe(f16);
      expect(convertWith(kernelsOf(build), "bfloat16", words)[0], build).toBe(bf16);
    }
  });

  it("NaN stays NaN in both formats, with its sign", () => {
    expect(float16Bits(NaN) & 0x7fff).toBe(0x7e00);
    expect(Number.isNaN(float16Value(float16Bits(NaN)))).toBe(true);
    expect(Number.isNaN(bfloat16Value(bfloat16Bits(NaN)))).toBe(true);
    const negNaN = new Float32Array(new Uint32Array([0xffffffff]).buffer)[0];
    expect(bfloat16Bits(negNaN)).toBe(0xffff);
  });

  it("decoding inverts encoding on every half bit pattern that is a number", () => {
    for (let h = 0; h < 65536; h++) {
      const v16 = float16Value(h), vb = bfloat16Value(h);
      if (!Number.isNaN(v16)) expect(float16Bits(v16)).toBe(h);
      if (!Number.isNaN(vb)) expect(bfloat16Bits(vb)).toBe(h);
    }
  });
});

type Call = [name: string, fn: (shape: number[], options: object) => Float32Array | Uint16Array, shape: number[], options: object];
const CALLS: Call[] = [
  ["uniform", uniform, [37, 1000], { a: -3, b: 5 }],
  ["normal", normal, [300, 301], { mean: 0.5, std: 2e-3 }],
  ["truncNormal", truncNormal, [1000, 70], { std: 0.02, a: -0.04, b: 0.04 }],
  ["constant", constant, [129], { value: 0.1 }],
  ["ones", ones, [10], {}],
  ["zeros", zeros, [10], {}],
  ["eye", eye, [7, 9], {}],
  ["identity", identity, [5, 5], { gain: 0.3 }],
  ["dirac", dirac, [6, 3, 3, 3], {}],
  ["xavierUniform", xavierUniform, [64, 65], {}],
  ["xavierNormal", xavierNormal, [64, 65], {}],
  ["kaimingUniform", kaimingUniform, [64, 3, 3, 3], { a: Math.sqrt(5) }],
  ["kaimingNormal", kaimingNormal, [64, 3, 3, 3], { mode: "fan_out", nonlinearity: "relu" }],
  ["orthogonal", orthogonal, [40, 30], { gain: 2 }],
  ["deltaOrthogonal", deltaOrthogonal, [3, 3, 8, 16], {}],
  ["sparse", sparse, [50, 20], { sparsity: 0.5 }],
  ["varianceScaling", varianceScaling, [3, 3, 16, 32], { scale: 2, mode: "fan_avg" }],
  ["glorotUniform", glorotUniform, [100, 200], {}],
  ["glorotNormal", glorotNormal, [100, 200], {}],
  ["heUniform", heUniform, [100, 200], {}],
  ["heNormal", heNormal, [100, 200], {}],
  ["lecunUniform", lecunUniform, [100, 200], {}],
  ["lecunNormal", lecunNormal, [100, 200], {}],
];

describe.each(HALVES)("every initializer in %s", (dtype) => {
  it.each(CALLS)("%s = its float32 values rounded, from the same words, with the same generator moves", (_name, fn, shape, options) => {
    const g32 = new Generator(7).advance(5), g16 = new Generator(7).advance(5);
    const x = fn(shape, { ...options, generator: g32 }) as Float32Array;
    const h = fn(shape, { ...options, generator: g16, dtype });
    expect(h).toBeInstanceOf(Uint16Array);
    expect(h.length).toBe(x.length);
    const want = Uint16Array.from(x, reference(dtype));
    expect(h).toEqual(want);
    expect(g16.position).toBe(g32.position);
    // a range and an out give the same slice, into the caller's array
    const n = x.length, range: [number, number] = [Math.floor(n / 3), n - 1];
    const out = new Uint16Array(range[1] - range[0]);
    const got = fn(shape, { ...options, generator: new Generator(7).advance(5), dtype, range, out });
    expect(got).toBe(out);
    expect(out).toEqual(want.subarray(range[0], range[1]));
  });
});

describe("dtype options and errors", () => {
  it("float32 is the default and gives the same array type as before", () => {
    const a = normal(10, { generator: new Generator(1) });
    const b = normal(10, { generator: new Generator(1), dtype: "float32" });
    expect(b).toBeInstanceOf(Float32Array);
    expect(b).toEqual(a);
  });

  it("accepts a Float16Array as out for float16 where the engine has one, and returns it", () => {
    const F16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView & { length: number; [i: number]: number } }).Float16Array;
    if (!F16) return; // Node 20 has none; Node 24 and current Chromium do
    const out = new F16(100);
    const got = normal(100, { generator: new Generator(3), dtype: "float16", out: out as never });
    expect(got).toBe(out);
    const want = normal(100, { generator: new Generator(3) });
    for (let i = 0; i < 100; i++) expect(out[i]).toBe(roundTo("float16", want[i]));
  });

  const g = new Generator(11);
  const bad: [string, () => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    ["an unknown dtype", () => normal(4, { generator: g, dtype: "float64" as never }), RangeError, /^normal: dtype must be one of "float32", "float16", "bfloat16", got "float64"$/],
    ["a non-string dtype", () => normal(4, { generator: g, dtype: 16 as never }), TypeError, /^normal: dtype must be one of .*got 16$/],
    ["a Float32Array out for bfloat16", () => normal(4, { generator: g, dtype: "bfloat16", out: new Float32Array(4) as never }), TypeError, /^normal: out must be a Uint16Array \(the dtype is "bfloat16"\), got Float32Array\(4\)$/],
    ["a Uint16Array out for float32", () => normal(4, { generator: g, out: new Uint16Array(4) as never }), TypeError, /^normal: out must be a Float32Array, got Uint16Array\(4\)$/],
    ["a half out of the wrong length", () => uniform(4, { generator: g, dtype: "float16", out: new Uint16Array(3) }), RangeError, /^uniform: out must be a Uint16Array.* of length 4, got Uint16Array\(3\)$/],
    ["constant 1e6 as float16", () => constant(4, { value: 1e6, dtype: "float16" }), RangeError, /^constant: value must be small enough that the values \(up to 1\.00000e\+6 in magnitude\) stay finite in float16, got 1000000$/],
    ["constant 65520 as float16 (rounds to inf)", () => constant(4, { value: 65520, dtype: "float16" }), RangeError, /^constant: value must be small enough/],
    ["uniform b = 1e5 as float16", () => uniform(4, { generator: g, b: 1e5, dtype: "float16" }), RangeError, /^uniform: b must be small enough.*float16, got 100000$/],
    ["normal whose 6 std pass float16's range", () => normal(4, { generator: g, std: 2e4, dtype: "float16" }), RangeError, /^normal: std must be small enough.*float16, got 20000$/],
    ["normal with a mean past float16's range", () => normal(4, { generator: g, mean: -7e4, std: 1, dtype: "float16" }), RangeError, /^normal: mean must be small enough.*float16, got -70000$/],
    ["truncNormal bounds past float16's range", () => truncNormal(4, { generator: g, a: -1e5, b: 0, dtype: "float16" }), RangeError, /^truncNormal: a must be small enough.*float16, got -100000$/],
    ["identity gain 1e39 as bfloat16 would be caught as float32 first", () => identity([2, 2], { gain: 1e39, dtype: "bfloat16" }), RangeError, /^identity: gain must be a finite number within float32 range/],
    ["identity gain 3.4e38 as bfloat16 (rounds to inf)", () => identity([2, 2], { gain: 3.4e38, dtype: "bfloat16" }), RangeError, /^identity: gain must be small enough.*bfloat16, got 3\.4e\+38$/],
    ["orthogonal gain 1e5 as float16", () => orthogonal([4, 4], { generator: g, gain: 1e5, dtype: "float16" }), RangeError, /^orthogonal: gain must be small enough.*float16, got 100000$/],
    ["xavierNormal gain 1e5 as float16", () => xavierNormal([4, 4], { generator: g, gain: 1e5, dtype: "float16" }), RangeError, /^xavierNormal: gain must be small enough.*float16, got 100000$/],
    ["varianceScaling scale 1e12 as float16", () => varianceScaling([4, 4], { generator: g, scale: 1e12, dtype: "float16" }), RangeError, /^varianceScaling: scale must be small enough.*float16, got 1000000000000$/],
    ["sparse std 2e4 as float16", () => sparse([4, 4], { generator: g, sparsity: 0.5, std: 2e4, dtype: "float16" }), RangeError, /^sparse: std must be small enough.*float16, got 20000$/],
  ];
  it.each(bad)("%s is refused, nothing written, the generator unmoved", (_label, call, Err, message) => {
    const before = g.position;
    let error: unknown;
    try { call(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(Err);
    expect((error as Error).message).toMatch(message);
    expect(g.position).toBe(before);
  });

  it("a refused half fill leaves the caller's out untouched", () => {
    const out = new Uint16Array(4).fill(0xabcd);
    expect(() => normal(4, { generator: g, std: 2e4, dtype: "float16", out })).toThrow(RangeError);
    expect(Array.from(out)).toEqual([0xabcd, 0xabcd, 0xabcd, 0xabcd]);
  });

  it("values that underflow are kept as subnormals or signed zeros, not refused", () => {
    const x = normal(1000, { generator: new Generator(2), std: 1e-6, dtype: "float16" });
    const ref = normal(1000, { generator: new Generator(2), std: 1e-6 });
    expect(x).toEqual(Uint16Array.from(ref, float16Bits));
    expect(x.some((h) => (h & 0x7c00) === 0 && (h & 0x3ff) !== 0)).toBe(true); // some subnormals
  });
});

describe("fillAsync with a dtype", () => {
  it.each(HALVES)("%s: the same bits as the synchronous call, chunk by chunk", async (dtype) => {
    const sync = kaimingNormal([300, 200], { generator: new Generator(4), dtype });
    const g = new Generator(4);
    const got = await fillAsync(kaimingNormal, [300, 200], { generator: g, dtype, chunkSize: 7777 });
    expect(got).toBeInstanceOf(Uint16Array);
    expect(got).toEqual(sync);
    expect(g.position).toBe(60_000);
    const out = new Uint16Array(60_000);
    expect(await fillAsync(kaimingNormal, [300, 200], { generator: new Generator(4), dtype, out, chunkSize: 10_000 })).toBe(out);
    expect(out).toEqual(sync);
  });
});
