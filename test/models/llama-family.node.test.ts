// The Llama-shaped architectures of src/models/llama-family.ts: `nninit init <model_type>` writes a
// checkpoint that transformers 5.18 loads with AutoModelForCausalLM.from_pretrained with no
// missing, unexpected or mismatched key (live, with the reference venv), every tensor of which
// follows its law (inspect), and a config.json naming an unsupported model_type gets the list of
// supported ones.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { inspect } from "../../src/cli/inspect.js";
import { buildRecipe, resolveConfig } from "../../src/checkpoint.js";
import { LLAMA_FAMILY } from "../../src/models/llama-family.js";
import { MODEL_TYPES } from "../../src/models/index.js";
import { hasModules, runReference } from "../python/venv.js";

const SCRIPT = fileURLToPath(new URL("./from_pretrained.py", import.meta.url));
const TYPES = Object.keys(LLAMA_FAMILY);
const TINY = { hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 300, max_position_embeddings: 128 };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: new AbortController().signal });
  return { code, out, err };
}

/** Writes a tiny checkpoint of `type` from a config.json as a user would; its directory. */
async function init(type: string, extra: Record<string, unknown> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `nninit-${type}-`));
  const config = join(dir, "in-config.json");
  writeFileSync(config, JSON.stringify({ model_type: type, ...TINY, pad_token_id: 5, ...extra }));
  const r = await run(["init", "--config", config, "--seed", "3", "-q", "-o", join(dir, "out")]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return join(dir, "out");
}

describe("Llama-shaped model types", () => {
  it("are all supported model types, with the names and shapes their modules have", () => {
    for (const t of ["mistral", "qwen2", "qwen3", "granite", "olmo2", "smollm3", "exaone4", "arcee"]) expect(MODEL_TYPES).toContain(t);
    const names = (type: string) => buildRecipe(resolveConfig(undefined, { model_type: type, ...TINY })).tensors.filter((t) => t.name.includes("layers.0.")).map((t) => `${t.name.slice(15)} ${t.shape.join("x")}`);
    expect(names("qwen2")).toEqual(["self_attn.q_proj.weight 64x64", "self_attn.q_proj.bias 64", "self_attn.k_proj.weight 32x64", "self_attn.k_proj.bias 32",
      "self_attn.v_proj.weight 32x64", "self_attn.v_proj.bias 32", "self_attn.o_proj.weight 64x64", "mlp.gate_proj.weight 96x64", "mlp.up_proj.weight 96x64",
      "mlp.down_proj.weight 64x96", "input_layernorm.weight 64", "post_attention_layernorm.weight 64"]);
    expect(names("qwen3")).toContain("self_attn.q_norm.weight 128"); // head_dim defaults to 128, not hidden / heads
    expect(names("olmo2")).toEqual(expect.arrayContaining(["self_attn.q_norm.weight 64", "self_attn.k_norm.weight 32", "post_feedforward_layernorm.weight 64"]));
    expect(names("olmo2").some((n) => n.startsWith("input_layernorm"))).toBe(false);
    expect(names("exaone4")).toEqual(expect.arrayContaining(["self_attn.q_norm.weight 16", "self_attn.k_norm.weight 16", "post_feedforward_layernorm.weight 64"]));
    expect(names("arcee").some((n) => n.startsWith("mlp.gate_proj"))).toBe(false);
  });

  it.each(TYPES)("%s: config.json names the architecture; every tensor follows its law", async (type) => {
    const dir = await init(type);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config).toMatchObject({ model_type: type, architectures: [LLAMA_FAMILY[type].architecture], hidden_size: 64 });
    const report = await inspect(dir);
    expect(report.checked).toBe(report.tensors.length);
    expect(report.matched).toBe(report.checked);
  });

  it("an unsupported model_type is refused with the supported list", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-unsupported-"));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ model_type: "mamba" }));
    const r = await run(["init", "--config", join(dir, "c.json"), "-o", join(dir, "o")]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/model_type "mamba" is not supported; supported model types: gpt2, llama, nanogpt, resnet, mistral, qwen2, qwen3, granite, olmo2, smollm3, exaone4, arcee/);
  });
});

describe.skipIf(!hasModules("transformers", "torch", "safetensors"))("transformers 5.18 loads them", () => {
  it("from_pretrained: no missing, unexpected or mismatched key, for every type (and qwen3 with attention_bias, llama with tied embeddings)", async () => {
    const dirs = await Promise.all([...TYPES.map((t) => init(t)), init("qwen3", { attention_bias: true }), init("llama", { tie_word_embeddings: true })]);
    const loaded = JSON.parse(runReference(SCRIPT, dirs)) as Record<string, { class: string; missing: string[]; unexpected: string[]; mismatched: string[] }>;
    for (const [i, d] of dirs.entries()) {
      const type = TYPES[i] ?? (i === TYPES.length ? "qwen3" : "llama");
      expect({ type, ...loaded[d] }).toEqual({ type, class: LLAMA_FAMILY[type]?.architecture ?? "LlamaForCausalLM", missing: [], unexpected: [], mismatched: [] });
    }
  }, 180_000);
});
