// Each wasm module's exports are exactly the ABI its TypeScript side declares: a kernel added,
// renamed or removed in assembly/ without its declaration (or the reverse) fails here.

import { describe, expect, it } from "vitest";
import { core, KERNEL_EXPORT_NAMES } from "../src/wasm/loader.js";
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
