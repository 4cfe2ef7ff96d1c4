// Summary statistics of timing samples (seconds per call). benchmark.js computes mean and rme
// for its own runs; the same formulas here serve numpy's samples and the medians of both.

// Two-sided 95% Student t critical values by degrees of freedom (the table benchmark.js uses).
const T95 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
  2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052,
  2.048, 2.045, 2.042];

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** samples (count), mean, relative margin of error (95%, percent), median, min, max of the samples. */
export function summarize(samples) {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  const t = T95[n - 1] ?? 1.96;
  const rme = n > 1 ? (t * Math.sqrt(variance / n) / mean) * 100 : NaN;
  return { samples: n, mean, rme, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}
