// Does a tensor's summary match its law? The per-layer check of the old demo, for any dtype:
// mean and std within 6 standard errors (fixed seeds make this a regression check, not a
// coin flip: a wrong spread or a wrong fan fails by far more), uniform values inside the bounds
// as rounded to the dtype, constants exact.

import { roundTo, type Dtype } from "../dtype.js";
import type { Law } from "../initializers/law.js";
import type { TensorStats } from "../io/read.js";

/** What {@link checkLaw} concluded: the expected law in words and whether the statistics match it. */
export interface LawCheck {
  /** The law, for people: "N(0, 0.02^2)", "U(-0.0442, 0.0442)", "= 1". */
  expected: string;
  ok: boolean;
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();

/**
 * A law as people read it: "N(0, 0.02^2)", "U(-0.0442, 0.0442)", "= 1".
 *
 * @example
 * ```ts
 * import { describeLaw } from "nninit/checkpoint";
 * console.log(describeLaw({ kind: "normal", mean: 0, std: 0.02 }));      // "N(0, 0.02^2)"
 * console.log(describeLaw({ kind: "uniform", low: -0.5, high: 0.5 }));   // "U(-0.5, 0.5)"
 * ```
 */
export function describeLaw(law: Law): string {
  switch (law.kind) {
    case "normal": return `N(${fmt(law.mean)}, ${fmt(law.std)}^2)`;
    case "uniform": return `U(${fmt(law.low)}, ${fmt(law.high)})`;
    case "truncated": return `N(${fmt(law.mean)}, ${fmt(law.std)}^2) on [${fmt(law.low)}, ${fmt(law.high)}]`;
    case "points": return law.points.length === 1 ? `= ${fmt(law.points[0].value)}` : law.points.map((p) => `${fmt(p.value)} w.p. ${fmt(p.mass)}`).join(", ");
    case "zero-or-normal": return `0 w.p. ${fmt(law.zeros)}, else N(0, ${fmt(law.std)}^2)`;
  }
}

/**
 * Whether summary `s` of a tensor in `dtype` matches `law`. Recipes use three kinds: a normal, a
 * uniform and a constant (one point); other laws are a TypeError.
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * import { bytesSource, checkLaw, readSafetensorsHeader, safetensorsBlob, tensorStats } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [256, 64], dtype: "float32", fill: (out, s, e) => { normal([256, 64], { std: 0.02, range: [s, e], out: out as Float32Array }); } }]);
 * const source = bytesSource(new Uint8Array(await blob.arrayBuffer()));
 * const header = await readSafetensorsHeader(source);
 * const stats = await tensorStats(source, header, header.entries[0]);
 * console.log(checkLaw({ kind: "normal", mean: 0, std: 0.02 }, stats, "float32")); // { expected: "N(0, 0.02^2)", ok: true }
 * ```
 */
export function checkLaw(law: Law, s: TensorStats, dtype: Dtype): LawCheck {
  const expected = describeLaw(law);
  const n = s.count;
  if (n === 0) return { expected, ok: true };
  if (law.kind === "points" && law.points.length === 1) {
    const v = roundTo(dtype, law.points[0].value);
    return { expected, ok: s.min === v && s.max === v };
  }
  if (law.kind !== "normal" && law.kind !== "uniform") throw new TypeError(`checkLaw: no check for the law ${expected}`);
  const mean = law.kind === "normal" ? law.mean : (law.low + law.high) / 2;
  const sigma = law.kind === "normal" ? law.std : (law.high - law.low) / Math.sqrt(12);
  if (sigma === 0) return { expected, ok: s.min === roundTo(dtype, mean) && s.max === s.min };
  // SE of the mean sigma / sqrt(n); of the sample std sigma / sqrt(2n) for a normal (smaller for a
  // uniform); the dtype's rounding adds a relative error below 2^-8 (bfloat16) to each value.
  const rounding = dtype === "bfloat16" ? 2 ** -8 : dtype === "float16" ? 2 ** -11 : 2 ** -24;
  const meanOk = Math.abs(s.mean - mean) <= 6 * sigma / Math.sqrt(n) + rounding * (Math.abs(mean) + sigma);
  const stdOk = Math.abs(s.std / sigma - 1) <= 6 / Math.sqrt(2 * n) + rounding;
  const boundsOk = law.kind !== "uniform" || (s.min >= roundTo(dtype, law.low) && s.max <= roundTo(dtype, law.high));
  return { expected, ok: meanOk && stdOk && boundsOk };
}
