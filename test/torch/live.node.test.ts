// nninit/torch against the PyTorch installed on this machine, every value: runs
// scripts/torch-reference.py --full under ATEN_CPU_CAPABILITY=default and under torch's default
// dispatch, replays the same op sequence, and compares all values (bit for bit where the
// committed-reference test does; the measured worst case elsewhere is printed). Skipped, with a
// note, when /usr/bin/python3 cannot import torch.

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TorchGenerator } from "../../src/torch/index.js";
import { runOp, exactness, ulpDistance, type RefFile } from "./ops.js";
import { BOUNDS } from "./bounds.js";
import { ROOT } from "../bundlers/harness.js";

const PYTHON = "/usr/bin/python3";
const hasTorch = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" }).status === 0;
if (!hasTorch) console.warn("nninit/torch live comparison skipped: /usr/bin/python3 cannot import torch");

function reference(capability: string | null): RefFile {
  const dir = mkdtempSync(join(tmpdir(), "nninit-torch-"));
  try {
    const env = { ...process.env };
    delete env.ATEN_CPU_CAPABILITY;
    if (capability) env.ATEN_CPU_CAPABILITY = capability;
    const out = join(dir, "ref.json");
    const run = spawnSync(PYTHON, [join(ROOT, "scripts/torch-reference.py"), "--full", "--out", out], { env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`torch-reference.py failed: ${run.stderr}`);
    return JSON.parse(readFileSync(out, "utf8")) as RefFile;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasTorch).each([["avx2", null], ["default", "default"]] as const)("live torch, %s build", (build, capability) => {
  it("every value of every op for every seed", { timeout: 900_000 }, () => {
    const ref = reference(capability);
    const worst: Record<string, { ulp: number; abs: number; values: number; differing: number }> = {};
    for (const [seed, { ops }] of Object.entries(ref.seeds)) {
      const g = new TorchGenerator(BigInt(seed), { build, version: "1.13" });
      for (const op of ops) {
        const got = runOp(op, g);
        const raw = Buffer.from(op.data!, "base64");
        const want = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
        const kind = exactness(op, build);
        const w = (worst[`${op.op} (${kind})`] ??= { ulp: 0, abs: 0, values: 0, differing: 0 });
        for (let i = 0; i < want.length; i++) {
          const u = ulpDistance(got[i], want[i]);
          if (u !== 0) w.differing++;
          w.ulp = Math.max(w.ulp, u);
          w.abs = Math.max(w.abs, Math.abs(got[i] - want[i]));
        }
        w.values += want.length;
        const what = `seed ${seed}: ${op.op}(${JSON.stringify(op.shape)}, ${JSON.stringify(op.params)})`;
        // The first value past the op's bound (exact: any difference), or -1.
        let first = -1;
        for (let i = 0; i < want.length && first < 0; i++) {
          const off = kind === "exact" ? !Object.is(got[i], want[i]) : kind === "ulp" ? ulpDistance(got[i], want[i]) > BOUNDS.ulp : Math.abs(got[i] - want[i]) > BOUNDS.abs;
          if (off) first = i;
        }
        expect(first, `${what}: [${first}] = ${got[first]}, torch ${want[first]}`).toBe(-1);
      }
    }
    console.log(`torch ${ref.torch} (${ref.capability}) vs nninit/torch ${build}:\n` +
      Object.entries(worst).map(([k, w]) => `  ${k}: ${w.values} values, ${w.differing} differ, max ${w.ulp} ulp, max |diff| ${w.abs.toExponential(2)}`).join("\n"));
  });
});
