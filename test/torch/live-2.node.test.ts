// nninit/torch (version "2.13") against the reference venv's torch 2.13, every value of
// scripts/torch-reference.py --full under torch's default dispatch (AVX2, or AVX-512 which runs
// the same normal_ kernel): uniform_, normal_, kaiming, xavier, sparse_, trunc_normal_ (>= 2.12
// rules) bit for bit; orthogonal_ within the absolute bound of the 1.13 test (LAPACK's QR).

import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TorchGenerator } from "../../src/torch/index.js";
import { runOp, ulpDistance, type RefFile } from "./ops.js";
import { BOUNDS } from "./bounds.js";
import { ROOT } from "../bundlers/harness.js";
import { hasModules, runReference } from "../python/venv.js";

describe.skipIf(!hasModules("torch"))("live torch 2.x (the reference venv), default dispatch", () => {
  it("every value of every op for every seed", { timeout: 900_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-torch2-"));
    let ref: RefFile;
    try {
      const out = join(dir, "ref.json");
      runReference(join(ROOT, "scripts/torch-reference.py"), ["--full", "--out", out]);
      ref = JSON.parse(readFileSync(out, "utf8")) as RefFile;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(ref.torch.startsWith("2.")).toBe(true);
    const failures: string[] = [];
    let values = 0;
    for (const [seed, { ops }] of Object.entries(ref.seeds)) {
      const g = new TorchGenerator(BigInt(seed), { version: "2.13" });
      for (const op of ops) {
        const got = runOp(op, g);
        const raw = Buffer.from(op.data!, "base64");
        const want = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
        values += want.length;
        for (let i = 0; i < want.length; i++) {
          const off = op.op === "orthogonal" ? Math.abs(got[i] - want[i]) > BOUNDS.abs : !Object.is(got[i], want[i]);
          if (off) {
            failures.push(`seed ${seed}: ${op.op}(${JSON.stringify(op.shape)}, ${JSON.stringify(op.params)})[${i}] = ${got[i]}, torch ${want[i]} (${ulpDistance(got[i], want[i])} ulp)`);
            break;
          }
        }
      }
    }
    console.log(`torch ${ref.torch} (${ref.capability}) vs nninit/torch version 2.13: ${values} values compared`);
    expect(failures).toEqual([]);
  });
});
