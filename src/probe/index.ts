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
