// The key-based samplers (./random.ts: normal, uniform, truncatedNormal) in the pool and in
// fillAsync: each carries a pool entry (../stream/entries.ts). `prepare` checks the key with the
// sampler's own message and turns `{ key, ...options }` into `{ generator, ...options }`, a fresh
// JaxGenerator at that key: its kind (./kind.ts) already sends the key's words to workers and
// loads the jax worker module there, which installs these entries too (./worker-module.ts). The
// entry's initializer form reads the key back from the generator's state, without drawing (so
// no count moves and the caller owns no generator that could): the values are the sampler's own
// call on the key, with `range` and `out` as the pool and fillAsync give them.

import { POOL_ENTRY, type CarriedEntry, type WorkerEntry } from "../stream/entries.js";
import type { Kind } from "../parallel/registry.js";
import type { AnyInitializer } from "../stream/reserve.js";
import { isPlainObject } from "../validate.js";
import { JaxGenerator } from "./generator.js";
import { wordsOf, wrapKeyData, type JaxKey } from "./key.js";

/** The sampler's call from the key and the pool's options (range, out, the sampler's own). */
export type Call = (key: JaxKey, shape: unknown, options: Record<string, unknown>) => Float32Array;

/** The initializer form: the key from the generator the pool or fillAsync restarted. */
function initializerOf(call: Call): AnyInitializer {
  return (shape, options) => {
    const { generator, ...rest } = options as { generator: JaxGenerator } & Record<string, unknown>;
    return call(wrapKeyData(generator.getState().key), shape, rest);
  };
}

/** The entry a worker installs for `label` (the wire name is "jax." + label). */
export function workerEntry(label: string, call: Call, kind: Kind = "elementwise"): WorkerEntry {
  return { name: `jax.${label}`, fn: initializerOf(call), kind };
}

/**
 * Attaches the pool entry of `sampler` (named `label` in messages), whose call from a key is
 * `call`. `wire` is the entry's name in workers (default "jax." + label) and the plain data its
 * options carry there beside the key (an initializer's factory and arguments: ./pool-initializers.ts).
 */
export function carry(sampler: object, label: string, call: Call, wire: { label: string; data: Record<string, unknown>; kind?: Kind } = { label, data: {} }): void {
  const entry: CarriedEntry = Object.freeze({
    ...workerEntry(wire.label, call, wire.kind),
    label,
    prepare(client: string, options: unknown): unknown {
      if (!isPlainObject(options)) return options; // reserve names what is wrong with it
      const { key, generator, ...rest } = options;
      if (generator !== undefined) {
        throw new TypeError(`${client}: ${label} draws from options.key (a JaxKey), not from a generator; drop generator`);
      }
      wordsOf(label, "key", key);
      return { ...rest, ...wire.data, generator: new JaxGenerator(key as JaxKey) };
    },
  });
  Object.defineProperty(sampler, POOL_ENTRY, { value: entry });
}
