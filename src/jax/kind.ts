// JaxGenerator's generator kind (../stream/kinds.ts): its state is two key words and a count,
// plain numbers, so any thread restarts it. Pool workers run the core bundle, which has no jax
// code: the kind's worker module (./worker-module.ts, bundled into a string by
// scripts/build-pool-worker.mjs) is sent to each worker before its first jax fill, with the jax
// kernels' wasm as its data, so neither the core bundle nor the workers' script grows.

import type { GeneratorKind } from "../stream/kinds.js";
import { SIMD_BASE64, SCALAR_BASE64 } from "../wasm/jax.generated.js";
import { JAX_WORKER_SOURCE } from "./worker-source.generated.js";
import { JaxGenerator, type JaxGeneratorState } from "./generator.js";
import { wrapKeyData } from "./key.js";

/** The kernels' builds, base64, as the worker module reads them. */
export interface JaxWorkerData {
  simd: string;
  scalar: string;
}

export const JAX_KIND: GeneratorKind<JaxGeneratorState> = {
  name: "jax",
  owns: (g) => JaxGenerator.isJaxGenerator(g),
  portable: true,
  state: (g) => (g as JaxGenerator).getState(),
  restore: (s) => new JaxGenerator(wrapKeyData(s.key)).setState(s),
  worker: {
    source: () => JAX_WORKER_SOURCE,
    data: (): JaxWorkerData => ({ simd: SIMD_BASE64, scalar: SCALAR_BASE64 }),
  },
};
