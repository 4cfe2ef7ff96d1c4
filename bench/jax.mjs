// `npm run bench:jax`: nninit/jax against jax 0.10.2 on CPU, side by side in one run: raw
// threefry words, uniform and normal of 16M float32, and nninit's tape normal for scale.
// JAX runs in the reference venv (test/python/venv.ts finds it; NNINIT_PYTHON overrides) with
// all its threads and, for the per-core figure, pinned to one core (taskset -c 0). Medians of
// REPS runs; the two sides alternate. Prints a markdown table with the load average.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { homedir, loadavg, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as J from "../dist/esm/jax.js";
import { normal as tapeNormal, manualSeed } from "../dist/esm/index.js";

const N = 1 << 24;
const REPS = Number(process.env.REPS ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));

function python() {
  if (process.env.NNINIT_PYTHON) return process.env.NNINIT_PYTHON;
  const hash = createHash("sha256").update(readFileSync(join(root, ".ci/python-requirements.txt"))).digest("hex").slice(0, 12);
  const p = join(homedir(), ".cache", "nninit", `venv-${hash}`, "bin", "python");
  return existsSync(p) ? p : null;
}

const JAX_SCRIPT = `
import time, json, sys, os
import jax, jax.numpy as jnp
n, reps = int(sys.argv[1]), int(sys.argv[2])
k = jax.random.key(0)
out = {"jax": jax.__version__, "threads": os.sched_getaffinity(0).__len__()}
for name, f in (("bits", lambda: jax.random.bits(k, (n,))), ("uniform", lambda: jax.random.uniform(k, (n,))), ("normal", lambda: jax.random.normal(k, (n,)))):
    f().block_until_ready()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); f().block_until_ready(); ts.append(time.perf_counter() - t)
    out[name] = sorted(ts)[len(ts) // 2]
print(json.dumps(out))
`;

function runJax(pinned) {
  const py = python();
  if (!py) return null;
  const cmd = pinned ? ["taskset", ["-c", "0", py, "-c", JAX_SCRIPT, String(N), String(REPS)]] : [py, ["-c", JAX_SCRIPT, String(N), String(REPS)]];
  const r = spawnSync(cmd[0], cmd[1], { encoding: "utf8", env: { ...process.env, JAX_PLATFORMS: "cpu" } });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

function median(f) {
  f();
  const ts = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    f();
    ts.push((performance.now() - t) / 1e3);
  }
  return ts.sort((a, b) => a - b)[ts.length >> 1];
}

const load0 = loadavg()[0];
const key = J.key(0);
const bitsOut = new Uint32Array(N), f32Out = new Float32Array(N);
const ours = {}, jaxAll = [], jaxOne = [];
// Alternate: nninit, jax (all threads), jax (1 core), twice; keep the medians of each.
for (let round = 0; round < 2; round++) {
  ours.bits = Math.min(ours.bits ?? Infinity, median(() => J.bits(key, [N], { out: bitsOut })));
  ours.uniform = Math.min(ours.uniform ?? Infinity, median(() => J.uniform(key, [N], { out: f32Out })));
  ours.normal = Math.min(ours.normal ?? Infinity, median(() => J.normal(key, [N], { out: f32Out })));
  manualSeed(0);
  ours.tape = Math.min(ours.tape ?? Infinity, median(() => tapeNormal([N], { out: f32Out })));
  jaxAll.push(runJax(false));
  jaxOne.push(runJax(true));
}
const load1 = loadavg()[0];
const best = (runs, name) => (runs.every(Boolean) ? Math.min(...runs.map((r) => r[name])) : NaN);
const rate = (s) => (Number.isFinite(s) ? `${(N / s / 1e6).toFixed(0)} M/s` : "n/a");
const threads = jaxAll[0]?.threads ?? "?";
console.log(`| 16M float32 (2^24) | nninit/jax (wasm, 1 thread) | jax ${jaxAll[0]?.jax ?? "?"} CPU, ${threads} threads | jax, 1 core | nninit tape normal |`);
console.log("|---|---|---|---|---|");
for (const name of ["bits", "uniform", "normal"]) {
  console.log(`| ${name} | ${rate(ours[name])} | ${rate(best(jaxAll, name))} | ${rate(best(jaxOne, name))} | ${name === "normal" ? rate(ours.tape) : ""} |`);
}
console.log(`\nload average ${load0.toFixed(1)} -> ${load1.toFixed(1)} on ${cpus().length} cores (shared machine); medians of ${REPS}, best of 2 alternated rounds.`);

