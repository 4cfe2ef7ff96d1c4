// trunc_normal_ with torch >= 2.12 rules against committed torch 2.13 values (both branches, the
// words consumed), and the 1.13 (erfinv) path kept as it was.

import { describe, expect, it, vi } from "vitest";
import { truncNormal } from "../../src/index.js";
import { TorchGenerator } from "../../src/torch/index.js";
import { compareTrunc, type TruncRef } from "./trunc-normal-cases.js";
import committed from "./trunc-normal.2.13.json" with { type: "json" };
import { redrawBranch } from "../../src/torch/trunc-normal.js";

describe("trunc_normal_, torch 2.13 rules", () => {
  it("warns (once per process, so this test runs first) when the mean is more than 2 std outside [a, b], as torch does", () => {
    const spy = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    truncNormal([20], { mean: 5, std: 1, a: -1, b: 1, generator: new TorchGenerator(1) });
    truncNormal([20], { mean: 5, std: 1, a: -1, b: 1, generator: new TorchGenerator(1) });
    expect(spy.mock.calls.length).toBe(1);
    expect(String(spy.mock.calls[0][0])).toMatch(/mean is more than 2 std from \[a, b\]/);
    spy.mockRestore();
  });
  it("equals torch 2.13's committed values bit for bit, and leaves the generator where torch does", () => {
    const ref = committed as TruncRef;
    expect(ref.cases.some((c) => redrawBranch(c.mean, c.std, c.a, c.b))).toBe(true);
    expect(ref.cases.some((c) => !redrawBranch(c.mean, c.std, c.a, c.b))).toBe(true);
    expect(compareTrunc(ref)).toEqual([]);
  });
  it("is the default; version 1.13 keeps the erfinv path (one word per element)", () => {
    expect(new TorchGenerator(1).version).toBe("2.13");
    const old = new TorchGenerator(1, { version: "1.13" });
    const now = new TorchGenerator(1);
    const a = truncNormal([100], { generator: old }) as Float32Array;
    const b = truncNormal([100], { generator: now }) as Float32Array;
    expect(old.words).toBe(100);
    expect(now.words).toBeGreaterThanOrEqual(116);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    expect(old.clone().version).toBe("1.13");
  });
  it("a range of the tensor is that slice of the whole", () => {
    const whole = truncNormal([40, 40], { a: 0.5, b: 1, generator: new TorchGenerator(3) }) as Float32Array;
    const g = new TorchGenerator(3);
    const part = truncNormal([40, 40], { a: 0.5, b: 1, generator: g, range: [100, 200] }) as Float32Array;
    expect(part).toEqual(whole.subarray(100, 200));
  });
  it("refuses an unknown version", () => {
    expect(() => new TorchGenerator(1, { version: "2.5" as never })).toThrow(/new TorchGenerator: options.version must be one of "1.13", "2.13", got "2.5"/);
  });
});
