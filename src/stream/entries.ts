// Samplers of optional modules that the pool and fillAsync run: nninit/jax's key-based samplers
// (`normal(key, shape, options)`) are not initializers `f(shape, options)` and are not in the
// core's catalog, so each carries, under the registered symbol POOL_ENTRY, what the pool needs:
// a name for the wire, an initializer form `fn(shape, options)` that draws from a generator of a
// portable kind, and `prepare`, which turns the caller's options (`{ key, ... }`) into that
// form's (`{ generator, ... }`, a generator whose state is the key's words), checking the key
// with the sampler's own message. The generator kind's worker module installs the same entries in
// each worker (installWorkerEntry), so the core bundle and its workers carry none of their code.

import type { AnyInitializer } from "./reserve.js";

/** The symbol a sampler carries its pool entry under (registered: every copy of the package agrees). */
export const POOL_ENTRY: unique symbol = Symbol.for("nninit.pool.entry");

/** A pool entry as a worker installs it: the wire name, the initializer form, its kind (a whole-tensor one runs once, on one worker; fillAsync refuses it). */
export interface WorkerEntry {
  readonly name: string;
  readonly fn: AnyInitializer;
  readonly kind: "elementwise" | "whole-tensor";
}

/** A sampler's entry on the calling thread (see the top of this file). */
export interface CarriedEntry extends WorkerEntry {
  /** The sampler's own name, for the messages of the options reserve checks (shape, out, range, dtype). */
  readonly label: string;
  /** The options of `fn` from the caller's; throws (the sampler's TypeError) on a bad key. `client` names the caller. */
  prepare(client: string, options: unknown): unknown;
}

/** The entry a function carries, if any (only from a frozen object with the fields of CarriedEntry). */
export function carriedEntry(f: unknown): CarriedEntry | undefined {
  if (typeof f !== "function") return undefined;
  const e = (f as { [POOL_ENTRY]?: CarriedEntry })[POOL_ENTRY];
  if (e === null || typeof e !== "object" || typeof e.fn !== "function" || typeof e.prepare !== "function" || typeof e.name !== "string") return undefined;
  return e;
}

/** Entries a worker module installed in this worker (what the worker's registry finds by name). */
const INSTALLED = new Map<string, WorkerEntry>();

/** A worker module's entry, in the worker that loaded it. */
export function installWorkerEntry(entry: WorkerEntry): void {
  INSTALLED.set(entry.name, entry);
}

/** The installed entry of a name, or undefined. */
export function installedEntry(name: string): WorkerEntry | undefined {
  return INSTALLED.get(name);
}

/**
 * A key-based sampler of an optional module (nninit/jax's `normal(key, shape, options)`, or an
 * initializer of its `initializers`, `(key, shape, dtype?)`), as `pool.fill` and `fillAsync` take
 * it: its options are `{ key, ...the sampler's options }`.
 */
export type KeySampler<K> = (key: K, ...rest: never[]) => Float32Array;

/** The options of a {@link KeySampler} in `pool.fill` and `fillAsync`: the key, and the sampler's own. */
export interface KeySamplerOptions<K> {
  key: K;
  [option: string]: unknown;
}
