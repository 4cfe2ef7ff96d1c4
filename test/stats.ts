// Statistics for the distribution tests, in float64.

/** float32's machine epsilon, 2^-23: the relative slack of one rounding to float32 (a bound passed to a kernel). */
export const F32_EPSILON = 2 ** -23;

export interface Moments { n: number; mean: number; variance: number; skewness: number; kurtosis: number }

/** Sample mean, variance, skewness and excess kurtosis (two-pass). */
export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean, d2 = d * d;
    m2 += d2; m3 += d2 * d; m4 += d2 * d2;
  }
  m2 /= n; m3 /= n; m4 /= n;
  return { n, mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) - 3 };
}

/** Kolmogorov-Smirnov statistic D of a sample against a continuous CDF. */
export function ksStatistic(x: ArrayLike<number>, cdf: (v: number) => number): number {
  const sorted = Float64Array.from(x as ArrayLike<number>).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** KS critical value at significance 0.001 (asymptotic: sqrt(-ln(alpha/2) / 2) / sqrt(n)). */
export function ksCritical(n: number, alpha = 0.001): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}

/** Pearson chi-square of counts against equal expected counts. */
export function chiSquareUniform(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  const expected = total / counts.length;
  let chi = 0;
  for (let i = 0; i < counts.length; i++) chi += (counts[i] - expected) ** 2 / expected;
  return chi;
}

/** Upper critical value of chi-square with k degrees of freedom at 0.001 (Wilson-Hilferty). */
export function chiSquareCritical(k: number, z = 3.090232306167813): number {
  const h = 2 / (9 * k);
  return k * (1 - h + z * Math.sqrt(h)) ** 3;
}
