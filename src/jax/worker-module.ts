// The jax generator kind and the key-based samplers' pool entries inside a pool worker.
// scripts/build-pool-worker.mjs bundles this file (with the JaxGenerator, the samplers and the
// wasm loader, but not the wasm: the kind's data brings it, see ./kind.ts) into
// src/jax/worker-source.generated.ts; a worker evaluates that source and calls it with its host
// and the data before its first jax fill (a JaxGenerator's, or a sampler's: ./pool-samplers.ts).

import type { WorkerHost } from "../stream/kinds.js";
import { JAX_KIND } from "./kind.js";
import { POOL_CALLS } from "./random.js";
import { workerEntry } from "./pool-samplers.js";
import { initializerWorkerEntries } from "./pool-initializers.js";
import { rebuild } from "./initializer-table.js";

/** Installs the jax kind, the samplers' entries and jax.nn.initializers' entry in this worker's registries. */
export function install(host: WorkerHost): void {
  host.installWorkerKind({ ...JAX_KIND, worker: undefined });
  for (const [label, call] of Object.entries(POOL_CALLS)) host.installWorkerEntry(workerEntry(label, call));
  for (const entry of initializerWorkerEntries(rebuild)) host.installWorkerEntry(entry);
}
