// The probe's report as a terminal table: one row per layer, its histogram as a sparkline.

import type { ProbeReport } from "./probe.js";
import type { Histogram } from "./stats.js";

const BARS = "▁▂▃▄▅▆▇█";

/**
 * A histogram squeezed into `width` characters, each bar's height relative to the tallest.
 *
 * @example
 * ```ts
 * import { probe, sparkline } from "nninit/probe";
 * const { perLayer } = probe({ layers: 2, width: 64, activation: "tanh" });
 * console.log(sparkline(perLayer[1].histogram, 12)); // the histogram as 12 bars
 * ```
 */
export function sparkline(h: Histogram, width = 16): string {
  const n = h.counts.length;
  const cells = Math.min(width, n);
  const sums = new Array<number>(cells).fill(0);
  for (let i = 0; i < n; i++) sums[Math.floor((i * cells) / n)]! += h.counts[i]!;
  const top = Math.max(...sums);
  return sums.map((s) => (s === 0 ? " " : BARS[Math.min(7, Math.floor((s / top) * 8 - 1e-9))])).join("");
}

const num = (x: number): string => (Number.isNaN(x) ? "NaN" : x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(3) : x.toExponential(2));
const pct = (x: number | null): string => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);

/**
 * The report as aligned text lines (a header line, then one line per layer).
 *
 * @example
 * ```ts
 * import { formatProbeTable, probe } from "nninit/probe";
 * console.log(formatProbeTable(probe({ layers: 4, width: 64, activation: "tanh", init: "xavierNormal" })));
 * ```
 */
export function formatProbeTable(report: ProbeReport): string {
  const head = ["layer", "mean", "std", "zeros", "sat.", "grad W std", "grad x std", "units", "histogram [min, max]"];
  const rows = report.perLayer.map((l) => [
    String(l.layer), num(l.mean), num(l.std), pct(l.zeros), pct(l.saturated), num(l.gradWeightStd),
    num(l.gradInputStd), String(l.distinctUnits),
    `${sparkline(l.histogram)} [${num(l.histogram.lo)}, ${num(l.histogram.hi)}]`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]): string =>
    cells.map((s, i) => (i === cells.length - 1 ? s : s.padStart(widths[i]!))).join("  ");
  const title = `${report.init} · ${report.activation} · ${report.layers} x ${report.width} · batch ${report.batch} · seed ${report.seed}` +
    ` · units counted after ${report.steps} step${report.steps === 1 ? "" : "s"}`;
  return [title, line(head), ...rows.map(line)].join("\n");
}
