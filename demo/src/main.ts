// The demo page: pick an initializer, a shape, a seed, a dtype and options; see the values'
// histogram against the law they should follow and their statistics; the probe panel (why
// initialization matters), a model to download or initialize on the GPU, and a live benchmark.
// A bad input is reported next to its box and the last good chart stays.

import * as nninit from "nninit";
import { lawOf, type Law } from "./laws.js";
import { drawHistogram, summarize } from "./histogram.js";
import { runBenchmark, type Result } from "./bench.js";
import { timeRuns, rateText } from "./timing.js";
import { setupProbePanel } from "./probe-panel.js";
import { setupModelPanel } from "./model-panel.js";

type Init = (shape: number[], options: object) => Float32Array | Uint16Array;

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
  dtype: $<HTMLSelectElement>("dtype"), options: $<HTMLInputElement>("options"), draw: $<HTMLButtonElement>("draw"),
  benchSize: $<HTMLSelectElement>("bench-size"), bench: $<HTMLButtonElement>("bench"),
};
const canvas = $<HTMLCanvasElement>("histogram"), stats = $("stats"), error = $("error"), optionsError = $("options-error");
const benchBody = $("bench-results");

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

/** The options box as an object; a JSON error is shown next to the box (and null returned). */
function readOptions(): Record<string, unknown> | null {
  try {
    const options = JSON.parse(form.options.value || "{}") as unknown;
    if (options === null || typeof options !== "object" || Array.isArray(options)) throw new SyntaxError("expected a JSON object, e.g. {\"mode\": \"fan_out\"}");
    return options as Record<string, unknown>;
  } catch (e) {
    optionsError.textContent = `invalid JSON: ${(e as Error).message} (chart kept)`;
    form.options.setAttribute("aria-invalid", "true");
    return null;
  }
}

/** The values as float32: half dtypes come back as their bits in a Uint16Array. */
function asFloats(x: Float32Array | Uint16Array, dtype: nninit.Dtype): Float32Array {
  if (x instanceof Float32Array) return x;
  return Float32Array.from(x, dtype === "float16" ? nninit.float16Value : nninit.bfloat16Value);
}

/** How many different values (bit patterns) `x` holds: a half dtype's rounding shows here. */
function distinct(x: Float32Array | Uint16Array): number {
  return new Set(x instanceof Float32Array ? new Uint32Array(x.buffer, x.byteOffset, x.length) : x).size;
}

/**
 * Draws the initializer as configured and shows its histogram and statistics. On a bad input the
 * error is shown (next to the options box for JSON) and the last good chart and statistics stay.
 */
function draw(): void {
  error.textContent = optionsError.textContent = "";
  form.options.removeAttribute("aria-invalid");
  const options = readOptions();
  if (options === null) return;
  const name = form.init.value, dtype = form.dtype.value as nninit.Dtype;
  try {
    const shape = form.shape.value.split(/[\s,x×]+/).filter(Boolean).map(Number);
    const generator = new nninit.Generator(BigInt(form.seed.value || "0"));
    const entry = nninit.catalogEntry(name);
    const fn = entry.fn as Init;
    const t0 = performance.now();
    const raw = fn(shape, { ...options, dtype, generator });
    const firstMs = performance.now() - t0;
    // Fast fills time as 0 on a coarse clock: repeat them (from a copy of the generator) until
    // the time is measurable, and show the rate as the range the clock allows.
    const again = generator.clone();
    const timing = timeRuns(() => fn(shape, { ...options, dtype, generator: again.clone() }), { firstMs, minMs: 20, maxRuns: 1000 });
    const ms = timing.ms / timing.runs;
    const law: Law = lawOf(entry, shape, options);
    const x = asFloats(raw, dtype);
    const s = summarize(x);
    let fans = "";
    try { fans = nninit.calculateFanInAndFanOut(shape, (options.layout as nninit.Layout) ?? entry.layout).join(" / "); } catch { fans = "n/a"; }
    const bounds = law.bounded ? `[${num(law.support[0])}, ${num(law.support[1])}]` : "unbounded";
    drawHistogram(canvas, x, s, law);
    stats.innerHTML = [
      row("n", "elements", s.n.toLocaleString("en-US"), `shape [${shape.join(", ")}]`),
      row("dtype", "dtype", dtype, `${(raw.byteLength).toLocaleString("en-US")} bytes${dtype === "float32" ? "" : ", bits decoded to plot"}`),
      row("distinct", "distinct values", distinct(raw).toLocaleString("en-US")),
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
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn ?? 0) + 1);
  } catch (e) {
    error.textContent = `${(e as Error).message} (the chart shows the last good draw)`;
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
for (const el of [form.shape, form.seed, form.dtype, form.options]) el.addEventListener("change", draw);
form.draw.addEventListener("click", draw);
form.bench.addEventListener("click", () => void bench());
window.addEventListener("resize", draw);
applyPreset();
draw();
setupProbePanel();
setupModelPanel();
