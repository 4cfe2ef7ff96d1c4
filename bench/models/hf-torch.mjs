// nninit/torch against torch 2.13 + transformers 5.18 on one thread (issue 18), run on its own:
// `node --expose-gc bench/models/hf-torch.mjs [rounds]` after `npm run build`.
//   trunc_normal_ >= 2.12: truncNormal([16M]) with a TorchGenerator (version 2.13) vs
//     nn.init.trunc_normal_(torch.empty(16M)).
//   stateDict("gpt2") at GPT2Config's default size vs
//     AutoModelForCausalLM.from_config(GPT2Config()).state_dict().
// The two sides alternate, one sample each per round (torch in a fresh process each time, timed
// by its own clock after a warm-up); medians are printed with the load average before and after.

import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { homedir } from "node:os";
import { truncNormal } from "../../dist/esm/index.js";
import { TorchGenerator, stateDict } from "../../dist/esm/torch.js";

const PYTHON = process.env.NNINIT_PYTHON ?? join(homedir(), ".cache/nninit/venv-f5eb10ae3914/bin/python");
const SCRIPT = fileURLToPath(new URL("../peers/hf_torch_bench.py", import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const N = 1 << 24;

function torchSide(op) {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify({ op, n: N }), encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).seconds;
}

function time(f) {
  globalThis.gc?.();
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");

const rows = {
  "trunc_normal_ 16M, [-2, 2]": {
    nninit: () => { const out = new Float32Array(N); return time(() => truncNormal([N], { generator: new TorchGenerator(0), out })); },
    torch: () => torchSide("trunc"), per: N,
  },
  'stateDict("gpt2") default (124M)': {
    nninit: () => time(() => stateDict("gpt2", {}, { seed: 0 })),
    torch: () => torchSide("gpt2"), per: 124_439_808,
  },
};

console.log(`load before: ${load()} (2 cores, shared)`);
for (const [name, row] of Object.entries(rows)) {
  const a = [], b = [];
  row.nninit(); // warm-up
  for (let i = 0; i < rounds; i++) { a.push(row.nninit()); b.push(row.torch()); }
  const ma = median(a), mb = median(b);
  console.log(`${name}: nninit ${ma.toFixed(3)} s (${(row.per / ma / 1e6).toFixed(1)} M/s), torch 2.13 ${mb.toFixed(3)} s (${(row.per / mb / 1e6).toFixed(1)} M/s), ratio ${(mb / ma).toFixed(2)}x, load ${load()}`);
}
