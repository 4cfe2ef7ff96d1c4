// The "why initialization matters" panel: pick depth, width, activation and up to four
// initializers; a Worker runs nninit/probe on each and the training comparison, and the panel
// draws the per-layer activation histograms, the per-layer gradient std and the loss curves, and
// says in words what they show (probe-summary.ts). It runs once on load with a small default
// (8 layers of 128, a second or two), so the lesson is on the page before any click.

import type { InitSpec, ProbeReport, Activation } from "nninit/probe";
import type { ProbeMessage, ProbeRequest } from "./probe.worker.js";
import { drawHistogramGrid, drawLines, drawLoss, legendHtml, SERIES_COLORS } from "./probe-charts.js";
import { probeLesson, trainingLesson } from "./probe-summary.js";

/** Initializers offered, with the options that make the comparison meaningful. */
const CHOICES: Record<string, InitSpec> = {
  "normal(0, 0.01)": { name: "normal", options: { std: 0.01 } },
  "xavierNormal": "xavierNormal",
  "kaimingNormal (relu)": { name: "kaimingNormal", options: { nonlinearity: "relu" } },
  "kaimingNormal (linear)": { name: "kaimingNormal", options: { nonlinearity: "linear" } },
  "zeros": "zeros",
  "constant(0.1)": { name: "constant", options: { value: 0.1 } },
  "xavierNormal (tanh)": { name: "xavierNormal", options: { gain: 5 / 3 } },
  "xavierUniform": "xavierUniform",
  "lecunNormal": "lecunNormal",
  "orthogonal": "orthogonal",
  "normal(0, 1)": { name: "normal", options: { std: 1 } },
};
const DEFAULTS = ["normal(0, 0.01)", "xavierNormal", "kaimingNormal (relu)", "zeros"];
/** Training steps of the small network (200: the curves have separated, about a second). */
const TRAIN_STEPS = 200;
const ACTIVATIONS: Activation[] = ["relu", "tanh", "sigmoid", "linear", "leaky_relu", "selu", "gelu"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function setupProbePanel(): void {
  const layers = $<HTMLInputElement>("probe-layers"), width = $<HTMLSelectElement>("probe-width");
  const activation = $<HTMLSelectElement>("probe-activation"), run = $<HTMLButtonElement>("probe-run");
  const status = $("probe-status"), lesson = $("probe-lesson"), training = $("probe-training");
  const selects = [0, 1, 2, 3].map((i) => $<HTMLSelectElement>(`probe-init-${i}`));
  for (const a of ACTIVATIONS) activation.add(new Option(a, a));
  selects.forEach((s, i) => {
    s.add(new Option("(none)", ""));
    for (const label of Object.keys(CHOICES)) s.add(new Option(label, label));
    s.value = DEFAULTS[i]!;
    s.style.borderColor = SERIES_COLORS[i]!;
  });
  let worker: Worker | null = null;

  const probeNow = (): void => {
    worker?.terminate();
    delete document.body.dataset.probeDone;
    const chosen = selects.map((s) => s.value).filter((v) => v !== "");
    // Series k is the k-th chosen select: its border takes series k's color, a "(none)" none.
    let k = 0;
    for (const s of selects) s.style.borderColor = s.value === "" ? "" : SERIES_COLORS[k++ % 4]!;
    const inits = chosen.map((c) => CHOICES[c]!);
    const request: ProbeRequest = {
      layers: Number(layers.value), width: Number(width.value), batch: Number(width.value),
      activation: activation.value as Activation, inits, steps: TRAIN_STEPS,
    };
    const reports: (ProbeReport | undefined)[] = inits.map(() => undefined);
    const t0 = performance.now();
    status.textContent = `probing ${chosen.length} initializers in a worker…`;
    status.classList.remove("error");
    lesson.textContent = training.textContent = "";
    drawHistogramGrid($("probe-histograms"), reports, chosen);
    $("probe-legend").innerHTML = legendHtml(chosen);
    worker = new Worker(new URL("./probe.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<ProbeMessage>) => {
      const m = e.data;
      if (m.kind === "error") {
        status.textContent = m.message;
        status.classList.add("error");
        return;
      }
      if (m.kind === "probe") {
        reports[m.index] = m.report;
        drawHistogramGrid($("probe-histograms"), reports, chosen);
        drawLines($("probe-grads"), "std of the gradient at each layer's inputs", "layer",
          reports.map((r, i) => ({ label: chosen[i]!, ys: r ? r.perLayer.map((l) => l.gradInputStd) : [] })), true, 200);
        const done = reports.filter(Boolean).length;
        status.textContent = `probed ${done} of ${inits.length}${done === inits.length ? " · training…" : ""}`;
        if (done === inits.length) lesson.textContent = probeLesson((reports as ProbeReport[]).map((report, i) => ({ label: chosen[i]!, report })));
        return;
      }
      drawLoss($("probe-loss"), m.report.curves, chosen);
      training.textContent = trainingLesson(m.report, chosen);
      status.textContent = `done in ${((performance.now() - t0) / 1000).toFixed(1)} s, in a worker.`;
      document.body.dataset.probeDone = "1";
      worker?.terminate();
      worker = null;
    };
    worker.postMessage(request);
  };
  run.addEventListener("click", probeNow);
  probeNow();
}
