// A histogram of the values on a canvas, with the law's density over it. The y axis is the
// fraction of values per bin, so point masses (zeros of a sparse matrix, the ones of an
// identity) and densities share one scale: a density f shows as f(x) * binWidth.

import type { Law } from "./laws.js";

const BINS = 80;
const COLORS = { bar: "#8fb8de", barEdge: "#5a8fc2", curve: "#e4572e", axis: "#444", grid: "#e6e6e6", text: "#222" };

export interface Summary {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Values outside the plotted range. */
  outside: number;
}

/** Mean, std (population), min, max in float64, one pass (Welford). */
export function summarize(x: Float32Array): Summary {
  let mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i], d = v - mean;
    mean += d / (i + 1);
    m2 += d * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { n: x.length, mean, std: Math.sqrt(m2 / Math.max(1, x.length)), min, max, outside: 0 };
}

/** Round tick positions covering [lo, hi]. */
function ticks(lo: number, hi: number, count = 6): number[] {
  const raw = (hi - lo) / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

const label = (t: number) => (Math.abs(t) >= 1e4 || (Math.abs(t) < 1e-3 && t !== 0) ? t.toExponential(1) : String(+t.toPrecision(4)));

/** The plotted x range: the law's support (padded), else the sample's. */
function rangeOf(s: Summary, law: Law | null): [number, number] {
  let [lo, hi] = law ? law.support : [s.min, s.max];
  if (law) { lo = Math.min(lo, law.bounded ? s.min : lo); hi = Math.max(hi, law.bounded ? s.max : hi); }
  if (!(hi > lo)) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/** Draws the histogram of `x` (with its summary `s`) and the law `law` into `canvas`. */
export function drawHistogram(canvas: HTMLCanvasElement, x: Float32Array, s: Summary, law: Law | null): void {
  const dpr = window.devicePixelRatio || 1, W = canvas.clientWidth, H = canvas.clientHeight;
  canvas.width = Math.round(W * dpr);
  canvas.height = Math.round(H * dpr);
  const g = canvas.getContext("2d")!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, W, H);
  const m = { left: 52, right: 16, top: 30, bottom: 34 }, pw = W - m.left - m.right, ph = H - m.top - m.bottom;

  const [lo, hi] = rangeOf(s, law), width = (hi - lo) / BINS;
  const counts = new Float64Array(BINS);
  let outside = 0;
  for (let i = 0; i < x.length; i++) {
    const b = Math.floor((x[i] - lo) / width);
    if (b >= 0 && b < BINS) counts[b]++;
    else outside++;
  }
  s.outside = outside;
  const frac = Array.from(counts, (c) => c / Math.max(1, x.length));

  // The curve: the density times the bin width, on a fine grid.
  const curve: [number, number][] = [];
  if (law?.density) for (let k = 0; k <= 400; k++) { const v = lo + ((hi - lo) * k) / 400; curve.push([v, law.density(v) * width]); }
  // The y scale follows the continuous part; a point mass much taller is cut, with its label.
  const atomBins = new Set(law?.atoms.map((a) => Math.floor((a.value - lo) / width)) ?? []);
  const smooth = Math.max(0, ...curve.map(([, y]) => y), ...frac.filter((_, b) => !atomBins.has(b) || !law?.density));
  const tallest = Math.max(smooth, ...frac, ...(law?.atoms.map((a) => a.mass) ?? []));
  const top = (law?.density && tallest > 3 * smooth ? smooth * 1.35 : tallest * 1.1) || 1;
  const X = (v: number) => m.left + ((v - lo) / (hi - lo)) * pw, Y = (f: number) => m.top + ph - (Math.min(f, top) / top) * ph;

  g.font = "12px system-ui, sans-serif";
  g.lineWidth = 1;
  for (const t of ticks(0, top, 4)) {
    g.strokeStyle = COLORS.grid; g.beginPath(); g.moveTo(m.left, Y(t)); g.lineTo(m.left + pw, Y(t)); g.stroke();
    g.fillStyle = COLORS.text; g.textAlign = "right"; g.fillText(label(t), m.left - 6, Y(t) + 4);
  }
  // Bars.
  for (let b = 0; b < BINS; b++) {
    if (frac[b] === 0) continue;
    // whole pixels: crisp bars with a 1 px gap
    const x0 = Math.round(X(lo + b * width)), x1 = Math.round(X(lo + (b + 1) * width)), y = Math.round(Y(frac[b]));
    g.fillStyle = COLORS.bar; g.fillRect(x0, y, Math.max(1, x1 - x0 - 1), Math.round(Y(0)) - y);
    if (frac[b] > top) { g.fillStyle = COLORS.text; g.textAlign = "left"; g.fillText(`${(100 * frac[b]).toPrecision(3)}% (cut)`, x1 + 6, m.top + 14); }
  }
  // The law: density curve, point masses as stems with a dot.
  g.strokeStyle = COLORS.curve; g.fillStyle = COLORS.curve; g.lineWidth = 2;
  if (curve.length) {
    g.beginPath();
    curve.forEach(([v, y], k) => {
      if (k) g.lineTo(X(v), Y(y));
      else g.moveTo(X(v), Y(y));
    });
    g.stroke();
  }
  for (const a of law?.atoms ?? []) {
    g.beginPath(); g.moveTo(X(a.value), Y(0)); g.lineTo(X(a.value), Y(a.mass)); g.stroke();
    g.beginPath(); g.arc(X(a.value), Y(a.mass), 4, 0, 2 * Math.PI); g.fill();
  }
  // Axes and x ticks.
  g.lineWidth = 1; g.strokeStyle = COLORS.axis; g.fillStyle = COLORS.text;
  g.beginPath(); g.moveTo(m.left, m.top); g.lineTo(m.left, Y(0)); g.lineTo(m.left + pw, Y(0)); g.stroke();
  g.textAlign = "center";
  for (const t of ticks(lo, hi)) { g.beginPath(); g.moveTo(X(t), Y(0)); g.lineTo(X(t), Y(0) + 4); g.stroke(); g.fillText(label(t), X(t), Y(0) + 17); }
  g.save(); g.translate(12, m.top + ph / 2); g.rotate(-Math.PI / 2); g.fillText("fraction per bin", 0, 0); g.restore();
  // Legend.
  g.textAlign = "left";
  g.fillStyle = COLORS.bar; g.fillRect(m.left + 8, 8, 14, 10);
  g.fillStyle = COLORS.text; g.fillText(`values (${x.length.toLocaleString("en-US")}, ${BINS} bins)`, m.left + 28, 17);
  if (law) {
    const at = m.left + 28 + g.measureText(`values (${x.length.toLocaleString("en-US")}, ${BINS} bins)`).width + 22;
    g.strokeStyle = COLORS.curve; g.lineWidth = 2; g.beginPath(); g.moveTo(at, 13); g.lineTo(at + 16, 13); g.stroke();
    g.fillText(`${law.approximate ? "≈ " : ""}${law.label}`, at + 22, 17);
  }
}
