// The probe's statistics against theory, fixed seeds, width 1024 and batch 1024 (a random layer's
// gain fluctuates by about sqrt(2 / width) = 4.4%, so tolerances are on that scale).
//
// Forward (He et al. 2015, eq. 7): pre-activations of layer l + 1 have Var = n Var[w] E[x_l^2].
// Backward (He et al. 2015, eq. 13): the gradient with respect to a layer's inputs has
// Var = n Var[w] E[f'(pre)^2] Var[gradient at its outputs]. Node only: each probe here is about
// 60 GFLOP (3 matrix products of 1024^3 a layer); the browser runs the small-size checks.

import { beforeAll, describe, expect, it } from "vitest";
import { probe, type ProbeReport, type ProbeSpec } from "../../src/probe/index.js";

const BASE = { layers: 10, width: 1024, batch: 1024, seed: 2015, steps: 0 } as const;
const run = (spec: ProbeSpec): ProbeReport => probe({ ...BASE, ...spec });
const stds = (r: ProbeReport) => r.perLayer.map((l) => l.std);
const grads = (r: ProbeReport) => r.perLayer.map((l) => l.gradInputStd);
/** Geometric mean of consecutive ratios x[i + 1] / x[i]. */
const geoRatio = (x: number[]) => (x[x.length - 1]! / x[0]!) ** (1 / (x.length - 1));

/** E[g(z)] for z ~ N(0, 1), trapezoid rule on [-12, 12] (error far below the tolerances). */
function gaussianMean(g: (z: number) => number): number {
  const h = 1e-3;
  let s = 0;
  for (let z = -12; z <= 12; z += h) s += g(z) * Math.exp(-0.5 * z * z);
  return (s * h) / Math.sqrt(2 * Math.PI);
}

const reports: Record<string, ProbeReport> = {};
beforeAll(() => {
  reports.linearKaiming = run({ activation: "linear", init: { name: "kaimingNormal", options: { nonlinearity: "linear" } } });
  reports.reluHe = run({ activation: "relu", init: { name: "kaimingNormal", options: { nonlinearity: "relu" } } });
  reports.reluXavier = run({ activation: "relu", init: "xavierNormal" });
  reports.tanhXavier = run({ activation: "tanh", init: "xavierNormal" });
  reports.tanhSmall = run({ activation: "tanh", init: { name: "normal", options: { std: 0.01 } } });
  reports.zeros = run({ activation: "tanh", init: "zeros", steps: 1 });
  console.log(Object.entries(reports).map(([k, r]) =>
    `${k}: std ${stds(r).map((s) => s.toPrecision(3)).join(" ")} | grad x / out ${grads(r).map((g) => (g / r.outputGradStd).toPrecision(3)).join(" ")}`).join("\n"));
}, 1_200_000);

describe("probe at width 1024, batch 1024, 10 layers (theory)", () => {
  it("linear + Kaiming (fan_in, linear gain): activation std within 10% of 1 at every layer", () => {
    for (const s of stds(reports.linearKaiming!)) expect(Math.abs(s - 1)).toBeLessThan(0.1);
  });
  it("linear + Kaiming: input gradient std within 10% of the output gradient's at every layer", () => {
    const r = reports.linearKaiming!;
    for (const g of grads(r)) expect(Math.abs(g / r.outputGradStd - 1)).toBeLessThan(0.1);
  });

  it("ReLU + He: activation std within 15% of layer 1's at every layer", () => {
    const s = stds(reports.reluHe!);
    for (const x of s) expect(Math.abs(x / s[0]! - 1)).toBeLessThan(0.15);
  });
  it("ReLU + He: input gradient std within 15% of the output gradient's at every layer", () => {
    const r = reports.reluHe!;
    for (const g of grads(r)) expect(Math.abs(g / r.outputGradStd - 1)).toBeLessThan(0.15);
    expect(r.perLayer.every((l) => Math.abs(l.zeros - 0.5) < 0.05)).toBe(true); // half the units off
  });

  it("ReLU + Xavier (equal fans): std shrinks by 1/sqrt(2) a layer (geometric mean within 5%)", () => {
    expect(Math.abs(geoRatio(stds(reports.reluXavier!)) / Math.SQRT1_2 - 1)).toBeLessThan(0.05);
  });
  it("ReLU + Xavier: the input gradient shrinks by 1/sqrt(2) a layer going down (within 5%)", () => {
    // grads[l] is the gradient at layer l + 1's inputs; going down is reading the list backwards.
    expect(Math.abs(geoRatio(grads(reports.reluXavier!).reverse()) / Math.SQRT1_2 - 1)).toBeLessThan(0.05);
  });

  it("tanh + Xavier normal: std stays between 0.2 and 1 to layer 10", () => {
    for (const s of stds(reports.tanhXavier!)) {
      expect(s).toBeGreaterThan(0.2);
      expect(s).toBeLessThan(1);
    }
  });
  it("tanh + Xavier normal: each layer scales the gradient by sqrt(E[tanh'(pre)^2]), between its value at pre std 1 and 1", () => {
    // Pre-activation std is at most about 1 (layer 1) and falls after, so E[tanh'^2] lies between
    // its value at std 1 and 1; 5% slack for the layer's random gain.
    const low = Math.sqrt(gaussianMean((z) => (1 - Math.tanh(z) ** 2) ** 2));
    const g = [...grads(reports.tanhXavier!), reports.tanhXavier!.outputGradStd];
    for (let l = 0; l + 1 < g.length; l++) {
      const ratio = g[l]! / g[l + 1]!;
      expect(ratio).toBeGreaterThan(low * 0.95);
      expect(ratio).toBeLessThan(1.05);
    }
  });

  it("normal(0, 0.01) on tanh: std x 0.01 sqrt(1024) = 0.32 a layer (within 5%), below 1e-3 by layer 7", () => {
    const s = stds(reports.tanhSmall!);
    expect(Math.abs(geoRatio(s) / 0.32 - 1)).toBeLessThan(0.05);
    expect(s[6]).toBeLessThan(1e-3);
  });
  it("normal(0, 0.01) on tanh: the input gradient x 0.32 a layer going down (within 5%)", () => {
    expect(Math.abs(geoRatio(grads(reports.tanhSmall!).reverse()) / 0.32 - 1)).toBeLessThan(0.05);
  });

  it("zeros: zero activations, zero gradients, one distinct unit per layer after a step", () => {
    for (const l of reports.zeros!.perLayer) {
      expect(l.std).toBe(0);
      expect(l.zeros).toBe(1);
      expect(l.gradWeightStd).toBe(0);
      expect(l.distinctUnits).toBe(1);
    }
  });
});
