// nninit/jax against jax itself (issue 19): threefry bits, uniform, normal and truncated normal
// from nninit/jax (the built package, one thread) and from jax.random eager on CPU in the
// reference venv (./venv.mjs), with all the threads XLA takes and pinned to one core (taskset -c
// 0) for the per-core figure. The python side (./jax_bench.py) runs before the JS rows (never
// concurrently). Without the venv, or without jax in it, the jax rows say why and the nninit/jax
// rows still run. `npm run bench` (bench/run.mjs) and `npm run bench:jax` (bench/jax.mjs) both
// use this file.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SEED, JAX_WORKLOAD_IDS } from "../config.mjs";
import { moments, checkMoments } from "../check.mjs";
import { intoOut } from "./into-out.mjs";
import { nninit, nninitCandidate, selectBuild } from "./nninit.mjs";
import { venvPython } from "./venv.mjs";

const SCRIPT = fileURLToPath(new URL("./jax_bench.py", import.meta.url));
/** nninit/jax from the built package; null while dist/ has no jax entry. */
export const jaxMod = await import(new URL("../../dist/esm/jax.js", import.meta.url)).catch(() => null);

/** The laws timed, by their nninit/jax (and jax.random) names. */
export const JAX_LAWS = ["bits", "uniform", "normal", "truncatedNormal"];

/**
 * Runs jax_bench.py; `pinned` runs it on one core (taskset -c 0). Returns { ok: true, pinned,
 * jax, threads, results } or { ok: false, note } saying why there are no jax rows.
 */
export function runJax({ sizes, quick, pinned = false, laws = JAX_LAWS }) {
  const what = pinned ? "jax (1 core)" : "jax";
  const python = venvPython();
  if (!existsSync(python)) return { ok: false, pinned, note: `${what} skipped: no reference venv at ${python} (.ci/run builds it; NNINIT_PYTHON overrides)` };
  const plan = { sizes, laws, seed: SEED, minSamples: 5, maxTime: quick ? 0.1 : 0.25, minTime: 0.05 };
  const [cmd, args] = pinned ? ["taskset", ["-c", "0", python, SCRIPT]] : [python, [SCRIPT]];
  const env = { ...process.env, JAX_PLATFORMS: "cpu" };
  const child = spawnSync(cmd, args, { input: JSON.stringify(plan), encoding: "utf8", env, timeout: 900_000, maxBuffer: 64 << 20 });
  if (child.error) return { ok: false, pinned, note: `${what} skipped: ${cmd} not runnable (${child.error.code ?? child.error.message})` };
  if (child.status !== 0) {
    const missing = /No module named '(jax|jaxlib|numpy)'/.exec(child.stderr);
    return { ok: false, pinned, note: missing ? `${what} skipped: ${python} has no ${missing[1]}` : `${what} skipped: the python side failed: ${child.stderr.trim().split("\n").pop()}` };
  }
  return { ok: true, pinned, ...JSON.parse(child.stdout) };
}

/** What each law's output must follow (bits: uniform words on [0, 2^32)). */
export const JAX_LAW_EXPECT = {
  bits: { mean: (2 ** 32 - 1) / 2, std: 2 ** 32 / Math.sqrt(12), lo: 0, hi: 2 ** 32 - 1 },
  uniform: { mean: 0.5, std: 1 / Math.sqrt(12), lo: 0, hi: 1 },
  normal: { mean: 0, std: 1 },
  truncatedNormal: { mean: 0, std: nninit.TRUNCATED_STD, lo: -2, hi: 2 },
};

/** The jax.random call of a law, for the table. */
const JAX_CALL = {
  bits: "jax.random.bits(key, (n,))", uniform: "jax.random.uniform(key, (n,))", normal: "jax.random.normal(key, (n,))",
  truncatedNormal: "jax.random.truncated_normal(key, -2, 2, (n,))",
};

/** jax's row for `law`, from one python run (all threads, or pinned to one core). */
export function jaxCandidate(report, law) {
  const id = report.pinned ? "jax-1core" : "jax";
  const threads = report.pinned ? "1 core" : report.ok ? `${report.threads} threads` : "all threads";
  const base = { id, label: `jax${report.ok ? ` ${report.jax}` : ""} CPU, ${threads}`, call: JAX_CALL[law], allocates: true };
  if (!report.ok) return { ...base, unavailable: report.note };
  return {
    ...base,
    precomputed({ n }) {
      const r = report.results.find((x) => x.law === law && x.n === n);
      return r && { samples: r.samples, moments: r.moments };
    },
  };
}

/** nninit/jax's `law` into a preallocated out (Uint32Array for bits), key(SEED), in one build. */
export function nninitJaxCandidate(law, build = "simd", { primary = false } = {}) {
  const base = {
    id: `nninit-jax-${build}`, label: `nninit/jax ${build === "simd" ? "SIMD" : "scalar"}`, allocates: false, primary: primary && build === "simd",
    call: law === "truncatedNormal" ? "truncatedNormal(key, -2, 2, shape, { out })" : `${law}(key, shape, { out })`,
  };
  if (!jaxMod) return { ...base, unavailable: "not available: dist/esm/jax.js is not built" };
  return intoOut({ ...base, Out: law === "bits" ? Uint32Array : Float32Array, prepare: () => selectBuild(build) }, (out, { shape }) => {
    const key = jaxMod.key(SEED), options = { out };
    const fill = law === "truncatedNormal" ? () => jaxMod.truncatedNormal(key, -2, 2, shape, options) : () => jaxMod[law](key, shape, options);
    return { fill, verify: () => checkMoments(moments(out), JAX_LAW_EXPECT[law]) };
  });
}

const TITLE = {
  bits: "jax.random.bits: threefry2x32 words (same bits as jax 0.10.2)",
  uniform: "jax.random.uniform U(0, 1) float32 (same bits as jax 0.10.2)",
  normal: "jax.random.normal N(0, 1) float32 (same bits as jax 0.10.2)",
  truncatedNormal: "jax.random.truncated_normal on [-2, 2] float32 (same bits as jax 0.10.2)",
};

/**
 * The four jax workloads at `specs`: nninit/jax SIMD (the reference), jax with all its threads,
 * jax on one core, and beside normal nninit's tape normal (issue 19: at least half of it).
 */
export function jaxWorkloads(specs, all, oneCore) {
  return JAX_LAWS.map((law) => ({
    id: JAX_WORKLOAD_IDS[law], title: TITLE[law], specs, expect: () => JAX_LAW_EXPECT[law],
    candidates: [
      nninitJaxCandidate(law, "simd", { primary: true }), jaxCandidate(all, law), jaxCandidate(oneCore, law),
      ...(law === "normal" ? [{ ...nninitCandidate("normal", "simd", { mean: 0, std: 1 }, { note: true }), label: "nninit SIMD tape normal" }] : []),
    ],
  }));
}
