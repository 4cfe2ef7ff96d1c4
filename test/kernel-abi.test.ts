// Each wasm module's exports are exactly the ABI its TypeScript side declares: a kernel added,
// renamed or removed in assembly/ without its declaration (or the reverse) fails here; the core
// module's law record is read by the kernels where the JS side writes it.

import { describe, expect, it } from "vitest";
import { core, KERNEL_EXPORT_NAMES, LAW_FIELDS, writeLaw } from "../src/wasm/loader.js";
import { linalg, LINALG_EXPORT_NAMES } from "../src/wasm/linalg.js";
import { gemmModule, GEMM_EXPORT_NAMES } from "../src/wasm/gemm.js";
import { torch, TORCH_EXPORT_NAMES } from "../src/wasm/torch.js";
import { jax, JAX_EXPORT_NAMES } from "../src/wasm/jax.js";
import type { BuildName, KernelModule, BaseExports } from "../src/wasm/module.js";

const modules: [KernelModule<BaseExports>, readonly string[]][] = [
  [core, KERNEL_EXPORT_NAMES],
  [linalg, LINALG_EXPORT_NAMES],
  [gemmModule, GEMM_EXPORT_NAMES],
  [torch, TORCH_EXPORT_NAMES],
  [jax, JAX_EXPORT_NAMES],
];

describe.each(modules.map(([m, n]) => [m.name, m, n] as const))("the %s module", (_name, module, names) => {
  const builds: BuildName[] = module.simdSupported() ? ["simd", "scalar"] : ["scalar"];
  it.each(builds)("%s build exports exactly its declared ABI", (build) => {
    const exports = module.instantiate(build).exports as unknown as Record<string, unknown>;
    expect(Object.keys(exports).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(typeof exports[name], name).toBe(name === "memory" ? "object" : "function");
    }
    expect(Boolean((exports.is_simd as () => number)())).toBe(build === "simd");
  });
});

describe("the core module's law record", () => {
  it("gives each law's parameters distinct slots inside the record's 8", () => {
    for (const [law, fields] of Object.entries(LAW_FIELDS)) {
      const slots: number[] = Object.values(fields);
      expect(new Set(slots).size, law).toBe(slots.length);
      for (const slot of slots) expect(slot >= 0 && slot < 8, `${law} slot ${slot}`).toBe(true);
    }
  });

  // A degenerate law pins each output to one named field, so a field read from the wrong slot shows.
  const builds: BuildName[] = core.simdSupported() ? ["simd", "scalar"] : ["scalar"];
  it.each(builds)("%s build reads the fields the JS side writes by name", (build) => {
    const k = core.instantiate(build);
    const out = () => Array.from(k.windowF32().subarray(0, 8));
    writeLaw(k, "normal", { mean: 5, std: 0 });
    k.exports.fill_normal(k.window, 8, 1, 0, 0, 0);
    expect(out()).toEqual(Array(8).fill(5));
    writeLaw(k, "uniform", { a: 3, width: 0, b: 7 });
    k.exports.fill_uniform(k.window, 8, 1, 0, 0, 0);
    expect(out()).toEqual(Array(8).fill(3));
    writeLaw(k, "uniform", { a: 3, width: 100, b: -2 });
    k.exports.fill_uniform(k.window, 8, 1, 0, 0, 0);
    expect(out()).toEqual(Array(8).fill(-2));
    // Clamped to [lo, hi] = [-1, -1] whatever mean, std and the masses give.
    writeLaw(k, "truncNormal", { mean: 0, std: 1, lo: -1, hi: -1, cLo: -0.1, pLo: 0.4, qHi: 0.4, w: 0.2 });
    k.exports.fill_trunc_normal(k.window, 8, 1, 0, 0, 0);
    expect(out()).toEqual(Array(8).fill(-1));
  });
});
