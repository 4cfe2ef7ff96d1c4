// Bad input: a TypeError or RangeError naming the argument and the value; nothing written and
// the generator unmoved.

import { describe, expect, it } from "vitest";
import { Generator, uniform, normal, truncNormal, constant, ones, zeros, manualSeed, useBuild } from "../src/index.js";

type Case = [label: string, call: (g: Generator, out: Float32Array) => unknown, error: typeof TypeError | typeof RangeError, message: RegExp];

const cases: Case[] = [
  // shapes
  ["non-array shape", (g) => normal("3" as never, { generator: g }), TypeError, /normal: shape must be an array.*got "3"/],
  ["non-integer dim", (g) => normal([2, 1.5], { generator: g }), RangeError, /shape\[1\] must be a non-negative integer, got 1\.5/],
  ["negative dim", (g) => uniform([-1, 2], { generator: g }), RangeError, /shape\[0\] must be a non-negative integer, got -1/],
  ["NaN dim", (g) => uniform([NaN], { generator: g }), RangeError, /shape\[0\].*got NaN/],
  ["string dim", (g) => uniform([2, "3"] as never, { generator: g }), TypeError, /shape\[1\] must be a non-negative integer, got "3"/],
  ["too many elements", (g) => uniform([2 ** 30, 2 ** 30], { generator: g }), RangeError, /shape must be a shape with fewer than 2\^53/],
  // parameters
  ["NaN mean", (g) => normal(4, { mean: NaN, generator: g }), RangeError, /normal: mean must be a finite number.*got NaN/],
  ["Infinity std", (g) => normal(4, { std: Infinity, generator: g }), RangeError, /normal: std must be a finite number.*got Infinity/],
  ["negative std", (g) => normal(4, { std: -1, generator: g }), RangeError, /normal: std must be a finite number >= 0, got -1/],
  ["string std", (g) => normal(4, { std: "1" as never, generator: g }), TypeError, /normal: std must be a number, got "1"/],
  ["std beyond float32", (g) => normal(4, { std: 1e38, generator: g }), RangeError, /normal: std must be small enough/],
  ["uniform a > b", (g) => uniform(4, { a: 2, b: 1, generator: g }), RangeError, /uniform: a must be <= b \(1\), got 2/],
  ["uniform NaN b", (g) => uniform(4, { b: NaN, generator: g }), RangeError, /uniform: b must be a finite number.*got NaN/],
  ["uniform a beyond float32", (g) => uniform(4, { a: -1e39, generator: g }), RangeError, /uniform: a must be a finite number within float32 range, got -1e\+39/],
  ["uniform width beyond float32", (g) => uniform(4, { a: -3e38, b: 3e38, generator: g }), RangeError, /uniform: b must be within float32 range of a/],
  ["truncNormal a = b", (g) => truncNormal(4, { a: 1, b: 1, generator: g }), RangeError, /truncNormal: a must be < b \(1\), got 1/],
  ["truncNormal a > b", (g) => truncNormal(4, { a: 2, b: -2, generator: g }), RangeError, /truncNormal: a must be < b/],
  ["truncNormal std = 0", (g) => truncNormal(4, { std: 0, generator: g }), RangeError, /truncNormal: std must be a finite number > 0, got 0/],
  ["truncNormal interval in the far tail", (g) => truncNormal(4, { a: 40, b: 41, generator: g }), RangeError, /truncNormal: \[a, b\] = \[40, 41\] holds probability .* too far in the tail/],
  ["truncNormal -Infinity a", (g) => truncNormal(4, { a: -Infinity, generator: g }), RangeError, /truncNormal: a must be a finite number/],
  ["constant without value", (g) => constant(4, { generator: g } as never), TypeError, /constant: value must be a number, got undefined/],
  ["constant NaN", (g) => constant(4, { value: NaN, generator: g }), RangeError, /constant: value must be a finite number/],
  // shared options
  ["unknown option", (g) => normal(4, { sdt: 1, generator: g } as never), TypeError, /normal: unknown option "sdt"; known options are generator, out, range, dtype, mean, std/],
  ["options not an object", (g) => (void g, normal(4, 0.02 as never)), TypeError, /normal: options must be a plain object or undefined, got 0\.02/],
  ["generator not a Generator", (g) => (void g, normal(4, { generator: { seed: 1 } as never })), TypeError, /normal: generator must be a Generator, got an object/],
  ["out of the wrong type", (g) => normal(4, { generator: g, out: new Float64Array(4) as never }), TypeError, /normal: out must be a Float32Array, got Float64Array\(4\)/],
  ["out of the wrong length", (g, out) => normal(5, { generator: g, out }), RangeError, /normal: out must be a Float32Array of length 5, got Float32Array\(4\)/],
  ["out of the wrong length for the range", (g, out) => normal(10, { generator: g, out, range: [0, 5] }), RangeError, /of length 5, got Float32Array\(4\)/],
  ["range outside the tensor", (g) => normal(10, { generator: g, range: [2, 11] }), RangeError, /normal: range\[1\] must be an integer in \[0, 10\], got 11/],
  ["range reversed", (g) => normal(10, { generator: g, range: [6, 2] }), RangeError, /normal: range must be a pair \[start, end\] with 0 <= start <= end <= 10, got \[6, 2\]/],
  ["range not a pair", (g) => normal(10, { generator: g, range: [1] as never }), TypeError, /normal: range must be a pair \[start, end\], got \[1\]/],
  ["range fractional", (g) => ones(10, { generator: g, range: [0.5, 2] }), RangeError, /ones: range\[0\] must be an integer in \[0, 10\], got 0\.5/],
  ["zeros with bad out", (g) => zeros(3, { generator: g, out: [0, 0, 0] as never }), TypeError, /zeros: out must be a Float32Array, got \[0, 0, 0\]/],
  // generator
  ["fractional seed", () => new Generator(1.5), RangeError, /new Generator: seed must be an integer.*got 1\.5/],
  ["string seed", () => new Generator("1" as never), TypeError, /new Generator: seed must be an integer number or a bigint, got "1"/],
  ["seed too large", () => new Generator(2n ** 64n), RangeError, /seed must be an integer in \[-2\^63, 2\^64\), got 18446744073709551616n/],
  ["unsafe number seed", () => new Generator(2 ** 60), RangeError, /seed must be an integer \(a safe integer number or a bigint\)/],
  ["manualSeed NaN", () => manualSeed(NaN), RangeError, /manualSeed: seed must be an integer/],
  ["setState bad position", (g) => g.setState({ seed: 1n, position: -1 }), RangeError, /Generator.setState: state.position must be an integer in \[0, 2\^53\], got -1/],
  ["setState bad seed", (g) => g.setState({ seed: "x" as never, position: 0 }), TypeError, /Generator.setState: seed must be an integer number or a bigint/],
  ["advance past 2^53", (g) => g.advance(2 ** 53 + 2), RangeError, /Generator.advance: n must be an integer in \[0, 2\^53\], got 9007199254740994/],
  ["advance by a fraction", (g) => g.advance(1.5), RangeError, /Generator.advance: n must be an integer in \[0, 2\^53\], got 1.5/],
  ["fill past 2^53", (g) => normal(100, { generator: g.setState({ seed: 3n, position: 2 ** 53 - 50 }) }), RangeError, /normal: the generator is at position 9007199254740942; 100 more words would pass the tape.s end at 2\^53/],
  ["useBuild unknown", () => useBuild("gpu" as never), RangeError, /useBuild: build must be one of "auto", "simd", "scalar", got "gpu"/],
];

describe("bad input", () => {
  it.each(cases)("%s", (_label, call, errorType, message) => {
    const g = new Generator(7);
    const out = new Float32Array(4).fill(42);
    const before = g.getState();
    let thrown: unknown;
    try { call(g, out); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(errorType);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toMatch(/wasm|unreachable|RuntimeError/i);
    if (!/setState|past 2\^53/.test(_label)) expect(g.getState()).toEqual(before);
    expect(Array.from(out)).toEqual([42, 42, 42, 42]);
  });

  it("a generator that threw is still usable and unmoved", () => {
    const g = new Generator(7);
    const expected = normal(8, { generator: new Generator(7) });
    expect(() => normal(8, { generator: g, std: -1 })).toThrow(RangeError);
    expect(Array.from(normal(8, { generator: g }))).toEqual(Array.from(expected));
  });
});
