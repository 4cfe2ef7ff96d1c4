// Rebuilds what the tests import but git does not hold, when it is missing or older than what it
// is made from (mtimes), so that a fresh clone after `npm ci`, or an edit to src/ or assembly/,
// needs no manual `npm run build` before a test:
//   1. the kernels inlined as base64, src/wasm/*.generated.ts (and build/nninit.debug.wasm), from
//      assembly/ by scripts/build-wasm.mjs;
//   2. the pool's worker script, src/parallel/worker-source.generated.ts (and the jax kind's
//      worker module, src/jax/worker-source.generated.ts), from src/ by
//      scripts/build-pool-worker.mjs (pool tests would otherwise run the old worker code);
//   3. with `dist: true`, the package bundles dist/ from src/ by scripts/build-ts.mjs (the
//      bundler, package, CLI-binary and demo tests import the built package). 1-2 take a few
//      seconds; 3 about 25 s, so test/global-setup.ts asks for it only when such a test runs.
// Used by test/global-setup.ts (vitest's globalSetup) and runnable alone:
// `node scripts/ensure-built.mjs [--dist]`. Logs go to stderr.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPoolWorker } from "./build-pool-worker.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = (...parts) => join(ROOT, ...parts);

/** Every file under `dir` (recursive), absolute paths. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const mtime = (file) => statSync(file).mtimeMs;

/** True when an output is missing or some input is newer than the oldest output. */
function stale(inputs, outputs) {
  if (outputs.length === 0 || outputs.some((f) => !existsSync(f))) return true;
  const oldest = Math.min(...outputs.map(mtime));
  return inputs.some((f) => mtime(f) > oldest);
}

/** The generated kernel files src/wasm/*.ts import (a new module's file counts before it exists). */
function wasmOutputs() {
  const wanted = new Set();
  for (const file of readdirSync(at("src/wasm"))) {
    if (!file.endsWith(".ts") || file.endsWith(".generated.ts")) continue;
    const text = readFileSync(at("src/wasm", file), "utf8");
    for (const m of text.matchAll(/from\s+["']\.\/([\w-]+)\.generated\.js["']/g)) wanted.add(at("src/wasm", `${m[1]}.generated.ts`));
  }
  return [...wanted, at("build/nninit.debug.wasm")];
}

const log = (message) => process.stderr.write(`ensure-built: ${message}\n`);

const srcInputs = () => filesUnder(at("src")).filter((f) => !f.endsWith("worker-source.generated.ts"));

/** Brings the generated sources (and with `dist`, the bundles) up to date; returns what it rebuilt. */
export async function ensureBuilt({ dist = false } = {}) {
  const rebuilt = [];
  const wasmInputs = [...filesUnder(at("assembly")), at("asconfig.json"), at("scripts/build-wasm.mjs")];
  if (stale(wasmInputs, wasmOutputs())) {
    log("assembly/ changed: rebuilding the kernels (scripts/build-wasm.mjs)");
    execFileSync(process.execPath, [at("scripts/build-wasm.mjs"), "--with-debug"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    rebuilt.push("wasm");
  }
  const worker = at("src/parallel/worker-source.generated.ts");
  if (stale([...srcInputs(), at("scripts/build-pool-worker.mjs")], [worker, at("src/jax/worker-source.generated.ts")])) {
    log("src/ changed: rebuilding the pool worker (scripts/build-pool-worker.mjs)");
    await buildPoolWorker(ROOT);
    rebuilt.push("worker");
  }
  if (dist) {
    const bundles = [at("dist/esm/index.js"), at("dist/cjs/index.cjs"), at("dist/esm/index.d.ts"), at("dist/cjs/index.d.cts")];
    if (stale([...srcInputs(), worker, at("scripts/build-ts.mjs"), at("package.json")], bundles)) {
      log("src/ changed: rebuilding dist/ (scripts/build-ts.mjs)");
      execFileSync(process.execPath, [at("scripts/build-ts.mjs")], { cwd: ROOT, stdio: ["ignore", 2, 2] });
      rebuilt.push("dist");
    }
  }
  return rebuilt;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureBuilt({ dist: process.argv.includes("--dist") });
}
