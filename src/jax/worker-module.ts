// The jax generator kind inside a pool worker. scripts/build-pool-worker.mjs bundles this file
// (with the JaxGenerator, the samplers and the wasm loader, but not the wasm: the kind's data
// brings it, see ./kind.ts) into src/jax/worker-source.generated.ts; a worker evaluates that
// source and calls it with its host and the data before its first jax fill.

import type { WorkerHost } from "../stream/kinds.js";
import { JAX_KIND } from "./kind.js";

/** Installs the jax kind in this worker's registry. */
export function install(host: WorkerHost): void {
  host.installWorkerKind({ ...JAX_KIND, worker: undefined });
}
