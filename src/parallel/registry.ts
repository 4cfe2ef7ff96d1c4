// The initializers a pool can run, by name: the calling thread looks a function up here to learn
// its name and kind, and a worker maps the name back to its own copy of the same function.
//
// The entries are the catalog's (src/initializers/catalog.ts): name, function and kind.
//
// A program that both imports and requires nninit holds two copies of every initializer (dist/esm
// and dist/cjs, the "dual package hazard"); a pool of one copy is given the other copy's
// functions. Each copy that loads this file records its functions' names in one process-wide
// table (a registered symbol, keyed by the package version so that only copies with the same
// bits share it), and `entryOf` takes another copy's function by its catalog name.

import { catalog } from "../initializers/catalog.js";
import { NNINIT_VERSION } from "../version.js";
import { installedEntry } from "../stream/entries.js";

import type { AnyInitializer } from "../stream/reserve.js";

export type { AnyInitializer };

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

/** The process-wide table of every loaded copy's initializers and their names (see the top of this file). */
function copies(): WeakMap<object, string> {
  const key = Symbol.for(`nninit.initializers@${NNINIT_VERSION}`);
  const g = globalThis as unknown as Record<symbol, WeakMap<object, string> | undefined>;
  let table = g[key];
  if (!table) {
    table = new WeakMap();
    Object.defineProperty(g, key, { value: table, enumerable: false, writable: false, configurable: false });
  }
  for (const entry of ENTRIES) table.set(entry.fn, entry.name);
  return table;
}
const COPIES = /* @__PURE__ */ copies();

/** Every initializer the pool runs. */
export function poolEntries(): readonly Entry[] {
  return ENTRIES;
}

/** The entry of a name, or undefined: the catalog's, or in a worker one a worker module installed (../stream/entries.ts). */
export function entryByName(name: string): Entry | undefined {
  return BY_NAME.get(name) ?? installedEntry(name);
}

/**
 * The entry of one of this package's functions, or undefined: by identity (minifiers rename
 * functions), or for another loaded copy of this version of the package (its CommonJS build
 * given to this ES module's pool), by the catalog name that copy recorded.
 */
export function entryOf(fn: unknown): Entry | undefined {
  const own = BY_FN.get(fn as AnyInitializer);
  if (own || typeof fn !== "function") return own;
  const name = COPIES.get(fn);
  return name === undefined ? undefined : BY_NAME.get(name);
}
