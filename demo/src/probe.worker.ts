// The probe panel's worker: runs nninit/probe off the main thread (a 1024-wide probe is tens of
// GFLOP) and posts each initializer's report as it comes, then the training curves. The probe
// takes no gradient steps (steps: 0): every number it reports, distinct units included, is the
// stack at initialization, which is what the panel's histograms show.

import { probe, compareTraining, type ProbeReport, type TrainReport, type InitSpec, type Activation } from "nninit/probe";

export interface ProbeRequest {
  layers: number;
  width: number;
  batch: number;
  activation: Activation;
  inits: InitSpec[];
  steps: number;
}

export type ProbeMessage =
  | { kind: "probe"; index: number; report: ProbeReport }
  | { kind: "train"; report: TrainReport }
  | { kind: "error"; message: string };

self.onmessage = (event: MessageEvent<ProbeRequest>) => {
  const r = event.data;
  const post = (m: ProbeMessage) => (self as unknown as Worker).postMessage(m);
  try {
    r.inits.forEach((init, index) => {
      const report = probe({ layers: r.layers, width: r.width, batch: r.batch, activation: r.activation, init, seed: 1, steps: 0, bins: 40 });
      post({ kind: "probe", index, report });
    });
    post({ kind: "train", report: compareTraining({ inits: r.inits, seeds: [0], steps: r.steps, activation: r.activation }) });
  } catch (e) {
    post({ kind: "error", message: (e as Error).message });
  }
};
