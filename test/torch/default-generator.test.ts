// nninit/torch's default generator (torch.manual_seed and the constructors and initializers
// that use it), and the refusals of fake generators, bad options and impossible sizes.

import { describe, expect, it } from "vitest";
import { kaimingUniform as kaimingAny, uniform as uniformAny } from "../../src/index.js";
import { TorchGenerator, manualSeed, defaultGenerator, linear, kaimingUniform, truncNormal, stateDict } from "../../src/torch/index.js";

describe("the default generator", () => {
  it("manualSeed(s); linear(8, 2) is linear(8, 2, { generator: new TorchGenerator(s) })", () => {
    manualSeed(3);
    const a = linear(8, 2);
    const b = linear(8, 2, { generator: new TorchGenerator(3) });
    expect(a.get("weight")!.data).toEqual(b.get("weight")!.data);
    expect(a.get("bias")!.data).toEqual(b.get("bias")!.data);
    // It continues, as torch's does: a second layer draws the next words.
    const c = linear(8, 2);
    expect(c.get("weight")!.data).not.toEqual(a.get("weight")!.data);
    expect(defaultGenerator().words).toBe(2 * (16 + 2));
  });
  it("nninit/torch's initializers default to it; nninit's own keep the tape generator", () => {
    manualSeed(5);
    const a = kaimingUniform([4, 8], { a: Math.sqrt(5) }) as Float32Array;
    const b = kaimingAny([4, 8], { a: Math.sqrt(5), generator: new TorchGenerator(5) }) as Float32Array;
    expect(a).toEqual(b);
    expect(kaimingUniform([4, 8])).not.toEqual(a); // moved on
    const words = defaultGenerator().words;
    uniformAny([4]); // nninit's own: the tape's default generator, not torch's
    expect(defaultGenerator().words).toBe(words);
    manualSeed(5);
    expect(truncNormal([40], {})).toEqual(truncNormal([40], { generator: new TorchGenerator(5) }));
  });
  it("manualSeed refuses a bad seed under its own name and changes nothing", () => {
    manualSeed(9);
    const before = defaultGenerator().getState();
    expect(() => manualSeed(1.5)).toThrow(/^manualSeed: seed must be an integer/);
    expect(defaultGenerator().getState()).toEqual(before);
  });
});

describe("refusals", () => {
  const fake = [
    ["a Proxy of a TorchGenerator", new Proxy(new TorchGenerator(1), {})],
    ["an object made from the prototype", Object.create(TorchGenerator.prototype)],
  ] as const;
  it.each(fake)("%s as a module's generator: TypeError naming the function and argument", (_n, g) => {
    expect(() => linear(2, 2, { generator: g as never })).toThrow(TypeError);
    expect(() => linear(2, 2, { generator: g as never })).toThrow(/^linear: generator must be a TorchGenerator made by new TorchGenerator\(\)/);
  });
  it.each(fake)("%s as an initializer's generator: TypeError naming the function and argument", (_n, g) => {
    expect(() => kaimingAny([2, 2], { generator: g as never })).toThrow(/^kaimingUniform: generator must be a TorchGenerator made by new TorchGenerator\(\)/);
  });
  it("new TorchGenerator(0, []) is refused", () => {
    expect(() => new TorchGenerator(0, [] as never)).toThrow(/^new TorchGenerator: options must be a plain object or undefined, got \[\]/);
  });
  it("randomWords(2 ** 40): a RangeError naming the function", () => {
    const g = new TorchGenerator(1);
    expect(() => g.randomWords(2 ** 40)).toThrow(/^TorchGenerator.randomWords: n must be an integer in \[0, 2147483647\], got 1099511627776/);
    expect(g.words).toBe(0);
  });
  it("stateDict with a size past one typed array: a RangeError naming the tensor", () => {
    expect(() => stateDict("resnet18", { num_classes: 2 ** 40 })).toThrow(/^stateDict: tensor "fc.weight" would have shape \[1099511627776, 512\]/);
  });
});
