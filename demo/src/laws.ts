// The law each initializer's values should follow, for the overlay on the histogram: nninit's
// catalog says which law and its parameters (from the initializer's own fan and gain code); this
// file turns it into a continuous density (weighted), point masses, the support and the law's
// own mean and standard deviation.

import type { CatalogEntry, Law as CatalogLaw } from "nninit";

export interface Atom {
  value: number;
  mass: number;
}

export interface Law {
  /** Short formula, e.g. "U(-0.0874, 0.0874)". */
  label: string;
  /** Density of the continuous part, already times its weight (absent for point masses only). */
  density?: (x: number) => number;
  atoms: Atom[];
  /** Where the values lie: hard bounds when `bounded`, else a plotting range (mean +- 4.5 std). */
  support: [number, number];
  bounded: boolean;
  mean: number;
  std: number;
  /** True when the law is an approximation (orthogonal entries). */
  approximate?: boolean;
}

type Options = Record<string, unknown>;

const SQRT2PI = Math.sqrt(2 * Math.PI);
const fmt = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toFixed(4).replace(/\.?0+$/, "") : x.toExponential(3));
const phi = (z: number) => Math.exp(-0.5 * z * z) / SQRT2PI;

/** erf by Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): enough for a picture. */
function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const Phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

export function uniformLaw(lo: number, hi: number): Law {
  const w = hi - lo;
  return {
    label: `U(${fmt(lo)}, ${fmt(hi)})`, atoms: [], support: [lo, hi], bounded: true,
    density: (x) => (x >= lo && x <= hi && w > 0 ? 1 / w : 0), mean: (lo + hi) / 2, std: w / Math.sqrt(12),
  };
}

export function normalLaw(mean: number, std: number, weight = 1): Law {
  return {
    label: `N(${fmt(mean)}, ${fmt(std)}²)`, atoms: [], support: [mean - 4.5 * std, mean + 4.5 * std], bounded: false,
    density: (x) => (weight * phi((x - mean) / std)) / std, mean, std,
  };
}

/** N(mean, std^2) conditioned on [a, b] (absolute bounds). */
export function truncatedLaw(mean: number, std: number, a: number, b: number): Law {
  const al = (a - mean) / std, be = (b - mean) / std, z = Phi(be) - Phi(al);
  const m = (phi(al) - phi(be)) / z;
  const variance = std * std * (1 + (al * phi(al) - be * phi(be)) / z - m * m);
  return {
    label: `N(${fmt(mean)}, ${fmt(std)}²) on [${fmt(a)}, ${fmt(b)}]`, atoms: [], support: [a, b], bounded: true,
    density: (x) => (x >= a && x <= b ? phi((x - mean) / std) / (std * z) : 0), mean: mean + std * m, std: Math.sqrt(variance),
  };
}

/** Point masses only. */
export function atomsLaw(atoms: Atom[]): Law {
  const live = atoms.filter((a) => a.mass > 0);
  const mean = live.reduce((s, a) => s + a.value * a.mass, 0);
  const second = live.reduce((s, a) => s + a.value * a.value * a.mass, 0);
  const values = live.map((a) => a.value);
  return {
    label: live.map((a) => `${(100 * a.mass).toPrecision(3)}% at ${fmt(a.value)}`).join(", "),
    atoms: live, support: [Math.min(...values), Math.max(...values)], bounded: true, mean, std: Math.sqrt(Math.max(0, second - mean * mean)),
  };
}

/** 0 with probability p0, else N(0, std^2): sparse and delta orthogonal. */
function zeroOrNormal(p0: number, std: number): Law {
  return {
    ...normalLaw(0, std, 1 - p0), label: `${(100 * p0).toPrecision(3)}% at 0, else N(0, ${fmt(std)}²)`,
    atoms: [{ value: 0, mass: p0 }], std: std * Math.sqrt(1 - p0),
  };
}

/** The law of `entry.fn(shape, options)`, drawable. */
export function lawOf(entry: CatalogEntry, shape: number[], options: Options): Law {
  const law: CatalogLaw = entry.law(shape, options);
  switch (law.kind) {
    case "uniform": return uniformLaw(law.low, law.high);
    case "normal": return { ...normalLaw(law.mean, law.std), approximate: law.approximate };
    case "truncated": return truncatedLaw(law.mean, law.std, law.low, law.high);
    case "points": return atomsLaw([...law.points]);
    case "zero-or-normal": return { ...zeroOrNormal(law.zeros, law.std), approximate: law.approximate };
  }
}
