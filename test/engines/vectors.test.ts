// The engine-agnostic checks that Firefox and Bun run (./vectors.ts) pass here too (Node and
// Chromium): every known-answer check is "ok" and every digest is a digest, so the engine tests
// compare against a passing baseline.
import { expect, it } from "vitest";
import { runVectors } from "./vectors.js";

it("every known-answer check passes and every fill has a digest", () => {
  const results = runVectors();
  expect(Object.keys(results).length).toBeGreaterThan(40);
  for (const [name, result] of Object.entries(results)) {
    expect(result, name).toMatch(name.includes(": digest of ") ? /^[0-9a-f]{8}$/ : /^ok$/);
  }
});
