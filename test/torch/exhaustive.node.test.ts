// Why the SIMD normal_ kernel may skip the double-rounding test inside log256 and sincos256
// (assembly/torch/simd.ts): it emulates each fused step as round32(round64(a * b + c)), which
// differs from the correctly rounded fma only when the float64 sum is inexact and lands exactly
// on a float32 midpoint. Box-Muller feeds log256 only u1 = 1 - k 2^-24 and sincos256 only
// theta = float(2 pi) * k 2^-24 (k < 2^24), so every input can be tried: none of the 2 x 2^24
// evaluations hits such a case in any fused step (and the results equal the exact fma's).

import { describe, expect, it } from "vitest";
import { log256, sincos256, fmaf, TWO_PI_F } from "../reference/torch.js";

const f64 = new Float64Array(1);
const lo = new Uint32Array(f64.buffer);

/** round32(a * b + c) through float64, counting the sums that sit on an inexact float32 midpoint. */
function counting(): { fma: (a: number, b: number, c: number) => number; hits: () => number } {
  let hits = 0;
  return {
    fma(a, b, c) {
      const p = a * b, s = p + c;
      f64[0] = s;
      if ((lo[0] & 0x1fffffff) === 0x10000000) {
        const bb = s - p;
        if ((p - (s - bb)) + (c - bb) !== 0) hits++;
      }
      return Math.fround(s);
    },
    hits: () => hits,
  };
}

describe("exhaustive: the fused steps of log256 and sincos256 over every Box-Muller input", () => {
  it("log256(1 - k 2^-24), k < 2^24: no inexact midpoint, same results as the exact fma", { timeout: 600_000 }, () => {
    const c = counting();
    let differ = 0;
    for (let k = 0; k < 2 ** 24; k++) {
      const u1 = Math.fround(1 - k * 2 ** -24);
      const v = log256(u1, c.fma);
      if (k % 4096 === 0 && !Object.is(v, log256(u1, fmaf))) differ++;
    }
    expect(c.hits()).toBe(0);
    expect(differ).toBe(0);
  });

  it("sincos256(float(2 pi) k 2^-24), k < 2^24: no inexact midpoint, same results as the exact fma", { timeout: 600_000 }, () => {
    const c = counting();
    let differ = 0;
    for (let k = 0; k < 2 ** 24; k++) {
      const theta = Math.fround(TWO_PI_F * (k * 2 ** -24));
      const [s, co] = sincos256(theta, c.fma);
      if (k % 4096 === 0) {
        const [s2, c2] = sincos256(theta, fmaf);
        if (!Object.is(s, s2) || !Object.is(co, c2)) differ++;
      }
    }
    expect(c.hits()).toBe(0);
    expect(differ).toBe(0);
  });

  it("the counter does catch a double rounding (the test can fail)", () => {
    const c = counting();
    // (1 - 2^-24)(1 + 2^-24) + 2^24 + 2: float64 gives the midpoint 2^24 + 3, the truth is below it.
    expect(c.fma(1 - 2 ** -24, 1 + 2 ** -24, 2 ** 24 + 2)).toBe(2 ** 24 + 4);
    expect(c.hits()).toBe(1);
    expect(fmaf(1 - 2 ** -24, 1 + 2 ** -24, 2 ** 24 + 2)).toBe(2 ** 24 + 2);
  });
});
