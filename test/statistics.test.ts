// Distribution tests with fixed seeds. Tolerances: moments within 5 standard errors of their
// exact values; KS and chi-square at significance 0.001. With fixed seeds each test is
// deterministic; the thresholds say how unlikely a pass of a wrong distribution would be.

import { describe, expect, it } from "vitest";
import { Generator, uniform, normal, truncNormal } from "../src/index.js";
import { cdf } from "../src/random/normal-cdf.js";
import { moments, ksStatistic, ksCritical, chiSquareUniform, chiSquareCritical } from "./stats.js";

const N = 1 << 20;

/** Exact moments of N(0,1) truncated to [alpha, beta]. */
function truncatedMoments(alpha: number, beta: number) {
  const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const z = cdf(beta) - cdf(alpha);
  const mean = (phi(alpha) - phi(beta)) / z;
  const variance = 1 + (alpha * phi(alpha) - beta * phi(beta)) / z - mean * mean;
  return { mean, variance };
}

describe("uniform", () => {
  const x = uniform(N, { a: -1, b: 3, generator: new Generator(1) });

  it("has the moments of U(-1, 3)", () => {
    const m = moments(x);
    const variance = 16 / 12;
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 * Math.sqrt(variance / N));
    // SE of the sample variance is sqrt((mu4 - sigma^4) / n), mu4 = width^4 / 80 for a uniform
    expect(Math.abs(m.variance - variance)).toBeLessThan(5 * Math.sqrt((4 ** 4 / 80 - variance ** 2) / N));
    expect(Math.abs(m.skewness)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(m.kurtosis + 1.2)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it("passes KS against the exact CDF", () => {
    expect(ksStatistic(x, (v) => Math.min(1, Math.max(0, (v + 1) / 4)))).toBeLessThan(ksCritical(N));
  });

  it("passes chi-square on 1024 equal bins", () => {
    const counts = new Float64Array(1024);
    for (const v of x) counts[Math.min(1023, Math.floor((v + 1) / 4 * 1024))]++;
    expect(chiSquareUniform(counts)).toBeLessThan(chiSquareCritical(1023));
  });

  it("stays inside [a, b] and reaches both ends closely", () => {
    let lo = Infinity, hi = -Infinity;
    for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(3);
    expect(lo).toBeLessThan(-1 + 4 * 20 / N);
    expect(hi).toBeGreaterThan(3 - 4 * 20 / N);
  });
});

describe("normal", () => {
  const x = normal(N, { mean: 2, std: 3, generator: new Generator(2) });

  it("has the moments of N(2, 9)", () => {
    const m = moments(x);
    expect(Math.abs(m.mean - 2)).toBeLessThan(5 * 3 / Math.sqrt(N));
    expect(Math.abs(m.variance - 9)).toBeLessThan(5 * 9 * Math.sqrt(2 / N));
    expect(Math.abs(m.skewness)).toBeLessThan(5 * Math.sqrt(6 / N));
    expect(Math.abs(m.kurtosis)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it("passes KS against the exact CDF", () => {
    expect(ksStatistic(x, (v) => cdf((v - 2) / 3))).toBeLessThan(ksCritical(N));
  });

  it("passes chi-square on 64 equiprobable bins, which weighs the tails like the centre", () => {
    const counts = new Float64Array(64);
    for (const v of x) counts[Math.min(63, Math.floor(cdf((v - 2) / 3) * 64))]++;
    expect(chiSquareUniform(counts)).toBeLessThan(chiSquareCritical(63));
  });

  it("pairs z0 and z1 of one Box-Muller draw without correlation", () => {
    // positions q and q + 4 of every 8-word step share one (u1, u2)
    let sxy = 0, count = 0;
    for (let s = 0; s + 8 <= N; s += 8) for (let q = 0; q < 4; q++) { sxy += (x[s + q] - 2) * (x[s + q + 4] - 2); count++; }
    expect(Math.abs(sxy / count / 9)).toBeLessThan(5 / Math.sqrt(count));
  });
});

describe("truncated normal", () => {
  const cases = [
    { name: "two-sided [-2, 2]", mean: 0, std: 1, a: -2, b: 2 },
    { name: "one-sided upper tail [3, 5]", mean: 0, std: 1, a: 3, b: 5 },
    { name: "lower tail [-6, -4] off a shifted mean", mean: 1, std: 0.5, a: -2, b: -1 },
    { name: "very narrow [0, 0.01]", mean: 0, std: 1, a: 0, b: 0.01 },
    { name: "asymmetric [-1, 6]", mean: 0, std: 1, a: -1, b: 6 },
    { name: "Keras-style +-2 std at std 0.02", mean: 0, std: 0.02, a: -0.04, b: 0.04 },
  ];

  describe.each(cases)("$name", ({ mean, std, a, b }) => {
    const x = truncNormal(N, { mean, std, a, b, generator: new Generator(3) });
    const alpha = (a - mean) / std, beta = (b - mean) / std;
    const exact = truncatedMoments(alpha, beta);
    const standard = Float64Array.from(x, (v) => (v - mean) / std);

    it("has the exact mean and variance", () => {
      const m = moments(standard);
      expect(Math.abs(m.mean - exact.mean)).toBeLessThan(5 * Math.sqrt(exact.variance / N));
      // truncation lowers the kurtosis, so sqrt(2 / n) bounds the relative SE of the variance
      expect(Math.abs(m.variance / exact.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    });

    it("passes KS against the exact truncated CDF", () => {
      const lo = cdf(alpha), z = cdf(beta) - cdf(alpha);
      const trunc = (v: number) => Math.min(1, Math.max(0, (cdf(v) - lo) / z));
      expect(ksStatistic(standard, trunc)).toBeLessThan(ksCritical(N));
    });

    it("never leaves [a, b] and piles no mass on a bound", () => {
      let outside = 0, onBound = 0;
      const af = Math.fround(a), bf = Math.fround(b);
      for (const v of x) {
        if (v < af || v > bf) outside++;
        if (v === af || v === bf) onBound++;
      }
      expect(outside).toBe(0);
      expect(onBound).toBeLessThanOrEqual(8); // float32 rounding can land on a bound, rarely
    });
  });
});
