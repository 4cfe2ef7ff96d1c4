// The law an initializer's values follow, as data: what the demo draws over its histogram, what
// the statistics tests check and what `nninit inspect` checks a checkpoint's tensors against.
// The one vocabulary for a law: the catalog, the fan-scaled families (./scaled.ts) and the model
// recipes (../models/recipe.ts) all speak it. Each catalog entry computes it from the same code
// (its function's *Plan: options, fans, gains, defaults) as its function. The generator
// protocol's DrawLaw (../random/draw.ts) carries the same numbers under torch's names (a, b).

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

/** `value` at `count` of `total` elements, zero elsewhere (eye, identity, dirac). */
export function sparsePoints(value: number, count: number, total: number): Law {
  const p = total === 0 ? 0 : count / total;
  return { kind: "points", points: [{ value, mass: p }, { value: 0, mass: 1 - p }] };
}
