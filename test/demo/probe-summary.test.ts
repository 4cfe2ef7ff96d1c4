// The probe panel's sentences (demo/src/probe-summary.ts) from real probe() reports: they name the
// initializer that keeps the activations' spread through the stack (He under ReLU; Xavier with
// tanh's gain under tanh), say by how much the others shrink or grow it, and call zero and
// constant weights collapsed. The old panel's summary ranked by "fewest distinct units after 3
// steps" and made He look worst (104 against normal(0, 0.01)'s 240 at width 256).

import { describe, expect, it } from "vitest";
import { probe, type InitSpec, type Activation, type TrainReport } from "../../src/probe/index.js";
import { probeLesson, trainingLesson, verdictOf } from "../../demo/src/probe-summary.js";

const run = (activation: Activation, inits: Record<string, InitSpec>, layers = 8, width = 128) =>
  Object.entries(inits).map(([label, init]) => ({ label, report: probe({ layers, width, batch: width, activation, init, seed: 1, steps: 0, bins: 8 }) }));

describe("probeLesson", () => {
  it("ReLU: only He keeps the spread; Xavier shrinks it by about 1/sqrt(2) a layer, normal(0, 0.01) by ~0.1; zeros collapse", () => {
    const items = run("relu", {
      "normal(0, 0.01)": { name: "normal", options: { std: 0.01 } },
      xavierNormal: "xavierNormal",
      "kaimingNormal (relu)": { name: "kaimingNormal", options: { nonlinearity: "relu" } },
      zeros: "zeros",
    });
    const [small, xavier, he, zeros] = items.map((it) => verdictOf(it.report));
    expect(he!.kind).toBe("kept");
    expect(xavier!.kind).toBe("shrinks");
    // Xavier's variance halves through each ReLU (He's gain is sqrt(2)): the std shrinks by 1/sqrt(2)
    if (xavier!.kind === "shrinks") expect(xavier!.perLayer).toBeCloseTo(Math.SQRT1_2, 1);
    expect(small!.kind).toBe("shrinks");
    if (small!.kind === "shrinks") expect(small!.perLayer).toBeLessThan(0.2);
    expect(zeros).toEqual({ kind: "collapsed", units: 1, width: 128, zero: true });

    const text = probeLesson(items);
    expect(text).toMatch(/^Through 8 relu layers of 128, only kaimingNormal \(relu\) keeps the activations' spread \(std 0\.\d+ at layer 1, 0\.\d+ at layer 8, ×(0\.9\d|1\.0\d) a layer\)\./);
    expect(text).toMatch(/xavierNormal shrinks it ×0\.7\d a layer/);
    expect(text).toMatch(/normal\(0, 0\.01\) shrinks it ×0\.\d+ a layer \(std 0\.0\d+ at layer 1, [\d.]+e-\d+ at layer 8\)/);
    expect(text).toMatch(/zeros collapses: every activation is 0 and all 128 units of a layer are identical \(1 distinct\)/);
    expect(text).not.toMatch(/distinct hidden units/);
  });

  it("tanh: Xavier with tanh's gain keeps the spread; constant weights collapse although their spread is not 0", () => {
    const items = run("tanh", {
      "xavierNormal (gain 5/3)": { name: "xavierNormal", options: { gain: 5 / 3 } },
      "normal(0, 0.01)": { name: "normal", options: { std: 0.01 } },
      "constant(0.1)": { name: "constant", options: { value: 0.1 } },
    });
    const text = probeLesson(items);
    expect(text).toMatch(/^Through 8 tanh layers of 128, only xavierNormal \(gain 5\/3\) keeps the activations' spread/);
    expect(text).toMatch(/constant\(0\.1\) collapses: all 128 units of a layer are identical \(1 distinct\)/);
    expect(text).not.toMatch(/constant\(0\.1\) collapses: every activation is 0/);
  });

  it("ReLU: N(0, 1) grows the spread; with nothing kept the sentence says so", () => {
    const items = run("relu", { "normal(0, 1)": { name: "normal", options: { std: 1 } }, "normal(0, 0.01)": { name: "normal", options: { std: 0.01 } } }, 6, 64);
    const text = probeLesson(items);
    expect(text).toMatch(/^Through 6 relu layers of 64, no initializer here keeps the activations' spread\. normal\(0, 1\) grows it ×[\d.]+ a layer/);
    const grows = verdictOf(items[0]!.report);
    expect(grows.kind).toBe("grows");
    if (grows.kind === "grows") expect(grows.perLayer).toBeGreaterThan(4); // sqrt(64 / 2) ≈ 5.7 a layer
  });
});

describe("trainingLesson", () => {
  const curve = (init: string, loss: number[]) => ({ init, seed: "0", loss, accuracy: 0 });
  const report = (curves: ReturnType<typeof curve>[]): TrainReport => ({ steps: 200, hidden: 16, activation: "relu", points: 200, curves });

  it("names the losses, the lowest, and those that did not halve their loss", () => {
    const text = trainingLesson(report([curve("a", [0.69, 0.05]), curve("b", [0.7, 0.6]), curve("c", [Math.LN2, Math.LN2])]), ["He", "tiny", "zeros"]);
    expect(text).toBe("Training a small relu network (2-16-16-1) from each for 200 steps, final loss: He 0.050, tiny 0.600, zeros 0.693 (no progress). " +
      "He learns (halves the loss); tiny and zeros do not.");
  });

  it("all learn: names the lowest", () => {
    expect(trainingLesson(report([curve("a", [0.7, 0.1]), curve("b", [0.7, 0.06])]), ["x", "y"])).toMatch(/ All learn; lowest: y\.$/);
  });
});
