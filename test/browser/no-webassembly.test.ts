// An engine without WebAssembly (Safari's Lockdown Mode, some locked-down embedders) can import
// nninit; the first call that needs the kernels throws one clear error. This file imports the
// package only after WebAssembly is gone, so the module graph is fresh (vitest isolates files).
// The built bundles are checked the same way in test/bundlers/ (node --no-expose-wasm, a Worker).

import { afterAll, beforeAll, expect, it } from "vitest";

const MESSAGE = "nninit: this environment has no WebAssembly; nninit needs WebAssembly (any browser or Node since 2017)";
const g = globalThis as { WebAssembly?: typeof WebAssembly };
const saved = g.WebAssembly;

beforeAll(() => { delete g.WebAssembly; });
afterAll(() => { g.WebAssembly = saved; });

it("imports without WebAssembly, and the first use throws a clear error", async () => {
  expect(typeof g.WebAssembly).toBe("undefined");
  const nninit = await import("../../src/index.js");
  // Nothing that needs no kernels fails: generators, constants, choosing a build.
  const generator = new nninit.Generator(1);
  expect(Array.from(nninit.ones(3))).toEqual([1, 1, 1]);
  nninit.useBuild("scalar");
  nninit.useBuild("auto");
  // Everything that needs kernels throws the same error, and moves nothing.
  expect(() => nninit.normal(4, { generator })).toThrow(new Error(MESSAGE));
  expect(() => nninit.uniform(4, { generator })).toThrow(new Error(MESSAGE));
  expect(() => nninit.activeBuild()).toThrow(new Error(MESSAGE));
  await expect(nninit.ready()).rejects.toThrow(new Error(MESSAGE));
  await expect(nninit.fillAsync(nninit.truncNormal, 4, { generator })).rejects.toThrow(new Error(MESSAGE));
  expect(generator.position).toBe(0);
});
