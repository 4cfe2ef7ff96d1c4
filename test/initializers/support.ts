// Shared by the initializer tests: the table of weight shapes with their fans worked out by
// hand, sample collection, and the statistics checks with their tolerances.

import { expect } from "vitest";
import { Generator, TRUNCATED_STD } from "../../src/index.js";
import type { Layout } from "../../src/fan.js";
import { moments, F32_EPSILON } from "../stats.js";

export interface ShapeCase {
  name: string;
  shape: number[];
  layout: "torch" | "keras";
  fanIn: number;
  fanOut: number;
}

/** 2-D, conv 1/2/3-D (3/4/5-D tensors) in both layouts, 1x1, tall, wide; fans by hand. */
export const SHAPES: ShapeCase[] = [
  { name: "linear 64x32", shape: [64, 32], layout: "torch", fanIn: 32, fanOut: 64 },
  { name: "conv1d 16x8x5", shape: [16, 8, 5], layout: "torch", fanIn: 8 * 5, fanOut: 16 * 5 },
  { name: "conv2d 32x16x3x3", shape: [32, 16, 3, 3], layout: "torch", fanIn: 16 * 9, fanOut: 32 * 9 },
  { name: "conv3d 8x4x3x3x3", shape: [8, 4, 3, 3, 3], layout: "torch", fanIn: 4 * 27, fanOut: 8 * 27 },
  { name: "1x1", shape: [1, 1], layout: "torch", fanIn: 1, fanOut: 1 },
  { name: "tall 1024x8", shape: [1024, 8], layout: "torch", fanIn: 8, fanOut: 1024 },
  { name: "wide 8x1024", shape: [8, 1024], layout: "torch", fanIn: 1024, fanOut: 8 },
  { name: "dense 32x64", shape: [32, 64], layout: "keras", fanIn: 32, fanOut: 64 },
  { name: "conv1d 5x8x16", shape: [5, 8, 16], layout: "keras", fanIn: 8 * 5, fanOut: 16 * 5 },
  { name: "conv2d 3x3x16x32", shape: [3, 3, 16, 32], layout: "keras", fanIn: 16 * 9, fanOut: 32 * 9 },
  { name: "conv3d 3x3x3x4x8", shape: [3, 3, 3, 4, 8], layout: "keras", fanIn: 4 * 27, fanOut: 8 * 27 },
  { name: "1x1", shape: [1, 1], layout: "keras", fanIn: 1, fanOut: 1 },
  { name: "tall 1024x8", shape: [1024, 8], layout: "keras", fanIn: 1024, fanOut: 8 },
  { name: "wide 8x1024", shape: [8, 1024], layout: "keras", fanIn: 8, fanOut: 1024 },
];

/** Zero-element shapes: every initializer returns an empty array and draws nothing. */
export const EMPTY_SHAPES: number[][] = [[0, 5], [5, 0], [0, 0], [4, 0, 3, 3], [3, 3, 0, 8]];

/** Minimum sample size of a statistics check. */
export const SAMPLES = 1 << 16;

/** Most calls `collect` makes: tiny shapes (1x1) get 2048 draws, ~7 us of call overhead each. */
const MAX_CALLS = 2048;

/**
 * Calls `init` with one generator until at least `min` values are collected (or MAX_CALLS calls
 * were made): small shapes are drawn many times, each call continuing the tape.
 */
export function collect(init: (shape: number[], options: object) => Float32Array, shape: number[], options: object, seed: number, min = SAMPLES): Float64Array {
  const generator = new Generator(seed);
  const parts: Float32Array[] = [];
  let total = 0;
  while (total < min && parts.length < MAX_CALLS) {
    const x = init(shape, { ...options, generator });
    parts.push(x);
    total += x.length;
  }
  const all = new Float64Array(total);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
}

/** A law the values should follow, with its exact standard deviation and support. */
export type Expected =
  | { law: "uniform"; bound: number }
  | { law: "normal"; std: number }
  | { law: "truncated"; std: number };

/**
 * Checks a sample against its law:
 * - mean within 5 standard errors (sigma / sqrt(n)) of 0;
 * - standard deviation within 5 standard errors of the exact one, the standard error of the
 *   sample std being sqrt((m4 - m2^2) / n) / (2 s) by the delta method, with the sample's own
 *   fourth moment (valid for any law with a fourth moment);
 * - support: |x| <= bound (uniform) or 2 std (truncated; std is the pre-truncation sigma), with
 *   one float32 rounding of slack since the kernels receive the bound as float32;
 * - uniform and truncated laws reach their bounds closely: max |x| >= bound (1 - eps), with eps
 *   chosen so that a correct sampler misses with probability ~e^-20.
 * Five standard errors: each check is deterministic (fixed seeds); a correct sampler fails it
 * with probability ~6e-7, and a spread off by more than ~2% cannot pass at n = 2^16.
 */
export function expectLaw(x: Float64Array, law: Expected): void {
  const n = x.length;
  const { mean, variance: m2, kurtosis } = moments(x);
  const m4 = (kurtosis + 3) * m2 * m2;
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(x[i]));
  const s = Math.sqrt(m2);
  const sigma = law.law === "uniform" ? law.bound / Math.sqrt(3) : law.law === "normal" ? law.std : law.std * TRUNCATED_STD;
  expect(Math.abs(mean)).toBeLessThan(5 * sigma / Math.sqrt(n));
  const se = Math.sqrt(Math.max(m4 - m2 * m2, 0) / n) / (2 * s);
  expect(Math.abs(s - sigma)).toBeLessThan(5 * se);
  const f32Slack = 1 + F32_EPSILON;
  if (law.law === "uniform") {
    expect(max).toBeLessThanOrEqual(law.bound * f32Slack);
    expect(max).toBeGreaterThan(law.bound * (1 - 20 / n));
  } else if (law.law === "truncated") {
    expect(max).toBeLessThanOrEqual(2 * law.std * f32Slack);
    // Mass within 2 std eps of the cuts: 2 * 2 eps phi(2) / (2 Phi(2) - 1) = 0.2263 eps; eps = 90 / n
    // leaves a correct sampler a miss probability of (1 - 20.4 / n)^n ~ e^-20.
    expect(max).toBeGreaterThan(2 * law.std * (1 - 90 / n));
  }
}

/** The bit patterns of a float array. */
export { bits as bitsOf } from "../helpers.js";

/** Largest |G - I| entry of the Gram matrix of the rows (byRows) or the columns of a row-major matrix, times 1/gain^2. */
export function orthogonalityError(q: Float32Array, rows: number, cols: number, byRows: boolean, gain = 1): number {
  const k = byRows ? rows : cols, len = byRows ? cols : rows;
  const at = byRows ? (v: number, i: number) => v * cols + i : (v: number, i: number) => i * cols + v;
  const vecs: Float64Array[] = [];
  for (let v = 0; v < k; v++) {
    const col = new Float64Array(len);
    for (let i = 0; i < len; i++) col[i] = q[at(v, i)] / gain;
    vecs.push(col);
  }
  let err = 0;
  for (let a = 0; a < k; a++) {
    const va = vecs[a];
    for (let b = a; b < k; b++) {
      const vb = vecs[b];
      let s = 0;
      for (let i = 0; i < len; i++) s += va[i] * vb[i];
      err = Math.max(err, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return err;
}

export type { Layout };
