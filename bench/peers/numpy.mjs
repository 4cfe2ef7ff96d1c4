// numpy through a python3 subprocess, run once before the JS suites (never at the same time,
// so the two never compete for the 2 cores). Skipped with a note when python3 or numpy is
// missing. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine to pin OpenBLAS to
// an older kernel; they are removed for this child only, so numpy runs the kernel it would
// pick by itself, and the kernel and thread count it actually ran are recorded.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SEED } from "../config.mjs";

const SCRIPT = fileURLToPath(new URL("./numpy_bench.py", import.meta.url));

/** Runs the python side; returns { ok: true, ...report } or { ok: false, note }. */
export function runNumpy({ sizes, sides, quick }) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const plan = { sizes, sides, seed: SEED, minSamples: 5, maxTime: quick ? 0.1 : 0.25, minTime: 0.05 };
  const child = spawnSync("python3", [SCRIPT], { input: JSON.stringify(plan), env, encoding: "utf8", timeout: 300_000, maxBuffer: 64 << 20 });
  if (child.error) return { ok: false, note: `numpy skipped: python3 not runnable (${child.error.code ?? child.error.message})` };
  if (child.status !== 0) {
    const missing = /No module named 'numpy'/.test(child.stderr);
    return { ok: false, note: missing ? "numpy skipped: python3 has no numpy" : `numpy skipped: the python side failed: ${child.stderr.trim().split("\n").pop()}` };
  }
  return { ok: true, ...JSON.parse(child.stdout) };
}

const CALLS = {
  uniform: "rng.random(dtype=float32, out=out)",
  normal: "rng.standard_normal(dtype=float32, out=out)",
  orthogonal: "standard_normal + linalg.qr + sign(diag(R))",
  qr: "linalg.qr(a) only",
  qr1: "linalg.qr(a) only",
};

/** Row labels; the linalg rows say how many BLAS threads they ran on. */
function label(report, op) {
  if (!["orthogonal", "qr", "qr1"].includes(op)) return "numpy";
  const t = report.ok ? report.results.find((r) => r.op === op)?.threads : undefined;
  const threads = t ? `${t} BLAS thread${t > 1 ? "s" : ""}` : "default BLAS threads";
  return op === "orthogonal" ? `numpy (${threads})` : `numpy qr only (${threads})`;
}

/**
 * A candidate whose samples were taken in the python process. `op` is one of CALLS; the qr rows
 * are labelled apart because they time less work than an orthogonal initializer.
 */
export function numpyCandidate(report, op) {
  const qr = op.startsWith("qr");
  const base = { id: qr ? "numpy-qr" : "numpy", label: label(report, op), call: CALLS[op], allocates: op === "orthogonal" || qr };
  if (!report.ok) return { ...base, unavailable: report.note };
  if (!report.results.some((r) => r.op === op)) return { ...base, unavailable: "not measured: could not set OpenBLAS threads" };
  return {
    ...base,
    precomputed({ n }) {
      const r = report.results.find((x) => x.op === op && x.n === n);
      return r && { samples: r.samples, moments: r.moments, orthoError: r.orthoError };
    },
  };
}
