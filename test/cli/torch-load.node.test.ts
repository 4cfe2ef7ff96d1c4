// Issue 12's proof for --torch: a checkpoint written by `nninit init <model> --torch` loads with
// load_state_dict into the model torch builds (nanoGPT as karpathy/nanoGPT's model.py builds it,
// from scripts/torch_nanogpt.py; resnet18 from torchvision) and equals, tensor by tensor and bit for
// bit, the model `torch.manual_seed(seed)` initializes. Runs Debian's torch 1.13.1 through
// /usr/bin/python3 (test/cli/torch_load.py); skipped only when torch is not installed (CI installs it).

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import { PYTHON, hasTorch } from "../torch-models/torch-python.js";

const SCRIPT = fileURLToPath(new URL("./torch_load.py", import.meta.url));

async function init(args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(["init", ...args, "--torch", "-q"], { stdout: { write: () => {} }, stderr, quiet: true, signal: new AbortController().signal });
  return { code, err };
}

interface Loaded { missing: string[]; unexpected: string[]; tensors: number; differ: string[]; fileDtypes: string[] }

function load(file: string, model: string, seed: number, config: Record<string, unknown>, dtype: string): Loaded {
  const r = spawnSync(PYTHON, [SCRIPT, file, model, String(seed), JSON.stringify(config), dtype], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`torch_load.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const sets = (config: Record<string, unknown>) => Object.entries(config).flatMap(([k, v]) => ["--set", `${k}=${JSON.stringify(v)}`]);

const NANO = { n_layer: 2, n_head: 2, n_embd: 64, block_size: 32, vocab_size: 100 };

// [model, seed, config, dtype, the keys load_state_dict may miss, the file's dtypes, state_dict entries]
const CASES: [string, number, Record<string, unknown>, string, string[], string[], number][] = [
  // the tied lm_head.weight is written once (as transformer.wte.weight): the only missing key
  ["nanogpt", 1337, NANO, "float32", ["lm_head.weight"], ["F32"], 31],
  ["nanogpt", 7, { ...NANO, bias: false, n_layer: 3 }, "float32", ["lm_head.weight"], ["F32"], 25],
  ["nanogpt", 1337, NANO, "bfloat16", ["lm_head.weight"], ["BF16"], 31],
  ["resnet18", 11, { num_classes: 10 }, "float32", [], ["F32", "I64"], 122],
  ["resnet18", 0, { num_classes: 10 }, "float16", [], ["F16", "I64"], 122],
];

describe.skipIf(!hasTorch)("nninit init --torch loads into torch and equals torch's own initialization", () => {
  it.each(CASES)("%s seed %d %o %s", { timeout: 120_000 }, async (model, seed, config, dtype, missing, fileDtypes, tensors) => {
    const file = join(mkdtempSync(join(tmpdir(), "nninit-torch-")), "model.safetensors");
    const { code, err } = await init([model, "--seed", String(seed), "--dtype", dtype, ...sets(config), "-o", file]);
    expect(code, err).toBe(0);
    const r = load(file, model, seed, config, dtype);
    expect(r.unexpected).toEqual([]);
    expect(r.missing).toEqual(missing);
    expect(r.fileDtypes).toEqual(fileDtypes);
    expect(r.tensors).toBe(tensors);
    expect(r.differ).toEqual([]);
  });
});
