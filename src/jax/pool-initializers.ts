// jax.nn.initializers' initializers (./initializers.ts) in the pool and in fillAsync. An
// initializer is a closure over its factory's arguments, and workers cannot receive closures, so
// each carries a pool entry (./pool-samplers.ts) named "jax.initializer.elementwise" (or
// ".whole-tensor": orthogonal, deltaOrthogonal, run once on a worker) whose options hold, beside
// the key, a plain-data description: the factory's name and its checked arguments. A worker
// rebuilds the initializer from it (./initializer-table.ts) and runs its call from
// the key with `range` and `out`: the same float32 multiply on the same draw, element by element,
// so any split of the tensor gives the synchronous initializer's bits.

import { carry, workerEntry, type Call } from "./pool-samplers.js";
import type { WorkerEntry } from "../stream/entries.js";
import type { Kind } from "../parallel/registry.js";

/** The option that carries an initializer's description to the worker. */
const DESCRIPTION = "jaxInitializer";

/** An initializer as plain data: its factory's name and the arguments it was made with. */
export interface Description {
  readonly factory: string;
  readonly args: readonly unknown[];
}

/** The call of the initializer a description makes (from the worker's factory table). */
export type Rebuild = (description: Description) => Call;

/** The call without the description option (it is the wire's, not the initializer's). */
const withoutDescription = (call: Call): Call => (key, shape, options) => {
  const { [DESCRIPTION]: _, ...rest } = options;
  return call(key, shape, rest);
};

/** The call of each initializer that carries an entry, for the worker's rebuild (./initializer-table.ts). */
const CALLS = new WeakMap<object, Call>();

/** The call from a key of an initializer made with an entry, if it is one. */
export const callOf = (initializer: object): Call | undefined => CALLS.get(initializer);

/** Attaches the pool entry of `initializer` (named `label` in messages), made as `description` says, whose call from a key is `call`. */
export function carryInitializer(initializer: object, label: string, description: Description, call: Call, kind: Kind): void {
  CALLS.set(initializer, call);
  carry(initializer, label, withoutDescription(call), { label: `initializer.${kind}`, data: { [DESCRIPTION]: description }, kind });
}

/** The entries a worker installs for every initializer, elementwise and whole-tensor: each rebuilds the one its options describe. */
export function initializerWorkerEntries(rebuild: Rebuild): WorkerEntry[] {
  const call: Call = (key, shape, options) => withoutDescription(rebuild(options[DESCRIPTION] as Description))(key, shape, options);
  return (["elementwise", "whole-tensor"] as const).map((kind) => workerEntry(`initializer.${kind}`, call, kind));
}
