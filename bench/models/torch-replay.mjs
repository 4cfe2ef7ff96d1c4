// The model-replay workload (issue 10): nninit/torch's stateDict("resnet50") against torch
// itself, `torch.manual_seed(0); torchvision.models.resnet50()` with torch.set_num_threads(1)
// in a /usr/bin/python3 subprocess (skipped with a note when torch is not installed). nninit's
// output is checked against torch's: the SHA-256 of all parameters must be the same.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { sink, moments, checkMoments } from "../check.mjs";
import { selectBuild } from "../peers/nninit.mjs";

const torchMod = await import(new URL("../../dist/esm/torch.js", import.meta.url)).catch(() => null);
const SCRIPT = fileURLToPath(new URL("../peers/torch_models_bench.py", import.meta.url));
const PYTHON = "/usr/bin/python3";

/** Timing of torch's constructor, measured once per run (outside every JS row). */
let torchReport;
function runTorch(model) {
  if (torchReport === undefined) {
    const child = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ model, samples: 5 }), encoding: "utf8", timeout: 600_000 });
    if (child.error) torchReport = { ok: false, note: `torch skipped: ${PYTHON} not runnable (${child.error.code ?? child.error.message})` };
    else if (child.status !== 0) torchReport = { ok: false, note: /No module named/.test(child.stderr) ? "torch skipped: /usr/bin/python3 has no torch/torchvision" : `torch skipped: ${child.stderr.trim().split("\n").pop()}` };
    else torchReport = { ok: true, ...JSON.parse(child.stdout) };
  }
  return torchReport;
}

/** SHA-256 of every tensor's bytes, in order (as the python side hashes named_parameters()). */
function hashOf(state) {
  const h = createHash("sha256");
  for (const t of state.values()) h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return h.digest("hex");
}

/** fc.weight's law: nn.Linear(in, out)'s kaiming_uniform_(a=sqrt(5)) is U(-1/sqrt(in), 1/sqrt(in)). */
function fcLaw(inFeatures) {
  const bound = 1 / Math.sqrt(inFeatures);
  return { mean: 0, std: bound / Math.sqrt(3), lo: -bound, hi: bound };
}

/** The workload, or undefined while the nninit/torch subpath is not built. */
export function torchReplayWorkload(model = "resnet50") {
  if (!torchMod) return undefined;
  const count = [...torchMod.stateDict(model, {}, { seed: 0 }).values()].reduce((n, t) => n + t.data.length, 0);
  const nninit = {
    id: "nninit-simd", label: "nninit/torch SIMD", call: `stateDict("${model}", {}, { seed: 0 })`, allocates: true, primary: true, minSamples: 5, // as many as the torch side
    prepare: () => selectBuild("simd"),
    make() {
      let last;
      return {
        run() {
          // Free the previous state dict first, as torch's loop does (`model = make()` drops the
          // old model, and malloc hands its memory to the next one): without this, every call
          // here takes ~100 MB of fresh pages, and first-touch page faults (0.6-1 s per 100 MB
          // on this machine, the same for torch's first resnet50() in a fresh process) swamp the
          // replay itself. globalThis.gc exists under `npm run bench` (node --expose-gc).
          last = undefined;
          globalThis.gc?.();
          last = torchMod.stateDict(model, {}, { seed: 0 });
          sink.value += last.get("fc.bias").data[0];
        },
        verify() {
          const fc = last.get("fc.weight");
          const problems = checkMoments(moments(fc.data), fcLaw(fc.shape[1])).map((p) => `fc.weight: ${p}`);
          const t = runTorch(model);
          const h = hashOf(last);
          if (t.ok && h !== t.sha256) problems.push(`parameters differ from torch's: sha256 ${h.slice(0, 16)} vs ${t.sha256.slice(0, 16)}`);
          return problems;
        },
      };
    },
  };
  const torch = {
    id: "torch", label: "torch 1 thread", call: `torch.manual_seed(0); torchvision.models.${model}()`, allocates: true,
    precomputed() {
      const t = runTorch(model);
      if (!t.ok) return undefined;
      return { samples: t.samples, moments: t.fcMoments };
    },
    expect: () => fcLaw(model === "resnet18" || model === "resnet34" ? 512 : 2048),
  };
  if (!runTorch(model).ok) torch.unavailable = runTorch(model).note;
  return {
    id: "torchReplay", title: `torch model replay: ${model}() from torch.manual_seed(0)`,
    specs: [{ n: count, shape: null, label: `${(count / 1e6).toFixed(1)}M params` }],
    candidates: [nninit, torch],
  };
}
