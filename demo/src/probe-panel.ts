// The "why initialization matters" panel: pick depth, width, activation and up to four
// initializers; a Worker runs nninit/probe on each and the training comparison, and the panel
// draws the per-layer activation histograms, the per-layer gradient std and the loss curves.

import type { InitSpec, ProbeReport, Activation } from "nninit/probe";
import type { ProbeMessage, ProbeRequest } from "./probe.worker.js";
import { drawHistogramGrid, drawLines, drawLoss, SERIES_COLORS } from "./probe-charts.js";

/** Initializers offered, with the options that make the comparison meaningful. */
const CHOICES: Record<string, InitSpec> = {
  "normal(0, 0.01)": { name: "normal", options: { std: 0.01 } },
  "xavierNormal": "xavierNormal",
  "kaimingNormal (relu)": { name: "kaimingNormal", options: { nonlinearity: "relu" } },
  "kaimingNormal (linear)": { name: "kaimingNormal", options: { nonlinearity: "linear" } },
  "zeros": "zeros",
  "constant(0.1)": { name: "constant", options: { value: 0.1 } },
  "xavierUniform": "xavierUniform",
  "lecunNormal": "lecunNormal",
  "orthogonal": "orthogonal",
  "normal(0, 1)": { name: "normal", options: { std: 1 } },
};
const DEFAULTS = ["normal(0, 0.01)", "xavierNormal", "kaimingNormal (relu)", "zeros"];
const ACTIVATIONS: Activation[] = ["relu", "tanh", "sigmoid", "linear", "leaky_relu", "selu", "gelu"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function setupProbePanel(): void {
  const layers = $<HTMLInputElement>("probe-layers"), width = $<HTMLSelectElement>("probe-width");
  const activation = $<HTMLSelectElement>("probe-activation"), run = $<HTMLButtonElement>("probe-run");
  const status = $("probe-status");
  const selects = [0, 1, 2, 3].map((i) => $<HTMLSelectElement>(`probe-init-${i}`));
  for (const a of ACTIVATIONS) activation.add(new Option(a, a));
  selects.forEach((s, i) => {
    s.add(new Option("(none)", ""));
    for (const label of Object.keys(CHOICES)) s.add(new Option(label, label));
    s.value = DEFAULTS[i]!;
    s.style.borderColor = SERIES_COLORS[i]!;
  });
  let worker: Worker | null = null;

  run.addEventListener("click", () => {
    worker?.terminate();
    delete document.body.dataset.probeDone;
    const chosen = selects.map((s) => s.value).filter((v) => v !== "");
    const inits = chosen.map((c) => CHOICES[c]!);
    const request: ProbeRequest = {
      layers: Number(layers.value), width: Number(width.value), batch: Number(width.value),
      activation: activation.value as Activation, inits, steps: 300,
    };
    const reports: (ProbeReport | undefined)[] = inits.map(() => undefined);
    const t0 = performance.now();
    status.textContent = `probing ${chosen.length} initializers in a worker…`;
    status.classList.remove("error");
    drawHistogramGrid($("probe-histograms"), reports, chosen);
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
        const done = reports.filter(Boolean) as ProbeReport[];
        drawLines($("probe-grads"), "std of the gradient at each layer's inputs", "layer",
          reports.map((r, i) => ({ label: chosen[i]!, ys: r ? r.perLayer.map((l) => l.gradInputStd) : [] })), true, 200);
        status.textContent = `probed ${done.length} of ${inits.length}; units left after 3 steps: ` +
          done.map((r) => `${r.init} ${Math.min(...r.perLayer.slice(0, -1).map((l) => l.distinctUnits))}`).join(", ");
        if (done.length === inits.length) status.textContent += " · training…";
        return;
      }
      drawLoss($("probe-loss"), m.report.curves, reports.map((r) => r!.init));
      const finals = m.report.curves.map((c) => `${c.init} ${c.loss[c.loss.length - 1]!.toFixed(3)}`).join(", ");
      const units = (reports as ProbeReport[]).map((r) => `${r.init} ${Math.min(...r.perLayer.slice(0, -1).map((l) => l.distinctUnits))}`).join(", ");
      status.textContent = `done in ${((performance.now() - t0) / 1000).toFixed(1)} s, in a worker. ` +
        `Fewest distinct hidden units after 3 gradient steps (dead ReLUs count as one): ${units}. Final loss after ${m.report.steps} steps: ${finals}`;
      document.body.dataset.probeDone = "1";
      worker?.terminate();
      worker = null;
    };
    worker.postMessage(request);
  });
}
