// The chart (bench/results/latest.svg): throughput per workload at its largest size, one
// horizontal bar per library, on a log scale. Plain SVG text, no chart library.

import { formatRate, formatRatio } from "../format.mjs";

const COLORS = {
  "nninit-simd": "#d62728", "nninit-scalar": "#ff9896", tfjs: "#ff7f0e", stdlib: "#2ca02c", "pure-rand": "#9467bd",
  "math-random": "#8c564b", numpy: "#1f77b4", "numpy-qr": "#aec7e8", fill: "#7f7f7f", set: "#c7c7c7",
  "nninit-pool-1": "#f7b6d2", "nninit-pool-2": "#e377c2", // pools of more threads: see poolColor
};
/** Pool rows in pinks, darker with more threads. */
const poolColor = (id) => (/^nninit-pool-\d+$/.test(id) ? "#a02c7d" : undefined);

/** Decade tick labels: "1 K/s", "10 M/s", "1 G/s". */
const tick = (e) => `${10 ** (e % 3)} ${["", "K", "M", "G", "T"][Math.floor(e / 3)]}/s`;

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The sizes charted per workload: the largest one, and for orthogonal the two largest sides. */
function chartedGroups(rows) {
  const groups = [];
  for (const w of new Set(rows.map((r) => r.workload))) {
    const ofW = rows.filter((r) => r.workload === w);
    const sizes = [...new Set(ofW.map((r) => r.n))].sort((a, b) => b - a).slice(0, w === "orthogonal" ? 2 : 1).reverse();
    for (const n of sizes) {
      const members = ofW.filter((r) => r.n === n);
      groups.push({ title: `${members[0].title} — ${members[0].size}`, rows: members });
    }
  }
  return groups;
}

export function svg(report) {
  const groups = chartedGroups(report.rows);
  const rates = report.rows.filter((r) => Number.isFinite(r.rate)).map((r) => r.rate);
  const lo = Math.floor(Math.log10(Math.min(...rates)));
  const hi = Math.ceil(Math.log10(Math.max(...rates)));
  const W = 980, left = 260, right = 150, barH = 13, gap = 3, head = 22, top = 58;
  const plotW = W - left - right;
  const x = (rate) => left + ((Math.log10(rate) - lo) / (hi - lo)) * plotW;

  const parts = [];
  let y = top;
  for (const g of groups) {
    parts.push(`<text x="8" y="${y + 15}" class="group">${esc(g.title)}</text>`);
    y += head;
    for (const r of g.rows) {
      parts.push(`<text x="${left - 6}" y="${y + barH - 3}" class="label" text-anchor="end">${esc(r.label)}</text>`);
      if (Number.isFinite(r.rate)) {
        const ratio = r.primary ? "" : r.ratio ? ` (nninit ${formatRatio(r.ratio)})` : "";
        parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(r.rate) - left).toFixed(1)}" height="${barH}" fill="${COLORS[r.id] ?? poolColor(r.id) ?? "#333"}"/>`);
        parts.push(`<text x="${(x(r.rate) + 4).toFixed(1)}" y="${y + barH - 3}" class="value">${esc(formatRate(r.rate) + ratio)}${r.problems?.length ? " CHECK FAILED" : ""}</text>`);
      } else {
        parts.push(`<text x="${left + 4}" y="${y + barH - 3}" class="na">${esc((r.note ?? "not measured").replace(/^not available: /, "n/a: "))}</text>`);
      }
      y += barH + gap;
    }
    y += 6;
  }
  const bottom = y + 4;
  const grid = [];
  for (let e = lo; e <= hi; e++) {
    const gx = x(10 ** e).toFixed(1);
    grid.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${bottom}" class="grid"/>`);
    grid.push(`<text x="${gx}" y="${top - 8}" class="axis" text-anchor="middle">${esc(tick(e))}</text>`);
  }
  const m = report.machine;
  const H = bottom + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">
<style>.group{font-size:13px;font-weight:bold}.label{font-size:11px}.value{font-size:10px}.na{font-size:10px;fill:#888;font-style:italic}.axis{font-size:10px;fill:#555}.grid{stroke:#ddd;stroke-width:1}.title{font-size:14px;font-weight:bold}.foot{font-size:10px;fill:#555}</style>
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="20" class="title">nninit vs peers: elements per second (log scale, higher is better)</text>
${grid.join("\n")}
${parts.join("\n")}
<text x="8" y="${H - 8}" class="foot">${esc(`${m.date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores · Node ${m.node} (V8 ${m.v8}) · one thread · median of benchmark.js samples`)}</text>
</svg>
`;
}
