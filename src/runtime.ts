// Which kernels run, and compiling them ahead of the first call.

import { kernels, selectBuild, chosenBuild, compileAsync, type BuildName } from "./wasm/loader.js";
import { oneOf } from "./validate.js";

export type { BuildName };

/**
 * Compiles the kernels asynchronously so that the first initializer call does not; optional,
 * since every function compiles on first use. Resolves to the build that runs.
 *
 * @example
 * await ready(); // e.g. at app start, off the critical path
 */
export async function ready(): Promise<BuildName> {
  const build = chosenBuild();
  await compileAsync(build);
  return kernels().build;
}

/**
 * Chooses the kernels: "auto" (the default) runs SIMD where the engine validates it, "scalar"
 * forces the build without SIMD. Both give the same bits; SIMD is several times faster.
 */
export function useBuild(build: BuildName | "auto"): void {
  selectBuild(oneOf("useBuild", "build", build, ["auto", "simd", "scalar"] as const));
}

/** The build that runs (instantiating it if needed): "simd" or "scalar". */
export function activeBuild(): BuildName {
  return kernels().build;
}
