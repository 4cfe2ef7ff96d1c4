// Why the SIMD normal_ kernel may skip the double-rounding test inside log256 and sincos256
// (assembly/torch/simd.ts): it emulates each fused step as round32(round64(a * b + c)), which
// differs from the correctly rounded fma only when the float64 sum is inexact and lands exactly
// on a float32 midpoint. Box-Muller feeds log256 only u1 = 1 - k 2^-24 and sincos256 only
// theta = float(2 pi) * k 2^-24 (k < 2^24), so every input can be tried: none of the 2 x 2^24
// evaluations hits such a case in any fused step (and the results equal the exact fma's).
// The same sweep proves the binades that assembly/torch/normal-simd.ts's magic-constant steps
// assume: those fused results lie in one binade [2^e, 2^(e+1)) for every input.

import { describe, expect, it } from "vitest";
import { log256, sincos256, fmaf, TWO_PI_F } from "../reference/torch.js";

const f64 = new Float64Array(1);
const lo = new Uint32Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** floor(log2 |x|) of a nonzero float32, from its bits (-999 for zero). */
function binade(x: number): number {
  f32[0] = x;
  const e = (u32[0] >>> 23) & 0xff;
  return e === 0 ? -999 : e - 127;
}

/**
 * round32(a * b + c) through float64, counting the sums that sit on an inexact float32 midpoint,
 * and recording the binades of the i-th fused step of an evaluation (call start() before each).
 */
function counting() {
  let hits = 0, step = 0;
  const lowest: number[] = [], highest: number[] = [];
  return {
    fma(a: number, b: number, c: number): number {
      const p = a * b, s = p + c;
      f64[0] = s;
      if ((lo[0] & 0x1fffffff) === 0x10000000) {
        const bb = s - p;
        if ((p - (s - bb)) + (c - bb) !== 0) hits++;
      }
      const r = Math.fround(s), e = binade(r);
      lowest[step] = Math.min(lowest[step] ?? e, e);
      highest[step] = Math.max(highest[step] ?? e, e);
      step++;
      return r;
    },
    start: () => { step = 0; },
    hits: () => hits,
    /** [lowest, highest] binade of fused step i over all evaluations. */
    binades: (i: number) => [lowest[i], highest[i]],
  };
}

describe("exhaustive: the fused steps of log256 and sincos256 over every Box-Muller input", () => {
  it("log256(1 - k 2^-24), k < 2^24: no inexact midpoint, same results as the exact fma", { timeout: 600_000 }, () => {
    const c = counting();
    let differ = 0;
    for (let k = 0; k < 2 ** 24; k++) {
      const u1 = Math.fround(1 - k * 2 ** -24);
      c.start();
      const v = log256(u1, c.fma);
      if (k % 4096 === 0 && !Object.is(v, log256(u1, fmaf))) differ++;
    }
    expect(c.hits()).toBe(0);
    expect(differ).toBe(0);
    // steps 0..7 are the Horner steps; the SIMD kernel rounds the last with a magic constant
    expect(c.binades(7)).toEqual([-2, -2]);
    expect(c.binades(0)).toEqual([-4, -3]); // a step that does cross binades (the check can fail)
  });

  it("sincos256(float(2 pi) k 2^-24), k < 2^24: no inexact midpoint, same results as the exact fma", { timeout: 600_000 }, () => {
    const c = counting();
    let differ = 0;
    for (let k = 0; k < 2 ** 24; k++) {
      const theta = Math.fround(TWO_PI_F * (k * 2 ** -24));
      c.start();
      const [s, co] = sincos256(theta, c.fma);
      if (k % 4096 === 0) {
        const [s2, c2] = sincos256(theta, fmaf);
        if (!Object.is(s, s2) || !Object.is(co, c2)) differ++;
      }
    }
    expect(c.hits()).toBe(0);
    expect(differ).toBe(0);
    // steps: 0..2 the range reduction, 3..5 cos (fma(C0, z, C1), fma(., z, C2), the - z/2 one),
    // 6..8 sin (fma(S0, z, S1), fma(., z, S2), ys x + x); the kernel's magic-constant steps:
    expect(c.binades(3)).toEqual([-10, -10]);
    expect(c.binades(4)).toEqual([-5, -5]);
    expect(c.binades(6)).toEqual([-7, -7]);
    expect(c.binades(7)).toEqual([-3, -3]);
  });

  it("the counter does catch a double rounding (the test can fail)", () => {
    const c = counting();
    // (1 - 2^-24)(1 + 2^-24) + 2^24 + 2: float64 gives the midpoint 2^24 + 3, the truth is below it.
    expect(c.fma(1 - 2 ** -24, 1 + 2 ** -24, 2 ** 24 + 2)).toBe(2 ** 24 + 4);
    expect(c.hits()).toBe(1);
    expect(fmaf(1 - 2 ** -24, 1 + 2 ** -24, 2 ** 24 + 2)).toBe(2 ** 24 + 2);
  });
});
