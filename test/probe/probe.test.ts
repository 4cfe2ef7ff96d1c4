// probe() at small sizes (Node and Chromium): symmetry, determinism, the report's shape, the
// table, and bad input.

import { describe, expect, it } from "vitest";
import { probe, formatProbeTable, sparkline, ACTIVATIONS } from "../../src/probe/index.js";

const small = { layers: 4, width: 48, batch: 64, seed: 1 } as const;

describe("probe", () => {
  it("constant init: every hidden unit gets the same gradient, and they stay equal after 3 steps that lower the loss", () => {
    const r = probe({ ...small, activation: "tanh", init: { name: "constant", options: { value: 0.05 } }, steps: 3 });
    const hidden = r.perLayer.slice(0, -1), output = r.perLayer[r.perLayer.length - 1]!;
    for (const l of hidden) {
      expect(l.distinctUnits).toBe(1);
      expect(l.std).toBeGreaterThan(0); // units are equal, but they do vary with the input
    }
    // Between hidden layers, one gradient for every weight (layer 1 sees distinct inputs).
    for (const l of hidden.slice(1)) expect(l.gradWeightStd).toBe(0);
    expect(r.perLayer[0]!.gradWeightStd).toBeGreaterThan(0);
    // The output units are told apart by the readout: only the hidden ones are stuck together.
    expect(output.distinctUnits).toBe(48);
    expect(r.loss).toHaveLength(4);
    expect(r.loss[3]!).toBeLessThan(r.loss[0]!);
  });

  it("random init: every unit distinct", () => {
    const r = probe({ ...small, activation: "relu", init: "heNormal", steps: 2 });
    for (const l of r.perLayer) expect(l.distinctUnits).toBe(48);
  });

  it("same spec, same report; another seed, another report", () => {
    const a = probe({ ...small, activation: "gelu" }), b = probe({ ...small, activation: "gelu" });
    expect(a).toEqual(b);
    expect(probe({ ...small, activation: "gelu", seed: 2 }).perLayer[0]!.std).not.toBe(a.perLayer[0]!.std);
  });

  it.each(ACTIVATIONS)("%s: histogram counts add to batch x width, saturation only where it exists", (activation) => {
    const r = probe({ ...small, activation, init: "xavierUniform", steps: 0, bins: 10 });
    for (const l of r.perLayer) {
      expect(l.histogram.counts.reduce((s, c) => s + c, 0)).toBe(64 * 48);
      expect(l.histogram.counts).toHaveLength(10);
      expect(l.saturated === null).toBe(activation !== "tanh" && activation !== "sigmoid");
      expect(Number.isFinite(l.std) && Number.isFinite(l.gradInputStd)).toBe(true);
    }
  });

  it("sigmoid with large weights saturates, relu zeroes about half", () => {
    const sig = probe({ ...small, activation: "sigmoid", init: { name: "normal", options: { std: 1 } }, steps: 0 });
    expect(sig.perLayer[0]!.saturated).toBeGreaterThan(0.5);
    const relu = probe({ ...small, activation: "relu", init: "heNormal", steps: 0 });
    expect(Math.abs(relu.perLayer[0]!.zeros - 0.5)).toBeLessThan(0.1);
  });

  it("formats a table: a title, a header and a row per layer with a sparkline", () => {
    const r = probe({ ...small, activation: "tanh", init: "xavierNormal" });
    const lines = formatProbeTable(r).split("\n");
    expect(lines).toHaveLength(2 + 4);
    expect(lines[0]).toContain("xavierNormal · tanh · 4 x 48");
    expect(lines[1]).toMatch(/layer\s+mean\s+std/);
    expect(lines[2]).toMatch(/^\s*1\s/);
    expect(lines[2]).toMatch(/[▁▂▃▄▅▆▇█]/);
    expect(sparkline({ lo: 0, hi: 1, counts: [0, 1, 2, 4, 8] }, 5)).toBe(" ▁▂▄█");
    expect(sparkline({ lo: 0, hi: 1, counts: [1, 1, 0, 0, 4, 4] }, 3)).toBe("▂ █");
  });

  it("rejects bad input naming probe, the argument and the value", () => {
    expect(() => probe({ layers: 0 })).toThrow(/^probe: layers must be .*got 0$/);
    expect(() => probe({ width: 1.5 })).toThrow(/probe: width/);
    expect(() => probe({ activation: "swish" as never })).toThrow(/probe: activation must be one of .*got "swish"/);
    expect(() => probe({ init: "nope" })).toThrow(/probe: init.name must be one of .*got "nope"/);
    expect(() => probe({ init: 3 as never })).toThrow(TypeError);
    expect(() => probe({ init: { name: "normal", options: { std: -1 } } })).toThrow(/normal: std/);
    expect(() => probe({ init: { name: "normal", options: { generator: 1 } } })).toThrow(/probe: init.options.generator must be absent/);
    expect(() => probe({ depth: 3 } as never)).toThrow(/probe: spec must be one of/);
    expect(() => probe("x" as never)).toThrow(TypeError);
    expect(() => probe({ seed: "1" as never })).toThrow(/^probe: seed must be a number or bigint, got "1"$/);
  });
});
