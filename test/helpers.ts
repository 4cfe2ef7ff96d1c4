// Shared test helpers: builds under test, bitwise comparison, fills through a given build.

import { instantiate, simdSupported, type Kernels, type BuildName } from "../src/wasm/loader.js";
import { Generator } from "../src/random/generator.js";
import { sampleBits, sampleUniform, sampleNormal, sampleTruncNormal } from "../src/random/sample.js";
import { referenceWords, referenceUniform, referenceNormal, referenceTruncNormal } from "./reference/tape.js";

export const BUILDS: BuildName[] = simdSupported() ? ["simd", "scalar"] : ["scalar"];

const instances = new Map<BuildName, Kernels>();
/** One instance per build, kept across tests. */
export function kernelsOf(build: BuildName): Kernels {
  let k = instances.get(build);
  if (!k) instances.set(build, (k = instantiate(build)));
  return k;
}

/** The bit patterns of a float array, for exact comparison (NaN-safe, -0 aware). */
export function bits(x: Float32Array): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.length);
}

export type Dist =
  | { kind: "bits" }
  | { kind: "uniform"; a: number; b: number }
  | { kind: "normal"; mean: number; std: number }
  | { kind: "truncNormal"; mean: number; std: number; a: number; b: number };

/** n outputs of a distribution from tape position `position`, computed by one build. */
export function fillWith(build: BuildName, dist: Dist, seed: bigint | number, position: number, n: number): Uint32Array {
  const k = kernelsOf(build);
  const gen = new Generator(seed);
  if (dist.kind === "bits") {
    const out = new Uint32Array(n);
    sampleBits(gen, out, 0, n, position, k);
    return out;
  }
  const at = { target: new Float32Array(n), offset: 0, count: n, position };
  if (dist.kind === "uniform") sampleUniform(gen, at, dist.a, dist.b, k);
  else if (dist.kind === "normal") sampleNormal(gen, at, dist.mean, dist.std, k);
  else sampleTruncNormal(gen, at, dist.mean, dist.std, dist.a, dist.b, k);
  return bits(at.target);
}

/** The same n outputs as {@link fillWith}, computed by the plain-JS reference (test/reference/tape.ts). */
export function referenceWith(dist: Dist, seed: bigint, position: number, n: number): Uint32Array {
  switch (dist.kind) {
    case "bits": return referenceWords(seed, position, n);
    case "uniform": return bits(referenceUniform(seed, position, n, dist.a, dist.b));
    case "normal": return bits(referenceNormal(seed, position, n, dist.mean, dist.std));
    case "truncNormal": return bits(referenceTruncNormal(seed, position, n, dist.mean, dist.std, dist.a, dist.b));
  }
}
