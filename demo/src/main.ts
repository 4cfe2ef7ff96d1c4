// The demo page: pick an initializer, a shape, a seed and options; see the values' histogram
// against the law they should follow, their statistics, and a live benchmark.

import * as nninit from "nninit";
import { lawOf, type Law } from "./laws.js";
import { drawHistogram, summarize } from "./histogram.js";
import { runBenchmark, type Result } from "./bench.js";
import { timeRuns, rateText } from "./timing.js";

type Init = (shape: number[], options: object) => Float32Array;

/** Each initializer with a shape and options that suit it (torch names: torch layout [out, in, ...]; Keras names: [..., in, out]). */
const PRESETS: Record<string, { shape: string; options: string }> = {
  heNormal: { shape: "3, 3, 64, 128", options: "{}" },
  glorotUniform: { shape: "784, 256", options: "{}" },
  glorotNormal: { shape: "784, 256", options: "{}" },
  heUniform: { shape: "3, 3, 64, 128", options: "{}" },
  lecunNormal: { shape: "512, 512", options: "{}" },
  lecunUniform: { shape: "512, 512", options: "{}" },
  varianceScaling: { shape: "3, 3, 64, 128", options: '{ "scale": 2, "mode": "fan_out", "distribution": "untruncated_normal" }' },
  kaimingNormal: { shape: "128, 64, 3, 3", options: '{ "mode": "fan_out", "nonlinearity": "relu" }' },
  kaimingUniform: { shape: "256, 784", options: '{ "a": 2.23606797749979 }' },
  xavierUniform: { shape: "256, 784", options: "{}" },
  xavierNormal: { shape: "256, 784", options: '{ "gain": 1.6666666666666667 }' },
  normal: { shape: "50257, 16", options: '{ "std": 0.02 }' },
  truncNormal: { shape: "768, 768", options: '{ "std": 0.02, "a": -0.04, "b": 0.04 }' },
  uniform: { shape: "256, 256", options: '{ "a": -0.1, "b": 0.1 }' },
  orthogonal: { shape: "256, 256", options: "{}" },
  sparse: { shape: "1000, 100", options: '{ "sparsity": 0.9, "std": 0.01 }' },
  constant: { shape: "768", options: '{ "value": 0.5 }' },
  ones: { shape: "768", options: "{}" },
  zeros: { shape: "768", options: "{}" },
  eye: { shape: "64, 64", options: "{}" },
  identity: { shape: "64, 64", options: '{ "gain": 0.5 }' },
  dirac: { shape: "16, 16, 3, 3", options: "{}" },
  deltaOrthogonal: { shape: "3, 3, 64, 64", options: "{}" },
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = {
  init: $<HTMLSelectElement>("init"), shape: $<HTMLInputElement>("shape"), seed: $<HTMLInputElement>("seed"),
  options: $<HTMLInputElement>("options"), draw: $<HTMLButtonElement>("draw"),
  benchSize: $<HTMLSelectElement>("bench-size"), bench: $<HTMLButtonElement>("bench"),
};
const canvas = $<HTMLCanvasElement>("histogram"), stats = $("stats"), error = $("error"), benchBody = $("bench-results");

const num = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(5) : x.toExponential(4));

for (const name of Object.keys(PRESETS)) form.init.add(new Option(name, name));
$("build").textContent = `${nninit.activeBuild()} build`;

function applyPreset(): void {
  const p = PRESETS[form.init.value];
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
    const fn = (nninit as unknown as Record<string, Init>)[name];
    const t0 = performance.now();
    const x = fn(shape, { ...options, generator });
    const firstMs = performance.now() - t0;
    // Fast fills time as 0 on a coarse clock: repeat them (from a copy of the generator) until
    // the time is measurable, and show the rate as the range the clock allows.
    const again = generator.clone();
    const timing = timeRuns(() => fn(shape, { ...options, generator: again.clone() }), { firstMs, minMs: 20, maxRuns: 1000 });
    const ms = timing.ms / timing.runs;
    const law: Law | null = lawOf(name, shape, options);
    const s = summarize(x);
    drawHistogram(canvas, x, s, law);
    let fans = "";
    try { fans = nninit.calculateFanInAndFanOut(shape, (options.layout as nninit.Layout) ?? (/^(xavier|kaiming|dirac|orthogonal|sparse|eye)/.test(name) ? "torch" : "keras")).join(" / "); } catch { fans = "n/a"; }
    const bounds = law ? (law.bounded ? `[${num(law.support[0])}, ${num(law.support[1])}]` : "unbounded") : "";
    stats.innerHTML = [
      row("n", "elements", s.n.toLocaleString("en-US"), `shape [${shape.join(", ")}]`),
      row("fans", "fan in / out", fans),
      row("mean", "mean", num(s.mean), law ? `expected ${num(law.mean)}` : ""),
      row("std", "std", num(s.std), law ? `expected ${law.approximate ? "≈ " : ""}${num(law.std)}` : ""),
      row("min", "min", num(s.min)),
      row("max", "max", num(s.max)),
      row("bounds", "bounds", bounds),
      row("law", "law", law ? `${law.approximate ? "≈ " : ""}${law.label}` : "structured: no simple law"),
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
