// `npm run bench` (from the repository root): nninit against its peers, side by side in one run.
//   node bench/run.mjs            full run (~5 min): 1K..16M, orthogonal to 1024², GPT-2 small
//   node bench/run.mjs --quick    smoke run (~1 min): every workload at small sizes
//   node bench/run.mjs --only=normal,uniform
//   node bench/run.mjs --only=jax     the jax rows (issue 19), as `npm run bench:jax` runs them
//   node bench/run.mjs --only=gpu     just the GPU rows (nninit/webgpu on whatever adapter exists)
// Prints a markdown table and the targets; writes bench/results/latest.{md,json,svg} (full
// runs, plus the section of docs/benchmarks.md) or bench/results/quick.* (quick or partial runs). Exits 1 if
// any output failed its distribution check.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { quick, only, SIZES, ORTHO_SIDES, RESULT_NAME, JAX_WORKLOAD_IDS } from "./config.mjs";
import { sink } from "./check.mjs";
import { runNumpy } from "./peers/numpy.mjs";
import { runTorch } from "./peers/torch.mjs";
import { runTorch2 } from "./peers/torch2.mjs";
import { runJax } from "./peers/jax.mjs";
import { runGpu } from "./peers/gpu.mjs";
import { tfjsVersion } from "./peers/tfjs.mjs";
import { buildWorkloads } from "./workloads.mjs";
import { measure } from "./measure.mjs";
import { addRatios } from "./report/ratios.mjs";
import { evaluateTargets, targetLines } from "./report/targets.mjs";
import { noise } from "./report/noise.mjs";
import { machine, loadAverage } from "./report/machine.mjs";
import { writeResults } from "./report/write.mjs";
import { updateReadme } from "./report/readme.mjs";
import { formatRate, formatTime } from "./format.mjs";

const log = (...a) => console.error(...a); // progress on stderr; the table goes to stdout
const t0 = performance.now();
const load = { start: loadAverage(), cores: machine().cores };
if (!globalThis.gc) log("note: run with node --expose-gc (as `npm run bench` does) to collect garbage between rows");

/**
 * Times a Python peer before the JS rows (never concurrently with them), when a selected workload
 * needs it: the peer's result with its wall time in seconds, or why it was not run.
 */
function peerFirst(name, workloads, intro, run, describe) {
  if (only && !only.some((w) => workloads.includes(w))) return { ok: false, note: `${name} not needed by the selected workloads` };
  log(intro);
  const t = performance.now();
  const result = run();
  result.seconds = Math.round(performance.now() - t) / 1e3;
  for (const line of describe(result)) log(line);
  return result;
}

const numpy = peerFirst("numpy", ["uniform", "normal", "orthogonal"],
  "numpy: timing in a python3 subprocess first (never concurrently with the JS rows) ...",
  () => runNumpy({ sizes: SIZES, sides: ORTHO_SIDES, quick }),
  (r) => [r.ok ? `numpy ${r.numpy}: BLAS kernel ${r.blas.corename}, ${r.blas.threads} threads` : r.note]);

const torch = peerFirst("torch", ["torchUniform", "torchNormal"],
  "torch: timing in a /usr/bin/python3 subprocess first, 1 thread (never concurrently with the JS rows) ...",
  () => runTorch({ sizes: SIZES, quick }),
  (r) => [r.ok ? `torch ${r.torch}: ${r.threads} thread` : r.note]);

// torch 2.13 / transformers 5.18 (issue 18) in the reference venv: trunc_normal_ and GPT-2's from_config.
const torch2 = peerFirst("torch 2", ["torchTruncNormal", "hfGpt2"],
  "torch 2 + transformers: timing in the reference venv first, 1 thread (never concurrently with the JS rows) ...",
  () => runTorch2({ sizes: SIZES, quick }),
  (r) => [r.ok ? `torch ${r.torch}, transformers ${r.transformers}: ${r.threads} thread` : r.note]);

// jax 0.10.2 on CPU (issue 19) in the reference venv: all of XLA's threads, then pinned to one core.
const jaxRun = peerFirst("jax", Object.values(JAX_WORKLOAD_IDS),
  "jax: timing in the reference venv first, all threads then 1 core (never concurrently with the JS rows) ...",
  () => {
    const sizes = SIZES.slice(-1);
    return { all: runJax({ sizes, quick }), one: runJax({ sizes, quick, pinned: true }) };
  },
  (j) => [j.all, j.one].map((r) => (r.ok ? `jax ${r.jax} (${r.backend}): ${r.pinned ? "1 core (taskset -c 0)" : `${r.threads} threads`}` : r.note)));
const jax = jaxRun.all ? jaxRun : { all: jaxRun, one: jaxRun };

const rows = [];
for (const workload of buildWorkloads(numpy, torch, torch2, jax)) {
  for (const spec of workload.specs) {
    for (const cand of workload.candidates) {
      const r = await measure(workload, cand, spec);
      rows.push(r);
      const what = `${workload.id} ${spec.label} ${r.label}`.padEnd(52);
      if (Number.isFinite(r.median)) log(`${what} ${formatRate(r.rate).padStart(10)}  median ${formatTime(r.median)} ${Number.isFinite(r.rme) ? `±${r.rme.toFixed(1)}%` : "single sample"} n=${r.samples} (${r.wallSeconds ?? "-"} s)${r.problems.length ? `  CHECK FAILED: ${r.problems.join("; ")}` : ""}`);
      else log(`${what} ${r.note ?? `ERROR: ${r.problems?.join("; ")}`}`);
    }
  }
}

// The GPU rows last, in a child process (bench/gpu.mjs), once the CPU rows are done.
let gpu;
if (!only || only.includes("gpu")) {
  log("GPU: nninit/webgpu fills in a child process (bench/gpu.mjs) ...");
  gpu = runGpu({ quick });
  log(gpu.ok ? `GPU rows on ${gpu.adapter} (load ${gpu.load[0][0]} -> ${gpu.load[1][0]})` : gpu.note);
}

addRatios(rows);
load.end = loadAverage();
const pkg = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
const report = {
  name: RESULT_NAME,
  quick,
  command: quick ? "npm run bench -- --quick" : only ? `node bench/run.mjs --only=${only.join(",")}` : "npm run bench",
  machine: machine(),
  versions: { tfjs: tfjsVersion, others: `@stdlib/random-array-normal ${pkg("@stdlib/random-array-normal")}, pure-rand ${pkg("pure-rand")}, benchmark ${pkg("benchmark")}` },
  numpy: numpy.ok ? { ok: true, numpy: numpy.numpy, python: numpy.python, blas: numpy.blas, env: numpy.env, seconds: numpy.seconds } : numpy,
  torch: torch.ok ? { ok: true, torch: torch.torch, python: torch.python, threads: torch.threads, seconds: torch.seconds } : torch,
  torch2: torch2.ok ? { ok: true, torch: torch2.torch, transformers: torch2.transformers, python: torch2.python, threads: torch2.threads, seconds: torch2.seconds } : torch2,
  jax: Object.fromEntries(["all", "one"].map((k) => [k, jax[k].ok ? { ok: true, jax: jax[k].jax, python: jax[k].python, threads: jax[k].pinned ? 1 : jax[k].threads } : jax[k]])),
  seconds: (performance.now() - t0) / 1e3,
  rows,
  gpu,
  targets: evaluateTargets(rows),
  noise: noise(rows, load),
  sink: sink.value,
};
const { page, files } = writeResults(report);
console.log(page);
log(`\nTargets:\n${targetLines(report.targets).join("\n")}\n`);
log(`wrote ${files.join(", ")}`);
if (report.name === "latest") {
  const readme = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
  log(updateReadme(readme, report) ? "updated docs/benchmarks.md's bench section" : "docs/benchmarks.md has no <!-- bench:start/end --> markers: left alone");
}
const failed = rows.filter((r) => r.problems?.length);
if (failed.length) {
  log(`\n!!! ${failed.length} row(s) FAILED their checks: ${failed.map((r) => `${r.workload} ${r.size} ${r.label}`).join(", ")}`);
  process.exitCode = 1;
}
