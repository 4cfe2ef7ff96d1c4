// nninit/torch against PyTorch itself: TorchGenerator fills (torch's own bits) from the built
// package, and torch's uniform_/normal_ timed in a /usr/bin/python3 subprocess on one thread,
// run before the JS rows (never concurrently). Skipped with a note when torch is not installed.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SEED } from "../config.mjs";
import { intoOut } from "./into-out.mjs";
import { nninit, selectBuild } from "./nninit.mjs";

const SCRIPT = fileURLToPath(new URL("./torch_bench.py", import.meta.url));
const PYTHON = "/usr/bin/python3";
const torchMod = await import(new URL("../../dist/esm/torch.js", import.meta.url)).catch(() => null);

/** Runs the python side; returns { ok: true, ...report } or { ok: false, note }. */
export function runTorch({ sizes, quick }) {
  const plan = { sizes, seed: SEED, minSamples: 5, maxTime: quick ? 0.1 : 0.25, minTime: 0.05 };
  const child = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(plan), encoding: "utf8", timeout: 600_000, maxBuffer: 64 << 20 });
  if (child.error) return { ok: false, note: `torch skipped: ${PYTHON} not runnable (${child.error.code ?? child.error.message})` };
  if (child.status !== 0) {
    const missing = /No module named 'torch'/.test(child.stderr);
    return { ok: false, note: missing ? `torch skipped: ${PYTHON} has no torch (apt-get install python3-torch)` : `torch skipped: the python side failed: ${child.stderr.trim().split("\n").pop()}` };
  }
  return { ok: true, ...JSON.parse(child.stdout) };
}

/** torch's own row for `op` ("uniform" | "normal"), from the python run. */
export function torchCandidate(report, op) {
  const base = { id: "torch", label: report.ok ? `torch ${report.torch} (1 thread)` : "torch (1 thread)", call: `torch.empty(n).${op}_()`, allocates: false };
  if (!report.ok) return { ...base, unavailable: report.note };
  return {
    ...base,
    precomputed({ n }) {
      const r = report.results.find((x) => x.op === op && x.n === n);
      return r && { samples: r.samples, moments: r.moments };
    },
  };
}

/** nninit's `fn` with a TorchGenerator (torch's bits) in one build, filling a preallocated out. */
export function nninitTorchCandidate(fn, build, params, { primary = false } = {}) {
  const base = {
    id: `nninit-torch-${build}`,
    label: `nninit/torch ${build === "simd" ? "SIMD" : "scalar"}`,
    call: `${fn}(shape, {${Object.keys(params).concat("generator: TorchGenerator", "out").join(", ")}})`,
    allocates: false,
    primary: primary && build === "simd",
  };
  if (!torchMod) return { ...base, unavailable: "not available: dist/esm/torch.js not built" };
  return intoOut({ ...base, prepare: () => selectBuild(build) }, (out, { shape }) => {
    const options = { ...params, generator: new torchMod.TorchGenerator(SEED), out };
    const f = nninit[fn];
    return () => f(shape, options);
  });
}
