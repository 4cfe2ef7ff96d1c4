// `nninit init gpt2|llama --torch` writes what transformers makes: the file loads into
// AutoModelForCausalLM.from_config(cfg) (a tied lm_head.weight is the one key it may miss: it is
// the embedding) and equals `torch.manual_seed(seed); from_config(cfg)` bit for bit. Runs the
// reference venv (torch 2.13, transformers 5.18, safetensors); skipped without it.

import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import { REF_PYTHON, hasModules } from "../python/venv.js";

const SCRIPT = fileURLToPath(new URL("./hf_load.py", import.meta.url));

const CASES: [string, number, Record<string, unknown>, string[]][] = [
  ["gpt2", 3, { n_layer: 2, n_embd: 32, n_head: 4, vocab_size: 90, n_positions: 20 }, ["lm_head.weight"]],
  ["llama", 8, { hidden_size: 32, intermediate_size: 40, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 70, attention_bias: true }, []],
];

describe.skipIf(!hasModules("torch", "transformers", "safetensors"))("nninit init gpt2|llama --torch loads into transformers and equals from_config", () => {
  it.each(CASES)("%s seed %d %o", { timeout: 300_000 }, async (model, seed, config, missing) => {
    const file = join(mkdtempSync(join(tmpdir(), "nninit-hf-")), "model.safetensors");
    let err = "";
    const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
    const sets = Object.entries(config).flatMap(([k, v]) => ["--set", `${k}=${JSON.stringify(v)}`]);
    const code = await main(["init", model, "--torch", "-q", "--seed", String(seed), ...sets, "-o", file], { stdout: { write: () => {} }, stderr, quiet: true, signal: new AbortController().signal });
    expect(code, err).toBe(0);
    const r = spawnSync(REF_PYTHON!, [SCRIPT, file, model, String(seed), JSON.stringify(config)], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout);
    expect(got.unexpected).toEqual([]);
    expect(got.missing).toEqual(missing);
    expect(got.differ).toEqual([]);
  });
});
