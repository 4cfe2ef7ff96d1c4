/**
 * Why initialization matters, measured: `probe` propagates a batch through a deep fully
 * connected stack and reports, layer by layer, the signal's spread, dead and saturated units and
 * the gradients; `compareTraining` trains a small network from each initializer; `formatProbeTable`
 * prints a report as the `nninit probe` command does.
 *
 * Guide: [the probe](https://unpkg.com/nninit@0.2.0/docs/probe.md).
 *
 * @example
 * ```ts
 * import { formatProbeTable, probe } from "nninit/probe";
 * console.log(formatProbeTable(probe({ layers: 6, width: 128, activation: "relu", init: "kaimingNormal" })));
 * ```
 *
 * @module nninit/probe
 */
// nninit/probe: why initialization matters, measured. A propagation probe of a deep fully
// connected stack, a small training comparison, and a terminal rendering of the probe's report.
// A subpath of its own so that the main entry's bundle carries neither the GEMM module nor the
// name -> initializer map (which would keep every initializer in any bundle that imports it).

export { probe, type ProbeSpec, type ProbeReport, type LayerReport } from "./probe.js";
export { compareTraining, twoSpirals, type TrainSpec, type TrainReport, type TrainCurve } from "./train.js";
export { formatProbeTable, sparkline } from "./table.js";
export { ACTIVATIONS, type Activation } from "./activations.js";
export { PROBE_INITIALIZERS, type InitSpec } from "./initializer.js";
export type { Histogram } from "./stats.js";
