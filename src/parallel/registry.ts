// The initializers a pool can run, by name: the calling thread looks a function up here to learn
// its name and kind, and a worker maps the name back to its own copy of the same function.
//
// Interim list, shaped like the catalog (`src/initializers/catalog.ts`: name, fn, kind): once the
// catalog lands, `ENTRIES` becomes the catalog's list and nothing else here changes.

import { uniform, normal, truncNormal, constant, ones, zeros } from "../initializers/distributions.js";
import { xavierUniform, xavierNormal, kaimingUniform, kaimingNormal } from "../initializers/torch.js";
import { eye, dirac, identity } from "../initializers/identity.js";
import { orthogonal, deltaOrthogonal } from "../initializers/orthogonal.js";
import { sparse } from "../initializers/sparse.js";
import {
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal,
} from "../initializers/keras.js";

/** Any initializer of this package: `f(shape, options) -> Float32Array`, honouring `range` and `out`. */
export type AnyInitializer = (shape: any, options?: any) => Float32Array;

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

const e = (name: string, fn: AnyInitializer, kind: Kind = "elementwise"): Entry => ({ name, fn, kind });

const ENTRIES: readonly Entry[] = [
  e("uniform", uniform), e("normal", normal), e("truncNormal", truncNormal),
  e("constant", constant), e("ones", ones), e("zeros", zeros),
  e("eye", eye), e("dirac", dirac), e("identity", identity),
  e("xavierUniform", xavierUniform), e("xavierNormal", xavierNormal),
  e("kaimingUniform", kaimingUniform), e("kaimingNormal", kaimingNormal),
  e("varianceScaling", varianceScaling), e("glorotUniform", glorotUniform), e("glorotNormal", glorotNormal),
  e("heUniform", heUniform), e("heNormal", heNormal), e("lecunUniform", lecunUniform), e("lecunNormal", lecunNormal),
  e("orthogonal", orthogonal, "whole-tensor"), e("deltaOrthogonal", deltaOrthogonal, "whole-tensor"),
  e("sparse", sparse, "whole-tensor"),
];

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
