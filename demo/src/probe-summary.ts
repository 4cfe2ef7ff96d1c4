// The probe panel's sentences, computed from the reports: what happens to the signal's spread
// through the stack (kept, shrinking, growing, collapsed) for each initializer, and whether the
// small network trained from each learns. Nothing is hard-coded about which initializer wins:
// with tanh the same code names Xavier, with ReLU it names He, because the numbers say so.

import type { ProbeReport, TrainReport } from "nninit/probe";

/** A report with the label the panel shows for it ("kaimingNormal (relu)"). */
export interface Labelled {
  label: string;
  report: ProbeReport;
}

/** Per-layer factor of the activations' std within this of 1: "keeps its spread". */
export const KEEP = 1.15;

export type Verdict =
  | { kind: "collapsed"; units: number; width: number; zero: boolean }
  | { kind: "kept" | "shrinks" | "grows"; perLayer: number; first: number; last: number };

/** What the stack does to one initializer's signal. */
export function verdictOf(r: ProbeReport): Verdict {
  const layers = r.perLayer;
  const units = Math.min(...layers.map((l) => l.distinctUnits));
  const first = layers[0]!.std, last = layers[layers.length - 1]!.std;
  // One distinct unit: every unit of a layer computes the same thing (zero or constant weights);
  // all zero: nothing at all reaches the output.
  if (units <= 1 || !(first > 0) || !(last > 0)) return { kind: "collapsed", units, width: r.width, zero: layers.every((l) => l.std === 0) };
  const perLayer = layers.length > 1 ? (last / first) ** (1 / (layers.length - 1)) : 1;
  const kind = perLayer > KEEP ? "grows" : perLayer < 1 / KEEP ? "shrinks" : "kept";
  return { kind, perLayer, first, last };
}

const n2 = (x: number) => (x === 0 ? "0" : x >= 0.01 && x < 1000 ? x.toPrecision(2) : x.toExponential(1));

/** "std 0.84 at layer 1, 0.89 at layer 8": the spread at both ends of the stack. */
const spreadOf = (v: { first: number; last: number }, layers: number) => `std ${n2(v.first)} at layer 1, ${n2(v.last)} at layer ${layers}`;

/** What one initializer that does not keep the spread does to it. */
function phrase(label: string, v: Verdict, layers: number): string {
  if (v.kind === "collapsed") {
    return `${label} collapses: ${v.zero ? "every activation is 0 and " : ""}all ${v.width} units of a layer are identical (${v.units} distinct), so every unit gets the same gradient and training cannot tell them apart`;
  }
  if (v.kind === "kept") return `${label} keeps it (${spreadOf(v, layers)})`;
  return `${label} ${v.kind === "shrinks" ? "shrinks" : "grows"} it ×${n2(v.perLayer)} a layer (${spreadOf(v, layers)})`;
}

/** "a", "a and b", "a, b and c". */
const list = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** The lesson of the per-layer probe: which initializers keep the signal, and what the others do. */
export function probeLesson(items: Labelled[]): string {
  if (items.length === 0) return "";
  const { layers, activation } = items[0]!.report;
  const verdicts = items.map((it) => ({ label: it.label, v: verdictOf(it.report) }));
  const kept = verdicts.filter((x) => x.v.kind === "kept");
  const rest = verdicts.filter((x) => x.v.kind !== "kept");
  const stack = `${layers} ${activation} layers of ${items[0]!.report.width}`;
  const detail = (k: (typeof kept)[number]) => `${kept.length > 1 ? `${k.label}: ` : ""}${spreadOf(k.v as { first: number; last: number }, layers)}, ×${(k.v as { perLayer: number }).perLayer.toFixed(2)} a layer`;
  const head = kept.length === 0
    ? `Through ${stack}, no initializer here keeps the activations' spread.`
    : `Through ${stack}, ${kept.length === verdicts.length ? "every initializer keeps" : `only ${list(kept.map((k) => k.label))} keep${kept.length === 1 ? "s" : ""}`} the activations' spread (${kept.map(detail).join("; ")}).`;
  return rest.length ? `${head} ${rest.map((x) => phrase(x.label, x.v, layers)).join("; ")}.` : head;
}

/** The training comparison: final loss per initializer, and which did not learn. */
export function trainingLesson(train: TrainReport, labels: string[]): string {
  const rows = train.curves.map((c, i) => {
    const start = c.loss[0]!, end = c.loss[c.loss.length - 1]!;
    return { label: labels[i] ?? c.init, start, end, learned: end < 0.5 * start, stuck: end >= 0.99 * start };
  });
  const best = rows.reduce((a, b) => (b.end < a.end ? b : a));
  const parts = rows.map((r) => `${r.label} ${r.end.toFixed(3)}${r.stuck ? " (no progress)" : ""}`);
  const learned = rows.filter((r) => r.learned).map((r) => r.label);
  const notLearned = rows.filter((r) => !r.learned).map((r) => r.label);
  const verdict = learned.length === 0 ? "None learns (halves its loss)."
    : learned.length === rows.length ? `All learn; lowest: ${best.label}.`
      : `${list(learned)} learn${learned.length === 1 ? "s" : ""} (halve${learned.length === 1 ? "s" : ""} the loss); ${list(notLearned)} ${notLearned.length === 1 ? "does" : "do"} not.`;
  return `Training a small ${train.activation} network (2-${train.hidden}-${train.hidden}-1) from each for ${train.steps} steps, final loss: ${parts.join(", ")}. ${verdict}`;
}