// Bad input to nninit/jax: a TypeError or RangeError naming the function, the argument and the
// value, thrown before anything is written (an `out` array keeps its contents).

import { describe, it, expect } from "vitest";
import * as J from "../../src/jax/index.js";
import { JaxKey } from "../../src/jax/index.js";

const k = J.key(0);

describe("nninit/jax errors", () => {
  it("keys: seeds", () => {
    expect(() => J.key(1.5)).toThrow(new TypeError("key: seed must be an integer (a number or a bigint), got 1.5"));
    expect(() => J.key("3" as never)).toThrow(TypeError);
    expect(() => J.key(2 ** 60)).toThrow(RangeError);
    expect(() => J.key(2n ** 63n)).toThrow(/key: seed must be an integer in \[-2\^63, 2\^63\) \(int64\), got 9223372036854775808n/);
    expect(J.keyData(J.key(-(2n ** 63n)))).toEqual(new Uint32Array([0, 0]));
  });

  it("keys: a number or a fake where a key goes is a TypeError naming the function and argument", () => {
    expect(() => J.split(0 as never)).toThrow(new TypeError("split: key must be a JaxKey (from key(seed), split or foldIn), got 0"));
    expect(() => J.foldIn([0, 1] as never, 3)).toThrow(/^foldIn: key must be a JaxKey/);
    expect(() => J.normal({} as never, [2])).toThrow(/^normal: key must be a JaxKey/);
    expect(() => J.keyData(Object.create(JaxKey.prototype) as never)).toThrow(/^keyData: key must be a JaxKey/);
    expect(() => new (JaxKey as unknown as new (a: number, b: number, t: symbol) => JaxKey)(1, 2, Symbol("x"))).toThrow(TypeError);
    expect(() => J.wrapKeyData([1, 2, 3])).toThrow(RangeError);
    expect(() => J.wrapKeyData([1, -1])).toThrow(/wrapKeyData: data\[1\] must be an integer in \[0, 4294967295\], got -1/);
  });

  it("keys are immutable", () => {
    expect(Object.isFrozen(k)).toBe(true);
    const d = J.keyData(k);
    d[1] = 99;
    expect(J.keyData(k)).toEqual(new Uint32Array([0, 0]));
  });

  it("split and foldIn arguments", () => {
    expect(() => J.split(k, -1)).toThrow(/split: num must be an integer in \[0, 4294967295\], got -1/);
    expect(() => J.foldIn(k, 2 ** 32)).toThrow(RangeError);
    expect(() => J.foldIn(k, 0.5)).toThrow(RangeError);
  });

  it("samplers: shape, range, out, bounds, dtype; nothing written on error", () => {
    const out = new Float32Array(4).fill(7);
    expect(() => J.normal(k, [2, -1])).toThrow(/normal: shape\[1\] must be a non-negative integer, got -1/);
    expect(() => J.normal(k, [4], { out: new Float32Array(3) })).toThrow(/normal: out must be a Float32Array of length 4/);
    expect(() => J.bits(k, [4], { out: new Float32Array(4) as never })).toThrow(/bits: out must be a Uint32Array/);
    expect(() => J.uniform(k, [4], { out, minval: Number.NaN })).toThrow(/uniform: minval must be a finite number/);
    expect(() => J.truncatedNormal(k, 2, 1, [4], { out })).toThrow(/truncatedNormal: upper must be a number above lower/);
    expect(() => J.normal(k, [4], { out, range: [3, 2] })).toThrow(RangeError);
    expect(() => J.normal(k, [4], { dtype: "bfloat16" as never })).toThrow(/normal: dtype must be one of "float32"/);
    expect(() => J.normal(k, [4], { sdt: 1 } as never)).toThrow(/normal: unknown option "sdt"/);
    expect(() => J.bernoulli(k, Number.NaN, [4])).toThrow(/bernoulli: p must be a finite number/);
    expect(() => J.bernoulli(k, 0.5, [4], { out: new Uint8Array(3) })).toThrow(/bernoulli: out must be a Uint8Array of length 4/);
    expect(() => J.bernoulli(k, 0.5, [4], { out: out as never })).toThrow(/bernoulli: out must be a Uint8Array/);
    expect(out).toEqual(new Float32Array(4).fill(7));
  });

  it("initializers: axes, fans, modes", () => {
    const I = J.initializers;
    expect(() => I.glorotNormal()(k, [5])).toThrow(/varianceScaling: shape must be at least 2-d/);
    expect(() => I.varianceScaling(1, "fan_sum" as never, "normal")).toThrow(/varianceScaling: mode must be one of/);
    expect(() => I.varianceScaling(1, "fan_in", "normal", { inAxis: 3 })(k, [2, 2])).toThrow(/varianceScaling: inAxis must be an axis of a 2-d shape, got 3/);
    expect(() => I.heNormal()(k, [0, 3])).toThrow(RangeError);
    expect(() => I.orthogonal()(k, [4])).toThrow(/orthogonal: shape must be at least 2-d/);
    expect(() => I.deltaOrthogonal()(k, [3, 3, 5, 4])).toThrow(/deltaOrthogonal: shape must be a shape whose last dimension/);
    expect(() => I.normal()(7 as never, [2])).toThrow(/normal: key must be a JaxKey/);
  });

  it("nnx and keras", () => {
    expect(() => J.nnx.linear(3, 2, {} as never)).toThrow(/linear: rngs must be an Rngs/);
    expect(() => J.nnx.linear(3, -2, new J.nnx.Rngs(0))).toThrow(RangeError);
    expect(() => J.keras.GlorotNormal({ seed: -1 })).toThrow(/GlorotNormal: seed must be an integer in \[0, 4294967295\], got -1/);
    expect(() => J.keras.RandomNormal({ seed: 1, sd: 2 } as never)).toThrow(/RandomNormal: unknown option "sd"/);
  });
});
