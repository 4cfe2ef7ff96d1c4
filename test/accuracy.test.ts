// Accuracy of the float32 math against float64 computed from the same tape words.

import { describe, expect, it } from "vitest";
import { Generator } from "../src/random/generator.js";
import { sampleBits, sampleNormal, sampleTruncNormal } from "../src/random/sample.js";
import { cdf, sf, cdfCentered, intervalMass } from "../src/random/normal-cdf.js";
import { unit, logTail } from "./reference/mathf.js";
import { BUILDS, kernelsOf } from "./helpers.js";

const N = 1 << 20;

describe("Box-Muller", () => {
  it.each(BUILDS)("%s: |z - float64 Box-Muller on the same words| <= 1e-6 over 1M samples", (build) => {
    const k = kernelsOf(build);
    const gen = new Generator(11);
    const words = new Uint32Array(N);
    sampleBits(gen, words, 0, N, 0, k);
    const z = new Float32Array(N);
    sampleNormal(gen, { target: z, offset: 0, count: N, position: 0 }, 0, 1, k);
    let worst = 0;
    for (let s = 0; s < N; s += 8) {
      for (let q = 0; q < 4; q++) {
        const u1 = unit(words[s + q]), u2 = unit(words[s + q + 4]);
        const r = Math.sqrt(-2 * Math.log(u1));
        worst = Math.max(worst, Math.abs(z[s + q] - r * Math.cos(2 * Math.PI * u2)), Math.abs(z[s + q + 4] - r * Math.sin(2 * Math.PI * u2)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});

describe("the tail branch's log (logTail, the kernels' bits by the parity suite)", () => {
  it("is within 1.3e-7 relative of log(m) over the tail's m in [2^-100, 0.0107], log-uniform and uniform", () => {
    // |c| > CENTRAL_SPLIT means m < 1/2 - 0.48927 < 0.0107: the only range the tail uses.
    let worst = 0, seed = 12345;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 400_000; i++) {
      const t = next();
      const logUniform = Math.fround(Math.exp(Math.log(2 ** -100) * (1 - t) + Math.log(0.0107) * t));
      const uniform = Math.fround(2.9e-7 + (0.0107 - 2.9e-7) * next());
      for (const m of [logUniform, uniform]) worst = Math.max(worst, Math.abs(logTail(m) / Math.log(m) - 1));
    }
    expect(worst).toBeGreaterThan(1e-8); // a polynomial, not the correctly rounded log
    expect(worst).toBeLessThanOrEqual(1.3e-7);
  });
});

describe("normal CDF (float64, used for truncation parameters)", () => {
  it("matches reference values to 1e-14 relative in both tails", () => {
    // values of Phi from high-precision tables (e.g. mpmath ncdf)
    const table: [number, number][] = [
      [-8, 6.22096057427178e-16], [-5, 2.866515718791939e-7], [-3, 0.0013498980316300946],
      [-1, 0.15865525393145707], [-0.5, 0.3085375387259869], [0.25, 0.5987063256829237], [2, 0.9772498680518208],
    ];
    for (const [x, p] of table) expect(Math.abs(cdf(x) / p - 1), `Phi(${x})`).toBeLessThan(1e-14);
    expect(Math.abs(sf(8) / 6.22096057427178e-16 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(cdfCentered(1e-3) / 0.0003989422139110626 - 1)).toBeLessThan(1e-14); // erf(x / sqrt 2) / 2
  });
});

describe("truncated normal inverse CDF", () => {
  /** Phi^-1 in float64 by bisection then Newton on our CDF, from the lower or upper side. */
  function quantile(p: number, upper: boolean): number {
    // solve Phi(x) = p (or 1 - Phi(x) = p when upper)
    let lo = -40, hi = 40;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      const below = upper ? sf(mid) > p : cdf(mid) < p;
      if (below) lo = mid; else hi = mid;
    }
    return (lo + hi) / 2;
  }

  it.each([[-2, 2], [3, 5], [0, 0.01], [-9, -7], [-3, 3], [2.2, 2.4], [-100, 100]])("on [%d, %d] every sample is within 4e-7 relative (+1e-7) of the exact float64 quantile", (alpha, beta) => {
    const k = kernelsOf(BUILDS[0]);
    const n = 4096;
    const gen = new Generator(5);
    const words = new Uint32Array(n);
    sampleBits(gen, words, 0, n, 0, k);
    const x = new Float32Array(n);
    sampleTruncNormal(gen, { target: x, offset: 0, count: n, position: 0 }, 0, 1, alpha, beta, k);
    const m = intervalMass(alpha, beta);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const u = unit(words[i]);
      const p = m.pLo + u * m.w;
      const exact = p < 0.5 ? quantile(p, false) : quantile(m.qHi + (1 - u) * m.w, true);
      worst = Math.max(worst, Math.abs(x[i] - exact) / (Math.abs(exact) + 0.25));
    }
    expect(worst).toBeLessThan(4e-7 + 1e-7);
  });
});
