// The law each initializer's values should follow, worked out from the formulas (torch's and
// Keras's), for the overlay on the histogram: a continuous density (weighted), point masses,
// the support and the law's own mean and standard deviation.

import { calculateFanInAndFanOut, calculateGain, type Layout, type Nonlinearity } from "nninit";

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

/** Keras variance scaling: variance = scale / max(1, fan). */
function varianceScalingLaw(shape: number[], o: Options, preset?: [number, string, string]): Law {
  const [scale, mode, distribution] = preset ?? [(o.scale as number) ?? 1, (o.mode as string) ?? "fan_in", (o.distribution as string) ?? "truncated_normal"];
  const [fanIn, fanOut] = calculateFanInAndFanOut(shape, (o.layout as Layout) ?? "keras");
  const fan = mode === "fan_in" ? fanIn : mode === "fan_out" ? fanOut : mode === "fan_avg" ? (fanIn + fanOut) / 2 : Math.sqrt(fanIn * fanOut);
  const variance = scale / Math.max(1, fan);
  if (distribution === "uniform") {
    const l = Math.sqrt(3 * variance);
    return uniformLaw(-l, l);
  }
  if (distribution === "untruncated_normal") return normalLaw(0, Math.sqrt(variance));
  const s = Math.sqrt(variance) / 0.87962566103423978;
  return truncatedLaw(0, s, -2 * s, 2 * s);
}

function torchFans(shape: number[], o: Options): [number, number] {
  return calculateFanInAndFanOut(shape, (o.layout as Layout) ?? "torch");
}

function kaimingStd(shape: number[], o: Options): number {
  const [fanIn, fanOut] = torchFans(shape, o);
  const gain = calculateGain((o.nonlinearity as Nonlinearity) ?? "leaky_relu", (o.a as number) ?? 0);
  return gain / Math.sqrt(o.mode === "fan_out" ? fanOut : fanIn);
}

/** [out, in] of a conv kernel in the torch or Keras layout; null for an explicit layout. */
function outIn(shape: number[], layout: unknown): [number, number] | null {
  if (layout === "torch") return [shape[0], shape[1]];
  return layout === "keras" ? [shape[shape.length - 1], shape[shape.length - 2]] : null;
}

/** 0 with probability p0, else N(0, std^2): sparse and delta orthogonal. */
function zeroOrNormal(p0: number, std: number): Law {
  return {
    ...normalLaw(0, std, 1 - p0), label: `${(100 * p0).toPrecision(3)}% at 0, else N(0, ${fmt(std)}²)`,
    atoms: [{ value: 0, mass: p0 }], std: std * Math.sqrt(1 - p0),
  };
}

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** ones / numel at 1 (times gain), the rest 0: eye, identity and dirac. */
function onesLaw(count: number, total: number, value = 1): Law {
  return atomsLaw([{ value, mass: count / total }, { value: 0, mass: 1 - count / total }]);
}

/** The law of `name(shape, options)`, or null when this page does not know it (an explicit layout). */
export function lawOf(name: string, shape: number[], o: Options): Law | null {
  const n = numel(shape);
  switch (name) {
    case "uniform": return uniformLaw((o.a as number) ?? 0, (o.b as number) ?? 1);
    case "normal": return normalLaw((o.mean as number) ?? 0, (o.std as number) ?? 1);
    case "truncNormal": return truncatedLaw((o.mean as number) ?? 0, (o.std as number) ?? 1, (o.a as number) ?? -2, (o.b as number) ?? 2);
    case "constant": return atomsLaw([{ value: o.value as number, mass: 1 }]);
    case "ones": return atomsLaw([{ value: 1, mass: 1 }]);
    case "zeros": return atomsLaw([{ value: 0, mass: 1 }]);
    case "eye": return onesLaw(Math.min(shape[0], shape[1]), n);
    case "identity": return onesLaw(Math.min(shape[0], shape[1]), n, (o.gain as number) ?? 1);
    case "dirac": {
      const io = outIn(shape, o.layout ?? "torch");
      const groups = (o.groups as number) ?? 1;
      return io && onesLaw(groups * Math.min(io[0] / groups, io[1]), n);
    }
    case "xavierUniform": {
      const [fanIn, fanOut] = torchFans(shape, o);
      const b = ((o.gain as number) ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
      return uniformLaw(-b, b);
    }
    case "xavierNormal": {
      const [fanIn, fanOut] = torchFans(shape, o);
      return normalLaw(0, ((o.gain as number) ?? 1) * Math.sqrt(2 / (fanIn + fanOut)));
    }
    case "kaimingUniform": {
      const b = Math.sqrt(3) * kaimingStd(shape, o);
      return uniformLaw(-b, b);
    }
    case "kaimingNormal": return normalLaw(0, kaimingStd(shape, o));
    case "varianceScaling": return varianceScalingLaw(shape, o);
    case "glorotUniform": return varianceScalingLaw(shape, o, [1, "fan_avg", "uniform"]);
    case "glorotNormal": return varianceScalingLaw(shape, o, [1, "fan_avg", "truncated_normal"]);
    case "heUniform": return varianceScalingLaw(shape, o, [2, "fan_in", "uniform"]);
    case "heNormal": return varianceScalingLaw(shape, o, [2, "fan_in", "truncated_normal"]);
    case "lecunUniform": return varianceScalingLaw(shape, o, [1, "fan_in", "uniform"]);
    case "lecunNormal": return varianceScalingLaw(shape, o, [1, "fan_in", "truncated_normal"]);
    case "orthogonal": {
      // Entries of a Haar-random orthonormal frame in dimension d = max(rows, cols) are close to
      // N(0, 1/d) for d in the tens or more.
      const rows = shape[0], cols = n / rows, gain = (o.gain as number) ?? 1;
      return { ...normalLaw(0, gain / Math.sqrt(Math.max(rows, cols))), approximate: true };
    }
    case "deltaOrthogonal": {
      // Zeros but at the kernel's centre, where an in x out matrix with orthonormal rows sits:
      // its entries are close to N(0, scale^2 / out).
      const io = outIn(shape, o.layout ?? "keras");
      return io && { ...zeroOrNormal(1 - (io[0] * io[1]) / n, ((o.scale as number) ?? 1) / Math.sqrt(io[0])), approximate: true };
    }
    case "sparse": {
      const rows = shape[0], std = (o.std as number) ?? 0.01;
      return zeroOrNormal(Math.ceil((o.sparsity as number) * rows) / rows, std);
    }
    default: return null;
  }
}
