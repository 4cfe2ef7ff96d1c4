// trunc_normal_ against the venv's torch (2.13): the committed cases and held-out random ones
// (new parameters and seeds every run, printed on failure), values and generator position.

import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { hasModules, runReference } from "../python/venv.js";
import { CASES, compareTrunc, type TruncCase, type TruncRef } from "./trunc-normal-cases.js";
import committed from "./trunc-normal.2.13.json" with { type: "json" };

const SCRIPT = fileURLToPath(new URL("../../scripts/torch-trunc-normal-reference.py", import.meta.url));
const reference = (cases: TruncCase[]): TruncRef => JSON.parse(runReference(SCRIPT, [], JSON.stringify(cases)));

/** Random parameters on both sides of p = 0.3, sizes around 16 and up to 50k. */
function heldOut(count: number): TruncCase[] {
  const r = Math.random, out: TruncCase[] = [];
  for (let i = 0; i < count; i++) {
    const std = 0.01 + r() * 2, mean = (r() - 0.5) * 4 * std;
    const a = mean + (r() * 6 - 4) * std, b = a + (0.05 + r() * 4) * std;
    const n = [1, 5, 15, 16, 17, 33, 1000, 4099, 50_000][Math.floor(r() * 9)];
    out.push({ seed: Math.floor(r() * 2 ** 32), shape: [n], mean, std, a, b });
  }
  return out;
}

describe.skipIf(!hasModules("torch"))("trunc_normal_ against the venv's torch", () => {
  it("the committed cases are what this torch writes", () => {
    const now = reference(CASES);
    expect(now.cases).toEqual((committed as TruncRef).cases);
  });
  it("held-out parameters and seeds, both branches: bit for bit", () => {
    const cases = heldOut(40);
    const ref = reference(cases);
    expect(ref.torch.startsWith("2.")).toBe(true);
    expect(compareTrunc(ref), JSON.stringify(cases)).toEqual([]);
  });
});
