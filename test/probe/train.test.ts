// The training comparison on its fixed seeds: zero init stays at its first loss (ln 2 on
// balanced classes: every unit gets the same, here zero, gradient), Xavier and He descend, and
// the same spec gives the same curves.

import { describe, expect, it } from "vitest";
import { compareTraining, twoSpirals } from "../../src/probe/index.js";

describe("compareTraining", () => {
  const report = compareTraining({ inits: ["zeros", "xavierNormal", "kaimingNormal"], seeds: [0, 1], steps: 300 });
  const curvesOf = (init: string) => report.curves.filter((c) => c.init === init);

  it("zero init is stuck at its starting loss, ln 2", () => {
    for (const c of curvesOf("zeros")) {
      expect(c.loss).toHaveLength(301);
      expect(Math.abs(c.loss[0]! - Math.LN2)).toBeLessThan(1e-14); // the mean of 200 ln 2s, rounded
      for (const l of c.loss) expect(l).toBe(c.loss[0]); // not one bit of progress
    }
  });

  it.each(["xavierNormal", "kaimingNormal"])("%s decreases the loss well below ln 2", (init) => {
    for (const c of curvesOf(init)) {
      expect(c.loss[300]!).toBeLessThan(0.75 * c.loss[0]!);
      expect(c.loss[300]!).toBeLessThan(0.5);
      expect(c.accuracy).toBeGreaterThan(0.7);
    }
  });

  it("same spec, same curves", () => {
    const again = compareTraining({ inits: ["xavierNormal"], seeds: [1], steps: 300 });
    expect(again.curves[0]).toEqual(curvesOf("xavierNormal")[1]);
  });

  it("makes balanced spirals", () => {
    const { x, y } = twoSpirals(200);
    expect(y.reduce((s, v) => s + v, 0)).toBe(100);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it("rejects bad input naming compareTraining and the argument", () => {
    expect(() => compareTraining({ inits: [] })).toThrow(/^compareTraining: inits must be an array of 1 to 8/);
    expect(() => compareTraining({ inits: ["bad"] })).toThrow(/compareTraining: inits\[0\].name must be one of/);
    expect(() => compareTraining({ points: 3 })).toThrow(/compareTraining: points must be an even number, got 3/);
    expect(() => compareTraining({ seeds: ["a" as never] })).toThrow(/compareTraining: seeds\[0\] must be a number or bigint/);
  });
});
