// The demo's rates on coarse and frozen clocks: never "Infinity M elements/s" (issue 9).

import { describe, expect, it } from "vitest";
import { clockStep, rateRange, rateText, timeRuns, type Clock } from "../../demo/src/timing.js";

/** A clock of granularity `step` ms over a true time that advances `perCall` ms per reading. */
function coarseClock(step: number, perCall: number): Clock {
  let t = 0;
  return () => {
    t += perCall;
    return step === 0 ? 0 : Math.floor(t / step) * step;
  };
}

describe("demo timing", () => {
  it("measures the clock's step", () => {
    expect(clockStep(coarseClock(1, 0.001))).toBe(1);
    expect(clockStep(coarseClock(0.1, 0.001))).toBeCloseTo(0.1, 9);
    expect(clockStep(coarseClock(0, 1), 1000)).toBe(0);
  });

  it("repeats a fill that times as 0 ms until the clock has moved, and shows a finite range", () => {
    let runs = 0;
    const now = coarseClock(1, 0.01); // 1 ms clock, each reading 10 us later
    const t = timeRuns(() => { runs++; }, { firstMs: 0, minMs: 20, now });
    expect(t.runs).toBe(runs + 1);
    expect(t.ms).toBeGreaterThanOrEqual(20);
    const text = rateText(1e6, t);
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(text).toMatch(/^\d+(\.\d+)?(–\d+(\.\d+)?)? M elements\/s$/);
    const { low, high } = rateRange(1e6, t);
    expect(low).toBeLessThanOrEqual(high);
    expect(Number.isFinite(high)).toBe(true);
  });

  it("reports '> X' when the clock stayed at 0 through every run", () => {
    const text = rateText(1e6, { runs: 1000, ms: 0, step: 100 });
    expect(text).toBe("> 10000 M elements/s");
    expect(rateText(1e6, { runs: 1, ms: 0, step: 0 })).toBe("n/a (the clock did not move)");
  });

  it("a precise clock gives one number", () => {
    expect(rateText(5e8, { runs: 1, ms: 1000, step: 0.005 })).toBe("500 M elements/s");
  });
});
