// The initializers a pool can run, by name: the calling thread looks a function up here to learn
// its name and kind, and a worker maps the name back to its own copy of the same function.
//
// The entries are the catalog's (src/initializers/catalog.ts): name, function and kind.

import { catalog } from "../initializers/catalog.js";

/** Any initializer of this package: `f(shape, options) -> Float32Array` (or the Uint16Array of a half dtype), honouring `range` and `out`. */
export type AnyInitializer = (shape: any, options?: any) => ArrayBufferView;

/**
 * "elementwise": element i depends only on the generator's state and i, so any `range` can be
 * computed on its own (split across workers). "whole-tensor": each value depends on the whole
 * tensor (a QR, a per-column choice of zeros), so one worker computes it.
 */
export type Kind = "elementwise" | "whole-tensor";

export interface Entry {
  name: string;
  fn: AnyInitializer;
  kind: Kind;
}

const ENTRIES: readonly Entry[] = catalog;

const BY_NAME = new Map(ENTRIES.map((entry) => [entry.name, entry]));
const BY_FN = new Map(ENTRIES.map((entry) => [entry.fn, entry]));

/** Every initializer the pool runs. */
export function poolEntries(): readonly Entry[] {
  return ENTRIES;
}

/** The entry of a name, or undefined. */
export function entryByName(name: string): Entry | undefined {
  return BY_NAME.get(name);
}

/** The entry of one of this package's functions (by identity: minifiers rename functions), or undefined. */
export function entryOf(fn: unknown): Entry | undefined {
  return BY_FN.get(fn as AnyInitializer);
}
