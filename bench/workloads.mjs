// Every workload: what is drawn, at which sizes, the law its output must follow, and the
// candidates (nninit in both builds first, then the peers). The first nninit SIMD row of a
// group is the reference every ratio is computed against.

import { SIZES, ORTHO_SIDES, TFJS_ORTHO_MAX_SIDE, quick, only } from "./config.mjs";
import { nninit, nninitBoth, nninitCandidate, nninitHalfCandidate } from "./peers/nninit.mjs";
import { tfjsUniform, tfjsNormal, tfjsTruncNormal, tfjsInitializer } from "./peers/tfjs.mjs";
import { stdlibNormal } from "./peers/stdlib.mjs";
import { pureRandUniform, pureRandNormal } from "./peers/pure-rand.mjs";
import { mathRandomUniform, mathRandomNormal } from "./peers/math-random.mjs";
import { memoryBaselines } from "./peers/memory.mjs";
import { numpyCandidate } from "./peers/numpy.mjs";
import { torchCandidate, nninitTorchCandidate } from "./peers/torch.mjs";
import { GPT2_SMALL, GPT2_TINY, gpt2Tensors, parameterCount } from "./models/gpt2.mjs";
import { nninitModel, tfjsModel } from "./models/whole-model.mjs";
import { nninitPools, nninitPoolModels } from "./peers/pool.mjs";
import { formatCount } from "./format.mjs";
import { torchReplayWorkload } from "./models/torch-replay.mjs";
import { torch2TruncCandidate, hfGpt2Workload } from "./peers/torch2.mjs";
import { jaxWorkloads } from "./peers/jax.mjs";

/** Std of N(0, 1) cut at ±2: Keras divides by it so truncated initializers keep their variance. */
const TRUNC2_STD = nninit.TRUNCATED_STD;

const flat = (n) => ({ n, shape: [n], label: formatCount(n) });
const square = (n) => { const side = Math.round(Math.sqrt(n)); return { n, side, shape: [side, side], label: `${formatCount(n)} (${side}²)` }; };
const matrix = (side) => ({ n: side * side, side, shape: [side, side], label: `${side}²` });

/**
 * What nninit's `fn(spec.shape, params)` must give, as the check's { mean, std, lo, hi }: the
 * law nninit's catalog states for that call (computed by the function's own fan and gain code).
 */
const catalogExpect = (fn, params = {}) => (spec) => {
  const law = nninit.catalogEntry(fn).law(spec.shape, params);
  switch (law.kind) {
    case "uniform": return { mean: (law.low + law.high) / 2, std: (law.high - law.low) / Math.sqrt(12), lo: law.low, hi: law.high };
    case "normal": return { mean: law.mean, std: law.std };
    case "truncated":
      if (law.low !== law.mean - 2 * law.std || law.high !== law.mean + 2 * law.std) throw new Error(`${fn}: only a cut at ±2σ is checked here`);
      return { mean: law.mean, std: law.std * TRUNC2_STD, lo: law.low, hi: law.high };
    default: throw new Error(`${fn}: the bench checks continuous laws, not ${law.kind}`);
  }
};
/** Standard normal CDF tail 1 - Phi(x) for x >= 0, by the continued fraction phi(x) / (x + 1/(x + 2/(x + ...))). */
const upperTail = (x) => { let f = x; for (let k = 120; k >= 1; k--) f = x + k / f; return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) / f; };
/** N(0, 1) conditioned on [a, b] with 0 <= a < b: its mean, std and bounds. */
const tailLaw = (a, b) => {
  const pdf = (x) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const z = upperTail(a) - upperTail(b);
  const mean = (pdf(a) - pdf(b)) / z;
  return { mean, std: Math.sqrt(1 + (a * pdf(a) - b * pdf(b)) / z - mean * mean), lo: a, hi: b };
};
/** The plain normal N(0, 1) in the SIMD build, shown beside a truncated normal for the throughput ratio. */
const normalBeside = () => ({ ...nninitCandidate("normal", "simd", { mean: 0, std: 1 }, { note: true }), expect: () => ({ mean: 0, std: 1 }) });

// tfjs's own laws on a side×side matrix (fan_in = fan_out = side), worked out by hand.
const xavierStd = ({ side }) => 1 / Math.sqrt(side); // gain·√(2/(fan_in+fan_out))
const kaimingStd = ({ side }) => Math.sqrt(2 / side); // √2·√(1/fan_in): torch's default leaky_relu(0) gain

/** tfjs's glorotNormal/heNormal cut at 2σ without Keras's 0.8796 correction: std is 0.88× the target. */
const tfjsTruncated = (stdOf) => ({
  expect: (spec) => ({ mean: 0, std: stdOf(spec) * TRUNC2_STD, lo: -2 * stdOf(spec), hi: 2 * stdOf(spec) }),
  note: "tfjs truncates at 2σ without the 0.88 correction (std 0.88× the target)",
});

/** torch's uniform preset (xavierUniform, kaimingUniform) against tfjs's same law (glorotUniform, heUniform). */
const uniformPreset = (fn, tfjsName) => ({
  id: fn, title: `${fn} / ${tfjsName} (square matrix)`, specs: SIZES.map(square),
  expect: catalogExpect(fn),
  candidates: [...nninitBoth(fn, {}, { primary: true }), tfjsInitializer(tfjsName)],
});

/**
 * Keras's truncated normal preset (glorotNormal, heNormal), compared with tfjs's namesake; the
 * torch untruncated one (xavierNormal, kaimingNormal) is shown beside it in the SIMD build.
 */
const normalPreset = (fn, torchFn, stdOf) => ({
  id: fn, title: `${fn} (Keras, truncated) / ${torchFn} (torch)`, specs: SIZES.map(square),
  expect: catalogExpect(fn),
  candidates: [
    ...nninitBoth(fn, {}, { primary: true }),
    { ...nninitCandidate(torchFn, "simd", {}, { note: true }), expect: catalogExpect(torchFn) },
    tfjsInitializer(fn, {}, tfjsTruncated(stdOf)),
  ],
});

/**
 * Issue 12: a half-precision fill (the group's reference) against the float32 fill of the same
 * shape and law, in the SIMD build, at the largest size only.
 */
const halfVsFloat32 = (fn, params, dtype, title) => ({
  id: `${fn}:${dtype}`, title: `${title} as ${dtype} vs float32`, specs: SIZES.slice(-1).map(flat),
  expect: catalogExpect(fn, params),
  candidates: [nninitHalfCandidate(fn, dtype, params, { primary: true }), nninitCandidate(fn, "simd", params)],
});
const HALF_LAWS = [
  ["normal", { mean: 0, std: 1 }, "normal N(0, 1)"],
  ["uniform", { a: 0, b: 1 }, "uniform U(0, 1)"],
  ["truncNormal", { mean: 0, std: 1, a: -2, b: 2 }, "truncated normal on [-2, 2]"],
];

const NOT_RUN = { ok: false, note: "jax not run" };

export function buildWorkloads(numpy, torch = { ok: false, note: "torch not run" }, torch2 = { ok: false, note: "torch 2 not run" }, jax = { all: NOT_RUN, one: NOT_RUN }) {
  const modelConfig = quick ? GPT2_TINY : GPT2_SMALL;
  const tensors = gpt2Tensors(modelConfig);
  const all = [
    {
      id: "uniform", title: "uniform U(0, 1)", specs: SIZES.map(flat),
      expect: catalogExpect("uniform", { a: 0, b: 1 }),
      candidates: [...nninitBoth("uniform", { a: 0, b: 1 }, { primary: true }), ...nninitPools("uniform", { a: 0, b: 1 }), tfjsUniform(), pureRandUniform(), mathRandomUniform(), numpyCandidate(numpy, "uniform"), ...memoryBaselines()],
    },
    {
      id: "normal", title: "normal N(0, 1)", specs: SIZES.map(flat),
      expect: catalogExpect("normal", { mean: 0, std: 1 }),
      candidates: [...nninitBoth("normal", { mean: 0, std: 1 }, { primary: true }), ...nninitPools("normal", { mean: 0, std: 1 }), tfjsNormal(), stdlibNormal(), pureRandNormal(), mathRandomNormal(), numpyCandidate(numpy, "normal"), ...memoryBaselines()],
    },
    {
      id: "truncNormal", title: "truncated normal N(0, 1) on [-2, 2]", specs: SIZES.map(flat),
      expect: catalogExpect("truncNormal", { mean: 0, std: 1, a: -2, b: 2 }),
      candidates: [...nninitBoth("truncNormal", { mean: 0, std: 1, a: -2, b: 2 }, { primary: true }), normalBeside(), ...nninitPools("truncNormal", { mean: 0, std: 1, a: -2, b: 2 }), tfjsTruncNormal()],
    },
    {
      id: "truncNormalTail", title: "truncated normal N(0, 1) on [3, 5] (a tail interval)", specs: SIZES.map(flat),
      expect: () => tailLaw(3, 5),
      candidates: [...nninitBoth("truncNormal", { mean: 0, std: 1, a: 3, b: 5 }, { primary: true }), normalBeside()],
    },
    uniformPreset("xavierUniform", "glorotUniform"),
    normalPreset("glorotNormal", "xavierNormal", xavierStd),
    uniformPreset("kaimingUniform", "heUniform"),
    normalPreset("heNormal", "kaimingNormal", kaimingStd),
    {
      id: "torchUniform", title: "uniform_ U(0, 1) with torch's generator (same bits as torch)", specs: SIZES.map(flat),
      expect: catalogExpect("uniform", { a: 0, b: 1 }),
      candidates: [nninitTorchCandidate("uniform", "simd", { a: 0, b: 1 }, { primary: true }), nninitTorchCandidate("uniform", "scalar", { a: 0, b: 1 }), torchCandidate(torch, "uniform")],
    },
    {
      id: "torchNormal", title: "normal_ N(0, 1) with torch's generator (same bits as torch)", specs: SIZES.map(flat),
      expect: catalogExpect("normal", { mean: 0, std: 1 }),
      candidates: [nninitTorchCandidate("normal", "simd", { mean: 0, std: 1 }, { primary: true }), nninitTorchCandidate("normal", "scalar", { mean: 0, std: 1 }), torchCandidate(torch, "normal")],
    },
    {
      id: "torchTruncNormal", title: "trunc_normal_ N(0, 1) on [-2, 2] with torch's generator, torch >= 2.12's rule (same bits as torch 2.13)", specs: SIZES.map(flat),
      expect: catalogExpect("truncNormal", { mean: 0, std: 1, a: -2, b: 2 }),
      candidates: [nninitTorchCandidate("truncNormal", "simd", { mean: 0, std: 1, a: -2, b: 2 }, { primary: true }), nninitTorchCandidate("truncNormal", "scalar", { mean: 0, std: 1, a: -2, b: 2 }), torch2TruncCandidate(torch2)],
    },
    hfGpt2Workload(torch2),
    {
      id: "orthogonal", title: "orthogonal (gain 1)", specs: ORTHO_SIDES.map(matrix), orthogonal: true,
      expect: catalogExpect("orthogonal", { gain: 1 }),
      candidates: [
        ...nninitBoth("orthogonal", { gain: 1 }, { primary: true }),
        { ...tfjsInitializer("orthogonal", { gain: 1 }), skip: ({ side }) => side > TFJS_ORTHO_MAX_SIDE && `tfjs skipped above ${TFJS_ORTHO_MAX_SIDE}² (minutes per call)` },
        numpyCandidate(numpy, "orthogonal"), numpyCandidate(numpy, "qr"), numpyCandidate(numpy, "qr1"),
      ],
    },
    {
      id: "model", title: `whole model: ${modelConfig.name} (${tensors.length} tensors)`,
      specs: [{ n: parameterCount(tensors), shape: null, label: `${(parameterCount(tensors) / 1e6).toFixed(1)}M params` }],
      candidates: [nninitModel("simd", tensors), nninitModel("scalar", tensors), ...nninitPoolModels(tensors), tfjsModel(tensors)],
    },
    torchReplayWorkload("resnet50"),
    ...HALF_LAWS.flatMap(([fn, params, title]) => ["bfloat16", "float16"].map((dtype) => halfVsFloat32(fn, params, dtype, title))),
    // Issue 19: 16M values (the run's largest size), nninit/jax against jax on CPU.
    ...jaxWorkloads(SIZES.slice(-1).map(flat), jax.all, jax.one),
  ].filter(Boolean);
  return only ? all.filter((w) => only.includes(w.id)) : all;
}
