// The probe panel's pictures: per-layer activation histograms side by side (one row per
// initializer, one column per layer: Glorot & Bengio 2010's figure), a line per initializer of a
// per-layer quantity on a log axis, and the training loss curves.

import type { ProbeReport, TrainCurve } from "nninit/probe";

export const SERIES_COLORS = ["#e4572e", "#2b5c8f", "#4f9d69", "#9b5de5"];
const AXIS = "#444", GRID = "#e6e6e6", TEXT = "#222";

function setup(canvas: HTMLCanvasElement, cssHeight: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth;
  canvas.style.height = `${cssHeight}px`;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(cssHeight * dpr);
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, cssHeight);
  ctx.font = "11px system-ui, sans-serif";
  return ctx;
}

const short = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toPrecision(2) : x.toExponential(0));

/**
 * One row of small histograms per report, one cell per layer. A row shares one x range (its
 * layers' widest), so a shrinking signal shows as bars squeezed towards 0, as in Glorot & Bengio's
 * figure. Exact zeros (dead ReLUs) are left out of the bars and given as a percentage, so the
 * spike at 0 doesn't flatten everything else.
 */
export function drawHistogramGrid(canvas: HTMLCanvasElement, reports: (ProbeReport | undefined)[], labels: string[]): void {
  const rows = reports.length, cellH = 74, labelW = 150, top = 18;
  const ctx = setup(canvas, top + rows * (cellH + 22));
  const layers = Math.max(1, ...reports.map((r) => r?.layers ?? 0));
  const cellW = (canvas.clientWidth - labelW) / layers;
  ctx.fillStyle = TEXT;
  ctx.textAlign = "center";
  for (let l = 0; l < layers; l++) ctx.fillText(`layer ${l + 1}`, labelW + (l + 0.5) * cellW, 12);
  reports.forEach((r, i) => {
    const y0 = top + i * (cellH + 22);
    ctx.textAlign = "left";
    ctx.fillStyle = SERIES_COLORS[i % 4]!;
    ctx.font = "bold 12px system-ui, sans-serif";
    ctx.fillText(labels[i] ?? "", 4, y0 + cellH / 2 - 6, labelW - 8);
    ctx.font = "11px system-ui, sans-serif";
    if (!r) {
      ctx.fillStyle = "#777";
      ctx.fillText("running…", 4, y0 + cellH / 2 + 10);
      return;
    }
    const lo = Math.min(...r.perLayer.map((l) => l.histogram.lo)), hi = Math.max(...r.perLayer.map((l) => l.histogram.hi));
    ctx.fillStyle = "#777";
    ctx.fillText(`x axis [${short(lo)}, ${short(hi)}]`, 4, y0 + cellH / 2 + 10);
    r.perLayer.forEach((layer, l) => {
      const x0 = labelW + l * cellW + 3, w = cellW - 6;
      ctx.strokeStyle = GRID;
      ctx.strokeRect(x0, y0, w, cellH);
      const h = layer.histogram, n = h.counts.length;
      const counts = [...h.counts];
      const total = counts.reduce((a, b) => a + b, 0);
      const zeroCount = Math.round(layer.zeros * total);
      if (zeroCount > 0) {
        const zb = h.hi > h.lo ? Math.min(n - 1, Math.floor(((0 - h.lo) / (h.hi - h.lo)) * n)) : 0;
        if (zb >= 0 && zb < n) counts[zb] = Math.max(0, counts[zb]! - zeroCount);
      }
      const peak = Math.max(1, ...counts);
      const X = (v: number) => x0 + (hi > lo ? ((v - lo) / (hi - lo)) * w : w / 2);
      const bw = h.hi > h.lo ? (X(h.hi) - X(h.lo)) / n : 1;
      ctx.fillStyle = SERIES_COLORS[i % 4]!;
      counts.forEach((c, b) => {
        if (c === 0) return;
        // whole pixels: crisp bars (and a screenshot a third smaller than with blended edges)
        const bh = Math.max(1, Math.round(((cellH - 16) * c) / peak)), x = Math.round(X(h.lo) + b * bw);
        ctx.fillRect(x, y0 + cellH - bh, Math.max(1, Math.round(X(h.lo) + (b + 1) * bw) - x - (bw > 3 ? 1 : 0)), bh);
      });
      ctx.fillStyle = "#777";
      ctx.textAlign = "right";
      if (layer.zeros > 0) ctx.fillText(layer.zeros === 1 ? "all zero" : `${Math.round(100 * layer.zeros)}% zeros`, x0 + w - 3, y0 + 12);
      ctx.fillStyle = TEXT;
      ctx.textAlign = "center";
      ctx.fillText(`std ${short(layer.std)}`, x0 + w / 2, y0 + cellH + 12);
    });
  });
}

interface Series { label: string; ys: number[] }

/** Lines over x = 1..n; `log` plots log10 (zeros are drawn as a cross on the floor). */
export function drawLines(canvas: HTMLCanvasElement, title: string, xLabel: string, series: Series[], log: boolean, height = 220): void {
  const ctx = setup(canvas, height);
  const W = canvas.clientWidth, left = 54, right = 10, top = 22, bottom = 30;
  const pw = W - left - right, ph = height - top - bottom;
  const f = (y: number) => (log ? Math.log10(y) : y);
  const finite = series.flatMap((s) => s.ys.filter((y) => (log ? y > 0 : Number.isFinite(y))).map(f));
  let lo = finite.length ? Math.min(...finite) : 0, hi = finite.length ? Math.max(...finite) : 1;
  // log: whole decades, with room above the top line (He's flat gradient would sit on the frame)
  if (log) { lo = Math.floor(lo); hi = Math.ceil(hi + 0.15); } else { lo = Math.min(0, lo); }
  if (hi <= lo) hi = lo + 1;
  const n = Math.max(2, ...series.map((s) => s.ys.length));
  const X = (i: number) => left + (pw * i) / (n - 1), Y = (v: number) => top + ph * (1 - (v - lo) / (hi - lo));
  ctx.fillStyle = TEXT;
  ctx.textAlign = "left";
  ctx.font = "bold 12px system-ui, sans-serif";
  ctx.fillText(title, left, 14);
  ctx.font = "11px system-ui, sans-serif";
  ctx.strokeStyle = GRID;
  ctx.textAlign = "right";
  const ticks = log ? Array.from({ length: hi - lo + 1 }, (_, k) => lo + k) : [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  for (const t of ticks) {
    ctx.beginPath(); ctx.moveTo(left, Y(t)); ctx.lineTo(W - right, Y(t)); ctx.stroke();
    ctx.fillText(log ? `1e${t}` : t.toPrecision(2), left - 4, Y(t) + 4);
  }
  ctx.strokeStyle = AXIS;
  ctx.strokeRect(left, top, pw, ph);
  ctx.textAlign = "center";
  ctx.fillText(xLabel, left + pw / 2, height - 4);
  ctx.fillText("1", X(0), top + ph + 12);
  ctx.fillText(String(n), X(n - 1), top + ph + 12);
  series.forEach((s, i) => {
    ctx.strokeStyle = ctx.fillStyle = SERIES_COLORS[i % 4]!;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let pen = false;
    s.ys.forEach((y, k) => {
      if (log && !(y > 0)) { pen = false; ctx.fillText("×", X(k), top + ph - 2); return; }
      if (pen) ctx.lineTo(X(k), Y(f(y))); else ctx.moveTo(X(k), Y(f(y)));
      pen = true;
    });
    ctx.stroke();
    ctx.lineWidth = 1;
  });
}

/** The charts' shared legend, as HTML: a colored line and the label per series. */
export function legendHtml(labels: string[]): string {
  const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return labels.map((l, i) => `<span><i style="background:${SERIES_COLORS[i % 4]}"></i>${esc(l)}</span>`).join("");
}

/** Loss curves (one seed: curve i is initializer i), colored and labelled by initializer. */
export function drawLoss(canvas: HTMLCanvasElement, curves: TrainCurve[], labels: string[]): void {
  drawLines(canvas, "training loss (two spirals, 2-16-16-1, Adam)", "step",
    labels.map((label, i) => ({ label, ys: curves[i]?.loss ?? [] })), false);
}
