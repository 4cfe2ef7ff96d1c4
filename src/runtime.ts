// Which kernels run, and compiling them ahead of the first call.

import { kernels, selectBuild, chosenBuild, compileAsync, type BuildName } from "./wasm/loader.js";
import { oneOf } from "./validate.js";

export type { BuildName };

/**
 * Compiles the kernels asynchronously so that the first initializer call does not; optional,
 * since every function compiles on first use. Resolves to the build that runs.
 *
 * @example
 * ```ts
 * import { ready } from "nninit";
 * console.log(await ready()); // "simd" or "scalar": the kernels are compiled, e.g. at app start
 * ```
 */
export async function ready(): Promise<BuildName> {
  const build = chosenBuild();
  await compileAsync(build);
  return kernels().build;
}

/**
 * Chooses the kernels: "auto" (the default) runs SIMD where the engine validates it, "scalar"
 * forces the build without SIMD. Both give the same bits; SIMD is several times faster.
 *
 * @example
 * ```ts
 * import { activeBuild, normal, useBuild } from "nninit";
 * useBuild("scalar"); // the same bits without SIMD, e.g. to compare speed
 * const w = normal([64]);
 * console.log(activeBuild()); // "scalar"
 * useBuild("auto");
 * ```
 */
export function useBuild(build: BuildName | "auto"): void {
  selectBuild(oneOf("useBuild", "build", build, ["auto", "simd", "scalar"] as const));
}

/**
 * The build that runs (instantiating it if needed): "simd" or "scalar".
 *
 * @example
 * ```ts
 * import { activeBuild } from "nninit";
 * console.log(activeBuild()); // "simd" where the engine has wasm SIMD, else "scalar"
 * ```
 */
export function activeBuild(): BuildName {
  return kernels().build;
}
