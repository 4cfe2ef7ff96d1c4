// Every error case of the initializers: the right class, a message naming the argument and the
// value, and nothing done: the generator has not moved and `out` is untouched.

import { describe, expect, it } from "vitest";
import {
  Generator, xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, eye, dirac, orthogonal, sparse,
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, identity, deltaOrthogonal,
  catalog, type CatalogEntry,
} from "../../src/index.js";

type Init = (shape: unknown, options?: object) => Float32Array;
type Case = [name: string, init: Init, shape: unknown, options: object | undefined, kind: typeof TypeError | typeof RangeError, message: RegExp];

const FAN_SCALED: [string, Init][] = [
  ["xavierUniform", xavierUniform as Init], ["xavierNormal", xavierNormal as Init],
  ["kaimingUniform", kaimingUniform as Init], ["kaimingNormal", kaimingNormal as Init],
  ["varianceScaling", varianceScaling as Init], ["glorotUniform", glorotUniform as Init], ["glorotNormal", glorotNormal as Init],
  ["heUniform", heUniform as Init], ["heNormal", heNormal as Init], ["lecunUniform", lecunUniform as Init], ["lecunNormal", lecunNormal as Init],
];

/** Every initializer of the catalog, with its example's options. */
const ALL: [string, Init, object][] = (catalog as readonly CatalogEntry[]).map((e) => [e.name, e.fn as unknown as Init, { ...e.example.options }]);

/** A shape each initializer accepts, for the shared-option cases: its example's. */
const GOOD_SHAPE: Record<string, number[]> = Object.fromEntries((catalog as readonly CatalogEntry[]).map((e) => [e.name, [...e.example.shape]]));

const CASES: Case[] = [
  // shared options and shapes, for every initializer
  ...ALL.flatMap(([name, f, base]): Case[] => {
    const shape = GOOD_SHAPE[name] ?? [4, 4];
    return [
      [name, f, shape, "x" as unknown as object, TypeError, new RegExp(`${name}: options must be a plain object or undefined, got "x"`)],
      [name, f, shape, { ...base, sdt: 1 }, TypeError, new RegExp(`${name}: unknown option "sdt"`)],
      [name, f, shape, { ...base, generator: {} }, TypeError, new RegExp(`${name}: generator must be a Generator, got an object`)],
      [name, f, shape, { ...base, out: new Float32Array(3) }, RangeError, new RegExp(`${name}: out must be a Float32Array of length \\d+, got Float32Array\\(3\\)`)],
      [name, f, shape, { ...base, out: new Float64Array(16) }, TypeError, new RegExp(`${name}: out must be a Float32Array, got Float64Array`)],
      [name, f, shape, { ...base, range: [5, 2] }, RangeError, new RegExp(`${name}: range must be a pair`)],
      [name, f, [4, -1, 3], base, RangeError, new RegExp(`${name}: shape\\[1\\] must be a non-negative integer, got -1`)],
      [name, f, "4x4", base, TypeError, new RegExp(`${name}: shape must be an array`)],
    ];
  }),

  // fans need 2 dimensions in the torch layout and in explicit layouts
  ...FAN_SCALED.flatMap(([name, f]): Case[] => [
    [name, f, [5], { layout: "torch" }, RangeError, new RegExp(`${name}: shape must be at least 2-D .*torch layout.*, got \\[5\\]`)],
    [name, f, [3, 4], { layout: "tf" }, RangeError, new RegExp(`${name}: layout must be "torch", "keras" or \\{ inAxis, outAxis \\}, got "tf"`)],
    [name, f, [3, 4], { layout: { inAxis: 0, outAxis: 0 } }, RangeError, new RegExp(`${name}: layout must name two different axes`)],
    [name, f, [3, 4], { layout: { inAxis: 0, outAxis: 5 } }, RangeError, new RegExp(`${name}: layout.outAxis must be an integer in \\[-2, 1\\], got 5`)],
  ]),
  ["xavierUniform", xavierUniform as Init, [5], undefined, RangeError, /xavierUniform: shape must be at least 2-D/],
  ["kaimingNormal", kaimingNormal as Init, [], undefined, RangeError, /kaimingNormal: shape must be at least 2-D/],

  // xavier
  ["xavierUniform", xavierUniform as Init, [3, 4], { gain: -1 }, RangeError, /xavierUniform: gain must be a finite number >= 0, got -1/],
  ["xavierNormal", xavierNormal as Init, [3, 4], { gain: "2" }, TypeError, /xavierNormal: gain must be a number, got "2"/],
  ["xavierNormal", xavierNormal as Init, [3, 4], { gain: NaN }, RangeError, /xavierNormal: gain must be a finite number/],
  ["xavierUniform", xavierUniform as Init, [1, 1], { gain: 3e38 }, RangeError, /xavierUniform: gain must be small enough that the values stay within float32 range, got 3e\+38/],
  ["xavierNormal", xavierNormal as Init, [1, 1], { gain: 1e38 }, RangeError, /xavierNormal: gain must be small enough/],

  // kaiming
  ["kaimingUniform", kaimingUniform as Init, [3, 4], { mode: "fan_avg" }, RangeError, /kaimingUniform: mode must be one of "fan_in", "fan_out", got "fan_avg"/],
  ["kaimingNormal", kaimingNormal as Init, [3, 4], { mode: 1 }, TypeError, /kaimingNormal: mode must be one of/],
  ["kaimingUniform", kaimingUniform as Init, [3, 4], { nonlinearity: "gelu" }, RangeError, /kaimingUniform: nonlinearity must be one of "linear", .*got "gelu"/],
  ["kaimingNormal", kaimingNormal as Init, [3, 4], { a: true }, TypeError, /kaimingNormal: a must be a number, got true/],
  ["kaimingNormal", kaimingNormal as Init, [3, 4], { a: "0.1", nonlinearity: "leaky_relu" }, TypeError, /kaimingNormal: a must be a number, got "0.1"/],
  ["kaimingUniform", kaimingUniform as Init, [3, 4], { a: Infinity }, RangeError, /kaimingUniform: a must be a finite number/],

  // variance scaling and presets
  ["varianceScaling", varianceScaling as Init, [3, 4], { scale: 0 }, RangeError, /varianceScaling: scale must be a finite number > 0, got 0/],
  ["varianceScaling", varianceScaling as Init, [3, 4], { scale: -2 }, RangeError, /scale must be a finite number > 0, got -2/],
  ["varianceScaling", varianceScaling as Init, [3, 4], { scale: "1" }, TypeError, /scale must be a number, got "1"/],
  ["varianceScaling", varianceScaling as Init, [3, 4], { mode: "fan_sum" }, RangeError, /mode must be one of "fan_in", "fan_out", "fan_avg", "fan_geo_avg", got "fan_sum"/],
  ["varianceScaling", varianceScaling as Init, [3, 4], { distribution: "normal" }, RangeError, /distribution must be one of "truncated_normal", "untruncated_normal", "uniform", got "normal"/],
  ["glorotUniform", glorotUniform as Init, [3, 4], { scale: 2 }, TypeError, /glorotUniform: unknown option "scale"/],
  ["heNormal", heNormal as Init, [3, 4], { mode: "fan_out" }, TypeError, /heNormal: unknown option "mode"/],

  // eye, identity
  ["eye", eye as Init, [3], undefined, RangeError, /eye: shape must be a 2-D shape \[rows, cols\], got \[3\]/],
  ["eye", eye as Init, [2, 2, 2], undefined, RangeError, /eye: shape must be a 2-D shape/],
  ["identity", identity as Init, [2, 2, 2], undefined, RangeError, /identity: shape must be a 2-D shape/],
  ["identity", identity as Init, [2, 2], { gain: "1" }, TypeError, /identity: gain must be a number, got "1"/],

  // dirac
  ["dirac", dirac as Init, [4, 4], undefined, RangeError, /dirac: shape must be a 3, 4 or 5-D shape, got \[4, 4\]/],
  ["dirac", dirac as Init, [2, 2, 2, 2, 2, 2], undefined, RangeError, /dirac: shape must be a 3, 4 or 5-D shape/],
  ["dirac", dirac as Init, [3, 4, 2, 2], { groups: 2 }, RangeError, /dirac: the output dimension \(shape\[0\] = 3\) must be divisible by groups, got groups = 2/],
  ["dirac", dirac as Init, [2, 2, 4, 3], { groups: 2, layout: "keras" }, RangeError, /dirac: the output dimension \(shape\[3\] = 3\) must be divisible by groups/],
  ["dirac", dirac as Init, [4, 4, 3], { groups: 0 }, RangeError, /dirac: groups must be an integer >= 1, got 0/],
  ["dirac", dirac as Init, [4, 4, 3], { groups: 1.5 }, RangeError, /dirac: groups must be an integer >= 1, got 1.5/],
  ["dirac", dirac as Init, [4, 4, 3], { groups: "2" }, TypeError, /dirac: groups must be an integer, got "2"/],
  ["dirac", dirac as Init, [4, 4, 3], { layout: "jax" }, RangeError, /dirac: layout must be/],

  // orthogonal
  ["orthogonal", orthogonal as Init, [5], undefined, RangeError, /orthogonal: shape must be at least 2-D, got \[5\]/],
  ["orthogonal", orthogonal as Init, 5, undefined, RangeError, /orthogonal: shape must be at least 2-D, got 5/],
  ["orthogonal", orthogonal as Init, [3, 4], { gain: "x" }, TypeError, /orthogonal: gain must be a number, got "x"/],
  ["orthogonal", orthogonal as Init, [3, 4], { gain: -Infinity }, RangeError, /orthogonal: gain must be a finite number/],
  ["orthogonal", orthogonal as Init, [70000, 70000], undefined, RangeError, /orthogonal: shape must be small enough for its 70000 x 70000 QR to fit in 4 GiB of wasm memory/],
  ["orthogonal", orthogonal as Init, [200_000_000, 1], undefined, RangeError, /orthogonal: shape must be small enough for its 200000000 x 1 QR to fit/],

  // deltaOrthogonal
  ["deltaOrthogonal", deltaOrthogonal as Init, [3, 3], undefined, RangeError, /deltaOrthogonal: shape must be a 3, 4 or 5-D shape, got \[3, 3\]/],
  ["deltaOrthogonal", deltaOrthogonal as Init, [3, 8, 4], undefined, RangeError, /deltaOrthogonal: the input dimension \(shape\[1\] = 8\) must be <= the output dimension \(shape\[2\] = 4\)/],
  ["deltaOrthogonal", deltaOrthogonal as Init, [4, 8, 3], { layout: "torch" }, RangeError, /deltaOrthogonal: the input dimension \(shape\[1\] = 8\) must be <= the output dimension \(shape\[0\] = 4\)/],
  ["deltaOrthogonal", deltaOrthogonal as Init, [3, 4, 4], { scale: "1" }, TypeError, /deltaOrthogonal: scale must be a number, got "1"/],
  ["deltaOrthogonal", deltaOrthogonal as Init, [3, 4, 4], { gain: 1 }, TypeError, /deltaOrthogonal: unknown option "gain"/],

  // sparse
  ["sparse", sparse as Init, [4, 4], undefined, TypeError, /sparse: sparsity must be a number, got undefined/],
  ["sparse", sparse as Init, [4, 4], { sparsity: 1.5 }, RangeError, /sparse: sparsity must be a number in \[0, 1\], got 1.5/],
  ["sparse", sparse as Init, [4, 4], { sparsity: -0.1 }, RangeError, /sparse: sparsity must be a number in \[0, 1\], got -0.1/],
  ["sparse", sparse as Init, [4, 4], { sparsity: "0.5" }, TypeError, /sparse: sparsity must be a number, got "0.5"/],
  ["sparse", sparse as Init, [4, 4], { sparsity: 0.5, std: -1 }, RangeError, /sparse: std must be a finite number >= 0, got -1/],
  ["sparse", sparse as Init, [4, 4], { sparsity: 0.5, std: 1e38 }, RangeError, /sparse: std must be small enough/],
  ["sparse", sparse as Init, [4], { sparsity: 0.5 }, RangeError, /sparse: shape must be a 2-D shape \[rows, cols\], got \[4\]/],
  ["sparse", sparse as Init, [4, 4, 4], { sparsity: 0.5 }, RangeError, /sparse: shape must be a 2-D shape/],
];

/** Element count of a valid small shape (to give a correctly sized `out`), else undefined. */
function sizeOf(shape: unknown): number | undefined {
  const dims = typeof shape === "number" ? [shape] : shape;
  if (!Array.isArray(dims) || !dims.every((d) => Number.isSafeInteger(d) && d >= 0)) return undefined;
  const n = dims.reduce((a: number, b: number) => a * b, 1);
  return n <= 1 << 16 ? n : undefined;
}

describe("bad input throws, names the argument, and does nothing", () => {
  it.each(CASES.map((c) => ({ label: `${c[0]}(${JSON.stringify(c[2])}, ${describeOptions(c[3])}) -> ${c[4].name}`, c })))("$label", ({ c }) => {
    const [, init, shape, options, kind, message] = c;
    const generator = new Generator(5).advance(37);
    const isObject = typeof options === "object" && options !== null;
    let opts: unknown = options;
    let out: Float32Array | undefined;
    if (options === undefined || (isObject && !("generator" in options))) {
      opts = { ...(options ?? {}), generator };
      const n = sizeOf(shape);
      if (n !== undefined && !("out" in (options ?? {})) && !("range" in (options ?? {}))) {
        out = new Float32Array(n).fill(12345);
        (opts as { out?: Float32Array }).out = out;
      }
    }
    let error: unknown;
    try {
      init(shape, opts as object);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
    expect(generator.position).toBe(37);
    if (out) expect(out.every((v) => v === 12345)).toBe(true);
  });
});

function describeOptions(o: unknown): string {
  if (o === undefined) return "undefined";
  if (typeof o !== "object" || o === null) return JSON.stringify(o);
  return `{ ${Object.entries(o).map(([k, v]) => `${k}: ${ArrayBuffer.isView(v) ? v.constructor.name : typeof v === "object" && v !== null && !Array.isArray(v) ? "{...}" : JSON.stringify(v)}`).join(", ")} }`;
}
