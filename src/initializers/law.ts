// The law an initializer's values follow, as data: what the demo draws over its histogram and
// what the statistics tests check. Each catalog entry computes it from the same code (fans,
// gains, defaults) as its function.

import type { Scaled } from "./scaled.js";

/** A value and the probability of drawing exactly it. */
export interface PointMass {
  readonly value: number;
  readonly mass: number;
}

/** The distribution of one element of a tensor (every element has the same one). */
export type Law =
  /** U(low, high). */
  | { readonly kind: "uniform"; readonly low: number; readonly high: number }
  /** N(mean, std^2); `approximate` when it is a large-dimension limit (orthogonal entries). */
  | { readonly kind: "normal"; readonly mean: number; readonly std: number; readonly approximate?: boolean }
  /** N(mean, std^2) conditioned on [low, high] (std is the untruncated normal's). */
  | { readonly kind: "truncated"; readonly mean: number; readonly std: number; readonly low: number; readonly high: number }
  /** Only these values (constant, eye, dirac, ...), masses summing to 1. */
  | { readonly kind: "points"; readonly points: readonly PointMass[] }
  /** Exactly 0 with probability `zeros`, else N(0, std^2) (sparse; delta orthogonal, approximately). */
  | { readonly kind: "zero-or-normal"; readonly zeros: number; readonly std: number; readonly approximate?: boolean };

/** The law of a fan-scaled draw: U(-bound, bound), N(0, std^2), or N(0, std^2) cut at +-2 std. */
export function scaledLaw(s: Scaled): Law {
  switch (s.law) {
    case "uniform": return { kind: "uniform", low: -s.bound, high: s.bound };
    case "normal": return { kind: "normal", mean: 0, std: s.std };
    case "truncated": return { kind: "truncated", mean: 0, std: s.std, low: -2 * s.std, high: 2 * s.std };
  }
}

/** `value` at `count` of `total` elements, zero elsewhere (eye, identity, dirac). */
export function sparsePoints(value: number, count: number, total: number): Law {
  const p = total === 0 ? 0 : count / total;
  return { kind: "points", points: [{ value, mass: p }, { value: 0, mass: 1 - p }] };
}
