// Same bits in JavaScriptCore: the checks of ./vectors.ts run in Bun (the npm package `bun`,
// pinned) and must equal what the same code gives here in Node (V8). BUN_PATH (set by .ci/run)
// or node_modules/bun/bin/bun.exe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { bundleVectors, type VectorsBundle } from "./bundle.js";
import { runVectors } from "./vectors.js";

const BUN = process.env.BUN_PATH ?? join(ROOT, "node_modules/bun/bin/bun.exe");
const expected = runVectors();
let bundle: VectorsBundle;
let got: { engine: string; results: Record<string, string> };

beforeAll(async () => {
  bundle = await bundleVectors();
  writeFileSync(join(bundle.dir, "bun.js"), `import { runVectors } from "./vectors.js";
console.log(JSON.stringify({ engine: typeof Bun === "object" ? "bun " + Bun.version : "not bun", results: runVectors() }));
`);
  got = JSON.parse(execFileSync(BUN, [join(bundle.dir, "bun.js")], { encoding: "utf8", maxBuffer: 64 << 20 }));
}, 240_000);
afterAll(() => bundle?.remove());

describe("Bun (JavaScriptCore) gives Node's bits", () => {
  it("ran in Bun, SIMD and scalar builds", () => {
    expect(got.engine).toMatch(/^bun \d+\./);
    expect(Object.keys(got.results).some((k) => k.startsWith("simd: "))).toBe(true);
  });

  it.each(Object.keys(expected))("%s", (name) => {
    expect(got.results[name]).toBe(expected[name]);
  });
});
