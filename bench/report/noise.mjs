// How noisy the run was, from the spread benchmark.js reported (rme: the 95% margin of error
// of the mean, in percent) and the machine's load average before and after.

import { median } from "../stats.mjs";

export function noise(rows, load) {
  const spread = rows.filter((r) => Number.isFinite(r.rme)).sort((a, b) => a.rme - b.rme);
  if (!spread.length) return { sentence: "No row had enough samples to measure spread.", load };
  const rmes = spread.map((r) => r.rme);
  const p90 = rmes[Math.min(rmes.length - 1, Math.floor(rmes.length * 0.9))];
  const worst = spread[spread.length - 1];
  const mad = median(rows.filter((r) => Number.isFinite(r.median) && r.samples > 1).map((r) => Math.abs(r.mean - r.median) / r.median * 100));
  const sentence =
    `Noise: across ${rmes.length} measured rows the spread (95% margin of error of the mean) was ±${median(rmes).toFixed(1)}% ` +
    `at the median and ±${p90.toFixed(1)}% at the 90th percentile, worst ±${worst.rme.toFixed(1)}% (${worst.workload} ${worst.size}, ${worst.label}); ` +
    `mean and median differed by ${mad.toFixed(1)}% typically. Load average ${load.start[0]} before and ${load.end[0]} after, ` +
    `on ${load.cores} shared cores: read ratios within ±${Math.max(10, Math.round(median(rmes)))}% as ties.`;
  return { medianRme: median(rmes), p90Rme: p90, worst: { rme: worst.rme, workload: worst.workload, size: worst.size, label: worst.label }, load, sentence };
}
