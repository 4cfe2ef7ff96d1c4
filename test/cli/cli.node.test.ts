// The nninit command, run in-process: init writes files an independent reader (Python + numpy,
// test/io/read_safetensors.py) reads back with the bytes the public API gives; half dtypes equal
// numpy's rounding of the float32 file; shards written one by one equal the full run's; inspect
// checks laws; usage errors, interrupts and malformed files give their exit codes and leave no file.

import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { resolveConfig, buildRecipe, tensorSources } from "../../src/checkpoint.js";
import { writeSafetensorsFile } from "../../src/checkpoint-node.js";
import { Generator, normal, ones, zeros, type Dtype } from "../../src/index.js";
import { NNINIT_VERSION } from "../../src/version.js";

const READER = join(__dirname, "../io/read_safetensors.py");
const TINY_GPT2 = ["--set", "n_layer=2", "--set", "n_embd=64", "--set", "n_head=4", "--set", "vocab_size=1000", "--set", "n_positions=128"];
const TINY_LLAMA = ["--set", "hidden_size=64", "--set", "intermediate_size=160", "--set", "num_hidden_layers=2", "--set", "num_attention_heads=4",
  "--set", "num_key_value_heads=2", "--set", "vocab_size=500", "--set", "pad_token_id=3"];

async function run(args: string[], signal?: AbortSignal): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: signal ?? new AbortController().signal });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), "nninit-cli-"));
const sha = (b: ArrayBufferView) => createHash("sha256").update(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).digest("hex");

interface PyTensor { name: string; dtype: string; shape: number[]; sha256: string; from_f32?: { F16: string; BF16: string } }
function pyRead(file: string, fromF32?: string): { metadata: Record<string, string>; tensors: PyTensor[] } {
  const args = [READER, file, ...(fromF32 ? ["--from-f32", fromF32] : [])];
  return JSON.parse(execFileSync("python3", args, { encoding: "utf8", maxBuffer: 1 << 26 }));
}

/** The bytes each tensor of a gpt2-family recipe must hold, computed with the public API alone. */
function expectedDigests(config: Record<string, unknown>, seed: number, dtype: Dtype): Map<string, string> {
  const generator = new Generator(seed);
  const out = new Map<string, string>();
  for (const t of buildRecipe(config).tensors) {
    const x = t.law.kind === "points" ? (t.law.points[0].value === 1 ? ones(t.shape, { dtype }) : zeros(t.shape, { dtype }))
      : normal(t.shape, { generator, mean: 0, std: t.law.kind === "normal" ? t.law.std : NaN, dtype });
    out.set(t.name, sha(x));
  }
  return out;
}

describe("nninit init", () => {
  it.each(["float32", "bfloat16", "float16"] as const)("gpt2 in %s: files, config.json, bytes = the API's, read by Python", async (dtype) => {
    const dir = tmp();
    const { code, out, err } = await run(["init", "gpt2", ...TINY_GPT2, "--seed", "42", "--dtype", dtype, "-o", dir]);
    expect(err).toMatch(/100%/);
    expect(code).toBe(0);
    expect(out).toMatch(/^wrote gpt2 \([\d,]+ parameters, .*seed 42\) to .*: 1 file, .* in .* s \(.*\/s\)\n$/);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "model.safetensors"]);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config).toMatchObject({ model_type: "gpt2", architectures: ["GPT2LMHeadModel"], n_layer: 2, n_embd: 64, torch_dtype: dtype });
    const py = pyRead(join(dir, "model.safetensors"));
    expect(py.metadata).toMatchObject({ format: "pt", nninit_recipe: "gpt2", nninit_seed: "42", nninit_dtype: dtype, nninit_version: NNINIT_VERSION });
    const want = expectedDigests(resolveConfig("gpt2", undefined, JSON.parse(py.metadata.nninit_config)), 42, dtype);
    expect(py.tensors.map((t) => t.name)).toEqual([...want.keys()]);
    for (const t of py.tensors) expect(t.sha256, t.name).toBe(want.get(t.name));
    expect(py.tensors.find((t) => t.name === "transformer.h.1.attn.c_attn.weight")).toMatchObject({ dtype: { float32: "F32", bfloat16: "BF16", float16: "F16" }[dtype], shape: [64, 192] });
    expect(py.tensors.some((t) => t.name === "lm_head.weight")).toBe(false); // tied: saved once
  });

  it("float16 and bfloat16 files equal numpy's rounding of the float32 file", async () => {
    const dir = tmp();
    for (const dtype of ["float32", "float16", "bfloat16"]) {
      expect((await run(["init", "llama", ...TINY_LLAMA, "--seed", "7", "--dtype", dtype, "-q", "-o", join(dir, `${dtype}.safetensors`)])).code).toBe(0);
    }
    for (const [dtype, key] of [["float16", "F16"], ["bfloat16", "BF16"]] as const) {
      const py = pyRead(join(dir, `${dtype}.safetensors`), join(dir, "float32.safetensors"));
      for (const t of py.tensors) expect(t.sha256, `${dtype} ${t.name}`).toBe(t.from_f32![key]);
    }
  });

  it("llama: HF names and shapes, GQA, untied lm_head, the padding row zeroed", async () => {
    const dir = tmp();
    expect((await run(["init", "llama", ...TINY_LLAMA, "-q", "-o", dir])).code).toBe(0);
    const py = pyRead(join(dir, "model.safetensors"));
    const shapes = Object.fromEntries(py.tensors.map((t) => [t.name, t.shape]));
    expect(shapes["model.embed_tokens.weight"]).toEqual([500, 64]);
    expect(shapes["model.layers.1.self_attn.q_proj.weight"]).toEqual([64, 64]);
    expect(shapes["model.layers.1.self_attn.k_proj.weight"]).toEqual([32, 64]);
    expect(shapes["model.layers.1.mlp.down_proj.weight"]).toEqual([64, 160]);
    expect(shapes["model.norm.weight"]).toEqual([64]);
    expect(shapes["lm_head.weight"]).toEqual([500, 64]);
    expect(py.tensors.length).toBe(1 + 2 * 9 + 2);
    // the embedding: normal, with row 3 zero, drawn from the tape start
    const embed = normal([500, 64], { generator: new Generator(0), std: 0.02 });
    embed.fill(0, 3 * 64, 4 * 64);
    expect(py.tensors[0].sha256).toBe(sha(embed));
    const inspected = await run(["inspect", dir]);
    expect(inspected.code).toBe(0);
    expect(inspected.out).toMatch(/21 of 21 match their recipe's law/);
  });

  it("shards: HF layout, and each shard written alone is byte-identical to the full run", async () => {
    const full = tmp(), split = tmp();
    const args = ["init", "gpt2", ...TINY_GPT2, "--dtype", "bfloat16", "--max-shard-size", "100kB", "-q"];
    expect((await run([...args, "-o", full])).code).toBe(0);
    const files = readdirSync(full).sort();
    const shards = files.filter((f) => f.endsWith(".safetensors"));
    expect(shards.length).toBeGreaterThan(3);
    expect(shards[0]).toBe(`model-00001-of-${String(shards.length).padStart(5, "0")}.safetensors`);
    expect(files).toContain("model.safetensors.index.json");
    const index = JSON.parse(readFileSync(join(full, "model.safetensors.index.json"), "utf8"));
    let total = 0;
    const names: string[] = [];
    for (const s of shards) {
      const py = pyRead(join(full, s));
      for (const t of py.tensors) {
        expect(index.weight_map[t.name]).toBe(s);
        total += t.shape.reduce((a, b) => a * b, 1) * 2;
        names.push(t.name);
      }
    }
    expect(index.metadata.total_size).toBe(total);
    expect(names.sort()).toEqual(Object.keys(index.weight_map).sort());
    for (let k = shards.length; k >= 1; k--) expect((await run([...args, "--shard", String(k), "-o", split])).code).toBe(0);
    expect(readdirSync(split).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(split, f)).equals(readFileSync(join(full, f))), f).toBe(true);
    // the digests of every tensor equal the unsharded file's
    const one = tmp();
    expect((await run(["init", "gpt2", ...TINY_GPT2, "--dtype", "bfloat16", "-q", "-o", one])).code).toBe(0);
    const whole = new Map(pyRead(join(one, "model.safetensors")).tensors.map((t) => [t.name, t.sha256]));
    for (const s of shards) for (const t of pyRead(join(full, s)).tensors) expect(t.sha256).toBe(whole.get(t.name));
    const inspected = await run(["inspect", full, "--json"]);
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.out);
    expect(report.files.length).toBe(shards.length);
    expect(report.checked).toBe(names.length);
    expect(report.matched).toBe(names.length);
  });

  it("Ctrl-C (the abort signal) stops the write: exit 130, no file under its final name, no temporary left", async () => {
    const dir = tmp();
    const controller = new AbortController();
    let err = "";
    const stderr = { write: (s: string) => { err += s; if (/[1-9]\d*%/.test(s)) controller.abort(new Error("interrupted")); return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
    const code = await main(["init", "gpt2", ...TINY_GPT2, "-o", dir], { stdout: { write: () => true }, stderr, quiet: false, signal: controller.signal });
    expect(code).toBe(130);
    expect(err).toMatch(/interrupted; no partial file was left/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("nninit inspect", () => {
  it("Ctrl-C stops it with exit 130 and no claim about partial files (it writes none)", async () => {
    const dir = tmp();
    await run(["init", "gpt2", ...TINY_GPT2, "-q", "-o", dir]);
    const controller = new AbortController();
    controller.abort(new Error("interrupted"));
    let err = "";
    const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
    const code = await main(["inspect", join(dir, "model.safetensors")], { stdout: { write: () => true }, stderr, quiet: false, signal: controller.signal });
    expect(code).toBe(130);
    expect(err).toMatch(/^\nnninit: interrupted\n$/);
  });

  it("prints dtype, shape, mean, std, min, max and the law of each tensor", async () => {
    const dir = tmp();
    await run(["init", "gpt2", ...TINY_GPT2, "--dtype", "bfloat16", "-q", "-o", dir]);
    const { code, out } = await run(["inspect", join(dir, "model.safetensors")]);
    expect(code).toBe(0);
    expect(out).toMatch(/recipe gpt2 seed 0 \(tape\)/);
    expect(out).toMatch(/^tensor +dtype +shape +mean +std +min +max +law +ok$/m);
    expect(out).toMatch(/^transformer\.wte\.weight +BF16 +1000x64 .* N\(0, 0\.02\^2\) +yes$/m);
    expect(out).toMatch(/^transformer\.h\.1\.mlp\.c_proj\.weight +BF16 +256x64 .* N\(0, 0\.01\^2\) +yes$/m);
    expect(out).toMatch(/^transformer\.ln_f\.weight +BF16 +64 +1\.00000 +0\.00000 +1\.00000 +1\.00000 += 1 +yes$/m);
    expect(out).toMatch(/28 tensors, [\d,]+ elements; 28 of 28 match their recipe's law\n$/);
  });

  it("exits 3 when a tensor is off the law its metadata names", async () => {
    const dir = tmp();
    const config = resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 32, n_head: 2, vocab_size: 100, n_positions: 16 });
    const wrong = buildRecipe({ ...config, initializer_range: 0.05 });
    const path = join(dir, "w.safetensors");
    await writeSafetensorsFile(path, tensorSources(wrong, 0, "float32"), { metadata: { nninit_recipe: "gpt2", nninit_config: JSON.stringify(config) } });
    const { code, out } = await run(["inspect", path]);
    expect(code).toBe(3);
    expect(out).toMatch(/^transformer\.wte\.weight +F32 .* N\(0, 0\.02\^2\) +NO$/m);
    expect(out).toMatch(/do NOT/);
  });

  it("reads any safetensors file (no recipe: statistics only) and exits 1 on a malformed one", async () => {
    const dir = tmp();
    const path = join(dir, "plain.safetensors");
    await writeSafetensorsFile(path, [{ name: "x", shape: [4], dtype: "float32", fill: (o) => { (o as Float32Array).set([1, 2, 3, 4]); } }]);
    const ok = await run(["inspect", path]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^x +F32 +4 +2\.50000 +1\.11803 +1\.00000 +4\.00000$/m);
    const bad = join(dir, "bad.safetensors");
    const bytes = readFileSync(path);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 2));
    const r = await run(["inspect", bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nninit inspect: \S*bad\.safetensors: the tensors need 16 bytes of data but the file holds 14/);
  });
});

describe("usage errors exit 2 and write nothing", () => {
  const cases: [string, string[], RegExp][] = [
    ["no command", [], /usage:/],
    ["an unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["an unknown model", ["init", "gpt5", "-o", "X"], /unknown model "gpt5"; known models: gpt2, /],
    ["an unknown option", ["init", "gpt2", "--sede", "1", "-o", "X"], /unknown option --sede/],
    ["a bad dtype", ["init", "gpt2", "--dtype", "float8", "-o", "X"], /--dtype must be one of float32, float16, bfloat16, got "float8"/],
    ["a bad seed", ["init", "gpt2", "--seed", "1.5", "-o", "X"], /^nninit init: --seed must be an integer written in decimal, got "1.5"/],
    ["a seed out of range", ["init", "gpt2", "--seed", "18446744073709551616", "-o", "X"], /^nninit init: --seed must be /],
    ["no output", ["init", "gpt2"], /-o PATH is required/],
    ["--torch with a GPT-2 option the replay does not build", ["init", "gpt2", "--torch", "--set", "add_cross_attention=true", "-o", "X"], /add_cross_attention/],
    ["--torch with a config torch refuses", ["init", "nanogpt", "--torch", "--set", "n_head=5", "--set", "n_embd=64", "-o", "X"], /config.n_embd must be divisible by config.n_head \(5\), got 64/],
    ["--threads 0", ["init", "gpt2", "--threads", "0", "-o", "X"], /--threads must be an integer in \[1, 256\]/],
    ["--shard without --max-shard-size", ["init", "gpt2", "--shard", "2", "-o", "X"], /--shard 2 needs --max-shard-size/],
    ["a shard past the split", ["init", "gpt2", ...TINY_GPT2, "--max-shard-size", "1MB", "--shard", "9", "-o", "X"], /--shard 9: the checkpoint fits in one file/],
    ["a bad size", ["init", "gpt2", "--max-shard-size", "big", "-o", "X"], /--max-shard-size: a size must look like 2GB/],
    ["a config value of the wrong type", ["init", "gpt2", "--set", "n_layer=twelve", "-o", "X"], /--set n_layer="twelve": gpt2's n_layer is a number, got a string/],
    ["a config.json that does not exist", ["init", "--config", "/nonexistent/config.json", "-o", "X"], /cannot read --config/],
    ["inspect without a path", ["inspect"], /inspect takes one PATH/],
  ];
  it.each(cases)("%s", async (_label, args, message) => {
    const dir = tmp();
    const { code, out, err } = await run(args.map((a) => (a === "X" ? join(dir, "out") : a)));
    expect(code).toBe(2);
    expect(out + err).toMatch(message);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("nninit models and config files", () => {
  it("lists every model with its parameter count (HF's published counts)", async () => {
    const { code, out } = await run(["models"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^gpt2 +124,439,808 +Hugging Face GPT2LMHeadModel \(--torch\)$/m);
    expect(out).toMatch(/^gpt2-xl +1,557,611,200 /m);
    expect(out).toMatch(/^llama +6,738,415,616 +Hugging Face LlamaForCausalLM \(--torch\)$/m);
    expect(out).toMatch(/^llama-1b +1,100,048,384 /m);
    // torchvision's resnet50 has 25,557,032 parameters; the file adds BatchNorm's running mean and var
    expect(out).toMatch(/^resnet50 +25,610,152 +torchvision ResNet \(--torch\)$/m);
  });

  it("a config.json picks the model by model_type; --set overrides it", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "in.json"), JSON.stringify({ model_type: "llama", hidden_size: 32, intermediate_size: 64, num_hidden_layers: 1, num_attention_heads: 2, vocab_size: 50, tie_word_embeddings: true }));
    const r = await run(["init", "--config", join(dir, "in.json"), "--set", "num_hidden_layers=2", "-q", "-o", join(dir, "m")]);
    expect(r.code).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, "m", "config.json"), "utf8"));
    expect(config).toMatchObject({ model_type: "llama", num_hidden_layers: 2, hidden_size: 32, rms_norm_eps: 1e-6 });
    const names = pyRead(join(dir, "m", "model.safetensors")).tensors.map((t) => t.name);
    expect(names).not.toContain("lm_head.weight");
    expect(names).toContain("model.layers.1.mlp.up_proj.weight");
  });

  it("NNINIT_VERSION is package.json's version", () => {
    expect(NNINIT_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")).version);
  });
});
