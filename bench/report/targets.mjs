// The speed targets of issue 4 (benchmarks), issue 3's orthogonal targets, issue 2's "Speed"
// section, issue 14's truncated normal and issue 11's pool, checked against this run's ratios. A ratio is (peer time) / (nninit SIMD
// time) at the same size in the same run; "within k× of X's time" means ratio ≥ 1/k.

import { TARGET_SIZE, quick } from "../config.mjs";
import { formatCount, formatRate, formatRatio } from "../format.mjs";

const JS_UNIFORM_PEERS = ["tfjs", "pure-rand", "math-random"];

const TARGETS = [
  { issue: 4, text: "normal ≥ 12× pure-rand + Box-Muller", workload: "normal", peers: ["pure-rand"], min: 12 },
  { issue: 4, text: "normal ≥ 5× numpy standard_normal (float32)", workload: "normal", peers: ["numpy"], min: 5 },
  { issue: 4, text: "uniform ≥ 10× the best JS peer", workload: "uniform", peers: JS_UNIFORM_PEERS, min: 10 },
  { issue: 4, text: "uniform ≥ 5× numpy random (float32)", workload: "uniform", peers: ["numpy"], min: 5 },
  { issue: 4, text: "truncated normal ≥ 15× tfjs truncatedNormal", workload: "truncNormal", peers: ["tfjs"], min: 15 },
  { issue: 4, text: "whole model ≥ 10× the tfjs initializer loop", workload: "model", peers: ["tfjs"], min: 10 },
  { issue: 3, text: "orthogonal 1024² within 3× of numpy linalg.qr's time", workload: "orthogonal", side: 1024, peers: ["numpy-qr"], min: 1 / 3 },
  { issue: 3, text: "orthogonal 512² ≥ 1000× tfjs orthogonal", workload: "orthogonal", side: 512, peers: ["tfjs"], min: 1000 },
  { issue: 2, text: "normal ≥ 10× the Math.random Box-Muller", workload: "normal", peers: ["math-random"], min: 10 },
  { issue: 2, text: "normal within 10× of Float32Array.fill's time", workload: "normal", peers: ["fill"], min: 0.1 },
  { issue: 2, text: "uniform within 2× of Float32Array.fill's time", workload: "uniform", peers: ["fill"], min: 0.5 },
  { issue: 2, text: "SIMD ≥ 4.5× scalar build: normal", workload: "normal", peers: ["nninit-scalar"], min: 4.5 },
  { issue: 2, text: "SIMD ≥ 4.5× scalar build: uniform", workload: "uniform", peers: ["nninit-scalar"], min: 4.5 },
  { issue: 2, text: "SIMD ≥ 4.5× scalar build: truncated normal", workload: "truncNormal", peers: ["nninit-scalar"], min: 4.5 },
  { issue: 14, text: "heNormal (Keras ±2σ) ≥ 0.8× kaimingNormal", workload: "heNormal", peers: ["nninit-simd"], label: /kaimingNormal/, min: 0.8 },
  { issue: 14, text: "glorotNormal (Keras ±2σ) ≥ 0.8× xavierNormal (the same normal kernel)", workload: "glorotNormal", peers: ["nninit-simd"], label: /xavierNormal/, min: 0.8 },
  { issue: 14, text: "truncNormal [-2, 2] ≥ 0.8× normal", workload: "truncNormal", peers: ["nninit-simd"], label: /normal$/, min: 0.8 },
  { issue: 14, text: "truncNormal [3, 5] ≥ 0.5× normal", workload: "truncNormalTail", peers: ["nninit-simd"], label: /normal$/, min: 0.5 },
  { issue: 14, text: "SIMD ≥ 4× scalar build: truncated normal [-2, 2]", workload: "truncNormal", peers: ["nninit-scalar"], min: 4 },
  ...["normal", "uniform", "truncNormal"].flatMap((law) => ["bfloat16", "float16"].map((dtype) => (
    { issue: 12, text: `${law} as ${dtype} ≥ 1× the float32 fill`, workload: `${law}:${dtype}`, peers: ["nninit-simd"], min: 1 }))),
  { issue: 10, text: "normal_ with TorchGenerator ≥ 0.5× torch's throughput (1 thread)", workload: "torchNormal", peers: ["torch"], min: 0.5 },
  { issue: 10, text: "uniform_ with TorchGenerator ≥ 1× torch's throughput (1 thread)", workload: "torchUniform", peers: ["torch"], min: 1 },
  { issue: 10, text: "stateDict(\"resnet50\") within 2× of torch's resnet50() time", workload: "torchReplay", whole: true, peers: ["torch"], min: 0.5 },
  { issue: 18, text: "trunc_normal_ (torch >= 2.12's rule) with TorchGenerator ≥ 1× torch 2.13's throughput (1 thread)", workload: "torchTruncNormal", peers: ["torch2"], min: 1 },
  { issue: 18, text: "stateDict(\"gpt2\") no slower than transformers' from_config + state_dict() (1 thread)", workload: "hfGpt2", whole: true, peers: ["transformers"], min: 1 },
  // Issue 11 states these at 64M (bench/pool.mjs measures them there); here at the run's largest size.
  // `ref` is the row judged (the pool of 2) instead of the group's reference (the synchronous SIMD call).
  { issue: 11, text: "normal: pool of 2 ≥ 1.8× the synchronous call", workload: "normal", ref: "nninit-pool-2", peers: ["nninit-simd"], label: /^nninit SIMD$/, min: 1.8 },
  { issue: 11, text: "uniform: pool of 2 ≥ 1.6× the synchronous call", workload: "uniform", ref: "nninit-pool-2", peers: ["nninit-simd"], label: /^nninit SIMD$/, min: 1.6 },
  { issue: 11, text: "truncated normal: pool of 2 ≥ 1.8× the synchronous call", workload: "truncNormal", ref: "nninit-pool-2", peers: ["nninit-simd"], label: /^nninit SIMD$/, min: 1.8 },
  { issue: 11, text: "normal, pool of 2, within 10× of Float32Array.fill's time", workload: "normal", ref: "nninit-pool-2", peers: ["fill"], min: 0.1 },
  // Issue 19: nninit/jax (one thread) against jax 0.10.2 on CPU with all its threads, and nninit's tape normal.
  { issue: 19, text: "jax threefry bits ≥ 1 G words/s on one core", workload: "jaxBits", rate: 1e9 },
  { issue: 19, text: "jax uniform ≥ 1× jax's own CPU throughput (all its threads)", workload: "jaxUniform", peers: ["jax"], min: 1 },
  { issue: 19, text: "jax normal ≥ 1× jax's own CPU throughput (all its threads)", workload: "jaxNormal", peers: ["jax"], min: 1 },
  { issue: 19, text: "jax uniform ≥ 1× jax on one core", workload: "jaxUniform", peers: ["jax-1core"], min: 1 },
  { issue: 19, text: "jax normal ≥ 1× jax on one core", workload: "jaxNormal", peers: ["jax-1core"], min: 1 },
  { issue: 19, text: "jax normal ≥ 0.5× nninit's tape normal", workload: "jaxNormal", peers: ["nninit-simd"], min: 0.5 },
  { issue: 11, text: "whole model: pool of 2 ≥ 1.6× the synchronous loop", workload: "model", ref: "nninit-pool-2", peers: ["nninit-simd"], label: /^nninit SIMD$/, min: 1.6 },
];

/** The element count a target is judged at: its side², the model's size, or the target size. */
function sizeFor(t, rows) {
  if (t.side) return t.side * t.side;
  if (t.workload === "model" || t.whole) return rows.find((r) => r.workload === t.workload)?.n;
  return TARGET_SIZE;
}

export function evaluateTargets(rows) {
  return TARGETS.map((t) => {
    const n = sizeFor(t, rows);
    const at = t.side ? `${t.side}²` : t.workload === "model" || t.whole ? "model" : formatCount(n);
    const base = { issue: t.issue, text: t.text, at, min: t.min };
    const ref = rows.find((r) => r.workload === t.workload && r.n === n && (t.ref ? r.id === t.ref : r.primary) && Number.isFinite(r.median));
    // The best (fastest) of the listed peers is the one to beat.
    // `label` picks one row among rows of the same id (the plain normal shown beside a truncated one).
    if (t.rate) {
      // An absolute rate (elements/s) of the group's reference row, on this machine.
      if (!ref) return { ...base, status: "not measured", detail: "no nninit row at this size in this run" };
      const status = ref.rate >= t.rate ? "met" : "missed";
      return { ...base, status, detail: `${ref.label} ${formatRate(ref.rate)} (need ≥ ${formatRate(t.rate)})${quick ? ` — quick run, at ${at} not 16M` : ""}` };
    }
    const peer = rows.filter((r) => r.workload === t.workload && r.n === n && t.peers.includes(r.id) && (!r.primary || t.ref) &&
      (!t.label || t.label.test(r.label)) && Number.isFinite(r.median)).sort((a, b) => a.median - b.median)[0];
    if (!ref || !peer) return { ...base, status: "not measured", detail: !ref ? "no nninit row at this size in this run" : `no ${t.peers.join("/")} row at this size in this run` };
    const ratio = peer.median / ref.median;
    const status = ratio >= t.min ? "met" : "missed";
    const detail = `${t.ref ? ref.label : "nninit"} ${formatRate(ref.rate)} vs ${peer.label} ${formatRate(peer.rate)}: ${formatRatio(ratio)} (need ≥ ${formatRatio(t.min)})` +
      (quick && !t.side && t.workload !== "model" && !t.whole ? ` — quick run, at ${at} not 16M` : "");
    return { ...base, status, ratio, peer: peer.label, detail };
  });
}

export function targetLines(targets) {
  const mark = { met: "MET", missed: "MISSED", "not measured": "NOT MEASURED" };
  return targets.map((t) => `- [${mark[t.status]}] issue ${t.issue}: ${t.text} (${t.at}) — ${t.detail}`);
}
