// A catalog law is computed by its function's own option parsing (the *Plan functions), so the
// two accept and refuse the same calls with the same messages (issue 20: sparse's law took
// std: -1 while sparse() threw). Generated: every entry, its example shape, each option set to
// values the functions reject or accept; `range: [0, 0]` keeps the function's call free.

import { describe, expect, it } from "vitest";
import { catalog, catalogEntry, sparse, type CatalogEntry } from "../src/index.js";

const KEYS = ["std", "mean", "a", "b", "gain", "scale", "sparsity", "value", "mode", "layout", "groups", "nonlinearity", "distribution"];
const VALUES: unknown[] = [-1, 0, 0.5, Number.NaN, 1e39, "x", "fan_out", "torch", 3];

/** The message thrown by `f`, or "ok". */
function outcome(f: () => unknown): string {
  try {
    f();
    return "ok";
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("each catalog law accepts and refuses what its function does, with the same message", () => {
  for (const entry of catalog as readonly CatalogEntry[]) {
    it(entry.name, () => {
      const shape = [...entry.example.shape];
      let refused = 0;
      for (const key of KEYS) {
        for (const value of VALUES) {
          const options = { ...entry.example.options, [key]: value };
          const fn = outcome(() => entry.fn(shape, { ...options, range: [0, 0] }));
          const law = outcome(() => entry.law(shape, { ...options, range: [0, 0] }));
          expect(law, `${entry.name} ${key}: ${String(value)}`).toBe(fn);
          if (fn !== "ok") refused++;
        }
      }
      expect(refused).toBeGreaterThan(0);
    });
  }

  it("sparse's law refuses std: -1 as sparse() does", () => {
    expect(() => sparse([10, 10], { sparsity: 0.5, std: -1 })).toThrow(/^sparse: std must be/);
    expect(() => (catalogEntry("sparse") as CatalogEntry).law([10, 10], { sparsity: 0.5, std: -1 } as never)).toThrow(/^sparse: std must be/);
  });
});
