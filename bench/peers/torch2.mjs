// Issue 18's rows: nninit/torch against today's torch (2.13) and transformers (5.18) on one
// thread, in the reference venv (.ci/python-requirements.txt, ~/.cache/nninit/venv-<hash>, or
// NNINIT_PYTHON), run before the JS rows (never concurrently). trunc_normal_ follows torch >=
// 2.12's rule (TorchGenerator's default version, 2.13); stateDict("gpt2") replays
// AutoModelForCausalLM.from_config(GPT2Config()). Skipped with a note when the venv is missing.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SEED } from "../config.mjs";
import { sink, moments, checkMoments } from "../check.mjs";
import { selectBuild } from "./nninit.mjs";
import { venvPython } from "./venv.mjs";

const SCRIPT = fileURLToPath(new URL("./hf_torch_bench.py", import.meta.url));
const torchMod = await import(new URL("../../dist/esm/torch.js", import.meta.url)).catch(() => null);

/** Runs the python side; returns { ok: true, ...report } or { ok: false, note }. */
export function runTorch2({ sizes, quick }) {
  const python = venvPython();
  if (!existsSync(python)) return { ok: false, note: `torch 2 skipped: no reference venv at ${python} (.ci/run builds it)` };
  const plan = { sizes, seed: SEED, minSamples: 5, maxTime: quick ? 0.1 : 0.25, minTime: 0.05, gpt2Samples: quick ? 1 : 3 };
  const env = { ...process.env, OMP_NUM_THREADS: "1" };
  const child = spawnSync(python, [SCRIPT], { input: JSON.stringify(plan), encoding: "utf8", env, timeout: 900_000, maxBuffer: 64 << 20 });
  if (child.error) return { ok: false, note: `torch 2 skipped: ${python} not runnable (${child.error.code ?? child.error.message})` };
  if (child.status !== 0) return { ok: false, note: `torch 2 skipped: the python side failed: ${child.stderr.trim().split("\n").pop()}` };
  return { ok: true, ...JSON.parse(child.stdout) };
}

const label = (r) => (r.ok ? `torch ${r.torch.replace(/\+.*/, "")} (1 thread)` : "torch 2 (1 thread)");

/** torch 2's trunc_normal_ row, from the python run. */
export function torch2TruncCandidate(report) {
  const base = { id: "torch2", label: label(report), call: "nn.init.trunc_normal_(torch.empty(n))", allocates: false };
  if (!report.ok) return { ...base, unavailable: report.note };
  return { ...base, precomputed: ({ n }) => report.trunc.find((x) => x.n === n) };
}

/** GPT-2 small's parameter count (tied lm_head once). */
const GPT2_PARAMETERS = 124_439_808;
/** h.0.attn.c_attn.weight: normal_(0, 0.02) kept from post_init. */
const C_ATTN_LAW = { mean: 0, std: 0.02 };

/** SHA-256 of every tensor's float32 bytes, in order (as the python side hashes state_dict()). */
function hashOf(state) {
  const h = createHash("sha256");
  for (const t of state.values()) h.update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return h.digest("hex");
}

/** stateDict("gpt2") against transformers' from_config(GPT2Config()).state_dict(); undefined while dist is not built. */
export function hfGpt2Workload(report) {
  if (!torchMod) return undefined;
  const nninit = {
    id: "nninit-simd", label: "nninit/torch SIMD", call: 'stateDict("gpt2", {}, { seed: 0 })', allocates: true, primary: true, minSamples: 3,
    prepare: () => selectBuild("simd"),
    make() {
      let last;
      return {
        run() {
          last = undefined; // free the previous state dict first, as the python loop does
          globalThis.gc?.();
          last = torchMod.stateDict("gpt2", {}, { seed: 0 });
          sink.value += last.get("transformer.ln_f.bias").data[0];
        },
        verify() {
          const problems = checkMoments(moments(last.get("transformer.h.0.attn.c_attn.weight").data), C_ATTN_LAW).map((p) => `c_attn.weight: ${p}`);
          const h = hashOf(last);
          if (report.ok && h !== report.gpt2.sha256) problems.push(`tensors differ from transformers': sha256 ${h.slice(0, 16)} vs ${report.gpt2.sha256.slice(0, 16)}`);
          return problems;
        },
      };
    },
  };
  const torch = {
    id: "transformers", label: report.ok ? `transformers ${report.transformers} + ${label(report)}` : "transformers (1 thread)",
    call: "torch.manual_seed(0); AutoModelForCausalLM.from_config(GPT2Config()).state_dict()", allocates: true,
    ...(report.ok ? { precomputed: () => ({ samples: report.gpt2.samples, moments: report.gpt2.moments }) } : { unavailable: report.note }),
  };
  return {
    id: "hfGpt2", title: 'transformers GPT-2 small from torch.manual_seed(0): stateDict("gpt2") vs from_config',
    specs: [{ n: GPT2_PARAMETERS, shape: null, label: `${(GPT2_PARAMETERS / 1e6).toFixed(1)}M params` }],
    expect: () => C_ATTN_LAW,
    candidates: [nninit, torch],
  };
}
