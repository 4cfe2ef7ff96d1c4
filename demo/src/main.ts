// The demo page: pick an initializer, a shape, a seed and options; see the values' histogram
// against the law they should follow, their statistics, and a live benchmark.

import * as nninit from "nninit";
import { lawOf, type Law } from "./laws.js";
import { drawHistogram, summarize } from "./histogram.js";
import { runBenchmark, type Result } from "./bench.js";
import { timeRuns, rateText } from "./timing.js";
import { setupProbePanel } from "./probe-panel.js";

type Init = (shape: number[], options: object) => Float32Array;

/** The initializer shown first. */
const FIRST = "heNormal";

/** Each catalog entry's example call, as the form shows it. */
const presetOf = (name: string) => {
  const { shape, options } = nninit.catalogEntry(name).example;
  return { shape: shape.join(", "), options: JSON.stringify(options) };
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = {
  init: $<HTMLSelectElement>("init"), shape: $<HTMLInputElement>("shape"), seed: $<HTMLInputElement>("seed"),
  options: $<HTMLInputElement>("options"), draw: $<HTMLButtonElement>("draw"),
  benchSize: $<HTMLSelectElement>("bench-size"), bench: $<HTMLButtonElement>("bench"),
};
const canvas = $<HTMLCanvasElement>("histogram"), stats = $("stats"), error = $("error"), benchBody = $("bench-results");

const num = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(5) : x.toExponential(4));

for (const { name } of nninit.catalog) form.init.add(new Option(name, name));
form.init.value = FIRST;
$("build").textContent = `${nninit.activeBuild()} build`;

function applyPreset(): void {
  const p = presetOf(form.init.value);
  form.shape.value = p.shape;
  form.options.value = p.options;
}

function row(key: string, label: string, value: string, expected = ""): string {
  return `<tr data-k="${key}"><th>${label}</th><td><span class="v">${value}</span><span class="e">${expected}</span></td></tr>`;
}

/** Draws the initializer as configured and shows its histogram and statistics. */
function draw(): void {
  error.textContent = "";
  const name = form.init.value;
  try {
    const shape = form.shape.value.split(/[\s,x×]+/).filter(Boolean).map(Number);
    const options = JSON.parse(form.options.value || "{}") as Record<string, unknown>;
    const generator = new nninit.Generator(BigInt(form.seed.value || "0"));
    const entry = nninit.catalogEntry(name);
    const fn = entry.fn as Init;
    const t0 = performance.now();
    const x = fn(shape, { ...options, generator });
    const firstMs = performance.now() - t0;
    // Fast fills time as 0 on a coarse clock: repeat them (from a copy of the generator) until
    // the time is measurable, and show the rate as the range the clock allows.
    const again = generator.clone();
    const timing = timeRuns(() => fn(shape, { ...options, generator: again.clone() }), { firstMs, minMs: 20, maxRuns: 1000 });
    const ms = timing.ms / timing.runs;
    const law: Law = lawOf(entry, shape, options);
    const s = summarize(x);
    drawHistogram(canvas, x, s, law);
    let fans = "";
    try { fans = nninit.calculateFanInAndFanOut(shape, (options.layout as nninit.Layout) ?? entry.layout).join(" / "); } catch { fans = "n/a"; }
    const bounds = law.bounded ? `[${num(law.support[0])}, ${num(law.support[1])}]` : "unbounded";
    stats.innerHTML = [
      row("n", "elements", s.n.toLocaleString("en-US"), `shape [${shape.join(", ")}]`),
      row("fans", "fan in / out", fans),
      row("mean", "mean", num(s.mean), `expected ${num(law.mean)}`),
      row("std", "std", num(s.std), `expected ${law.approximate ? "≈ " : ""}${num(law.std)}`),
      row("min", "min", num(s.min)),
      row("max", "max", num(s.max)),
      row("bounds", "bounds", bounds),
      row("law", "law", `${law.approximate ? "≈ " : ""}${law.label}`),
      row("time", "fill time", `${ms < 0.01 ? ms.toPrecision(2) : ms.toFixed(2)} ms`,
        `${rateText(s.n, timing)}, allocation included${timing.runs > 1 ? `, mean of ${timing.runs} fills` : ""}`),
    ].join("");
  } catch (e) {
    error.textContent = (e as Error).message;
    stats.innerHTML = "";
    canvas.getContext("2d")!.clearRect(0, 0, canvas.width, canvas.height);
  }
}

function showResult(r: Result, best: number): string {
  const pct = (100 * r.rate) / best;
  return `<tr data-name="${r.name}" data-rate="${r.rate}"><th>${r.name}</th><td class="detail">${r.detail}</td>
    <td class="v">${r.rateText}</td><td class="v">${r.ms.toFixed(2)} ms</td>
    <td class="bar"><span style="width:${pct.toFixed(1)}%"></span></td></tr>`;
}

async function bench(): Promise<void> {
  form.bench.disabled = true;
  const n = Number(form.benchSize.value), results: Result[] = [];
  benchBody.innerHTML = `<tr><td colspan="5" class="running">running…</td></tr>`;
  const render = (running: boolean) => {
    const best = Math.max(...results.map((r) => r.rate));
    benchBody.innerHTML = results.map((r) => showResult(r, best)).join("") + (running ? `<tr><td colspan="5" class="running">running…</td></tr>` : "");
  };
  try {
    await runBenchmark(n, 400, (r) => { results.push(r); render(results.length < 3); });
    const [ours, ...others] = results;
    $("bench-summary").textContent = others.map((o) => `${(ours.rate / o.rate).toFixed(1)}× ${o.name}`).join(", ").replace(/^/, "nninit: ");
    document.body.dataset.benchDone = "1";
  } catch (e) {
    benchBody.innerHTML = `<tr><td colspan="5" class="error">${(e as Error).message}</td></tr>`;
  } finally {
    form.bench.disabled = false;
  }
}

form.init.addEventListener("change", () => { applyPreset(); draw(); });
for (const el of [form.shape, form.seed, form.options]) el.addEventListener("change", draw);
form.draw.addEventListener("click", draw);
form.bench.addEventListener("click", () => void bench());
window.addEventListener("resize", draw);
applyPreset();
draw();
setupProbePanel();
