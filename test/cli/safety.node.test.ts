// The command's edges (issue 21): -o never writes over files the run did not create (--force
// replaces a checkpoint set only once the new one is complete), config values are checked with
// their key's name before any directory exists, --set keys must be the model's, and the CLI's
// conventions (--version, help <command>, --json, --dry-run, one "nninit probe:" prefix).

import { describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { NNINIT_VERSION } from "../../src/version.js";

const TINY = ["--set", "n_layer=2", "--set", "n_embd=64", "--set", "n_head=4", "--set", "vocab_size=1000", "--set", "n_positions=128"];

async function run(args: string[], signal?: AbortSignal, onErr?: (s: string) => void): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; onErr?.(s); return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: signal ?? new AbortController().signal });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), "nninit-safety-"));
/** Every file of a directory with its bytes. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));

describe("-o never writes over files the run did not create", () => {
  it("-o dir/x.safetensors writes that file alone: the user's config.json beside it is untouched", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "config.json"), "mine\n");
    const r = await run(["init", "gpt2", ...TINY, "-o", join(dir, "x.safetensors")]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "x.safetensors"]);
    expect(readFileSync(join(dir, "config.json"), "utf8")).toBe("mine\n");
    expect(r.err).toMatch(/config\.json was not written/);
  });

  it("-o new/x.safetensors: a directory the run creates gets config.json", async () => {
    const dir = tmp();
    expect((await run(["init", "gpt2", ...TINY, "-q", "-o", join(dir, "new", "x.safetensors")])).code).toBe(0);
    expect(readdirSync(join(dir, "new")).sort()).toEqual(["config.json", "x.safetensors"]);
  });

  it("an existing checkpoint is a usage error; --force replaces the whole set (old shards and index go, other files stay)", async () => {
    const dir = join(tmp(), "m");
    expect((await run(["init", "gpt2", ...TINY, "--max-shard-size", "100kB", "-q", "-o", dir])).code).toBe(0);
    writeFileSync(join(dir, "notes.txt"), "keep");
    const before = snapshot(dir);
    const refused = await run(["init", "gpt2", ...TINY, "--seed", "1", "-q", "-o", dir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(new RegExp(`-o ${dir} is not empty .*--force`));
    expect(snapshot(dir)).toEqual(before);
    const forced = await run(["init", "gpt2", ...TINY, "--seed", "1", "--force", "-o", dir]);
    expect(forced.code, forced.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["config.json", "model.safetensors", "notes.txt"]);
    expect((await run(["verify", dir])).code).toBe(0);
  });

  it("--force interrupted mid-write leaves the previous set byte for byte, and no temporary file", async () => {
    const dir = join(tmp(), "m");
    expect((await run(["init", "gpt2", ...TINY, "--max-shard-size", "100kB", "-q", "-o", dir])).code).toBe(0);
    const before = snapshot(dir);
    const controller = new AbortController();
    const r = await run(["init", "gpt2", ...TINY, "--seed", "3", "--max-shard-size", "300kB", "--force", "-o", dir], controller.signal, (s) => {
      if (/[1-9]\d*%/.test(s)) controller.abort(new Error("interrupted"));
    });
    expect(r.code).toBe(130);
    expect(snapshot(dir)).toEqual(before);
  });

  it("-o x.safetensors that exists: exit 2 unless --force", async () => {
    const dir = tmp(), file = join(dir, "x.safetensors");
    writeFileSync(file, "not mine");
    const r = await run(["init", "gpt2", ...TINY, "-o", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`-o ${file} exists; .*--force`));
    expect(readFileSync(file, "utf8")).toBe("not mine");
    expect((await run(["init", "gpt2", ...TINY, "--force", "-q", "-o", file])).code).toBe(0);
    expect((await run(["verify", file])).code).toBe(0);
  });

  it.each([
    ["an existing file", "existing.txt", /-o existing\.txt is an existing file, not a directory/],
    ["a name with another extension", "out9.bin", /-o out9\.bin: nninit writes a directory \(-o out9\) or one safetensors file \(-o out9\.safetensors\)/],
    ["a path under a file", "existing.txt/sub", /existing\.txt is a file, so no directory can be made under it/],
  ])("-o %s: exit 2 naming the path as given, nothing created", async (_label, output, message) => {
    const dir = tmp();
    writeFileSync(join(dir, "existing.txt"), "x");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run(["init", "gpt2", ...TINY, "-o", output]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(dir)).toEqual(["existing.txt"]);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only directory: exit 1 naming -o as given, no temporary name, nothing left", async () => {
    const dir = tmp(), ro = join(dir, "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    try {
      const r = await run(["init", "gpt2", ...TINY, "-o", ro]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`cannot write to ${ro}: permission denied`));
      expect(r.err).not.toMatch(/partial/);
      expect(readdirSync(ro)).toEqual([]);
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it.skipIf(process.platform !== "linux")("a directory the system refuses (/sys): exit 1 naming -o as given", async () => {
    const r = await run(["init", "gpt2", ...TINY, "-o", "/sys/nninit-test"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^nninit init: cannot write to \/sys\/nninit-test: .*; nothing was left there\n$/);
    expect(existsSync("/sys/nninit-test")).toBe(false);
  });
});

describe("config values are checked, with the key's name, before any directory is created", () => {
  it.each([
    ["a typo in a --set key", ["--set", "n_layr=2"], /--set n_layr: gpt2 has no config key "n_layr"; did you mean n_layer\?/],
    ["a value of the wrong type", ["--set", "tie_word_embeddings=1"], /--set tie_word_embeddings=1: gpt2's tie_word_embeddings is a boolean, got a number/],
    ["a negative initializer_range", ["--set", "initializer_range=-1"], /config initializer_range=-1: must be a number >= 0/],
    ["initializer_range=1e38", ["--set", "initializer_range=1e38"], /config initializer_range=1e\+38: .*normal: std must be small enough/],
    ["initializer_range=1e30 in float16", ["--set", "initializer_range=1e30", "--dtype", "float16"], /config initializer_range=1e\+30: .* in float16 cannot be drawn/],
    ["n_layer=100000000", ["--set", "n_layer=100000000"], /this model would be 2835 TB \(708,787,239,385,344 parameters\), past the limit of 1\.00 TB; .*--size-limit/],
    ["n_layer=3000000", ["--set", "n_layer=3000000"], /this model would be 85\.1 TB/],
    ["a layer count past any model's (tiny layers)", ["--set", "n_layer=200000", "--set", "n_embd=8", "--set", "n_head=1"], /this model would have 2,400,004 tensors, more than nninit builds \(100,000\)/],
    ["a tiny model past a lowered --size-limit", [...TINY, "--size-limit", "100kB"], /this model would be 689 kB .* past the limit of 100 kB/],
  ])("%s: exit 2 at once", async (_label, args, message) => {
    const dir = tmp();
    const t0 = performance.now();
    const r = await run(["init", "gpt2", ...args, "-o", join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("--size-limit raised lets the model through", async () => {
    const dir = tmp();
    expect((await run(["init", "gpt2", ...TINY, "--size-limit", "1MB", "-q", "-o", join(dir, "out")])).code).toBe(0);
  });

  it("a --config file's keys the model does not read are kept in config.json, and --verbose lists them", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "in.json"), JSON.stringify({ model_type: "gpt2", n_layer: 1, n_embd: 32, n_head: 2, vocab_size: 50, n_positions: 8, summary_type: "cls_index", use_cache: true }));
    const r = await run(["init", "--config", join(dir, "in.json"), "--verbose", "--set", "summary_type=\"mean\"", "-o", join(dir, "m")]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/--config keys gpt2 does not read \(kept in config\.json\): summary_type, use_cache/);
    expect(JSON.parse(readFileSync(join(dir, "m", "config.json"), "utf8"))).toMatchObject({ summary_type: "mean", use_cache: true });
  });
});

describe("CLI conventions", () => {
  it("--version and -V print the version; help <command> and <command> --help print its usage", async () => {
    for (const v of ["--version", "-V"]) expect(await run([v])).toMatchObject({ code: 0, out: `${NNINIT_VERSION}\n` });
    expect(NNINIT_VERSION).toBe("0.2.0");
    for (const [cmd, first] of [["init", /^nninit init <model>/], ["verify", /^nninit verify PATH/], ["models", /^nninit models \[--json\]/], ["probe", /^nninit probe /]] as const) {
      const a = await run(["help", cmd]), b = await run([cmd, "--help"]);
      expect(a.code).toBe(0);
      expect(a.out).toMatch(first);
      expect(b.code).toBe(0);
      expect(b.out).toMatch(first);
      expect(b.out).toMatch(/exit codes: 0 ok; 1 failure .*; 2 usage error/);
    }
    expect((await run(["help", "frob"])).code).toBe(2);
  });

  it("models --json, probe --json, init --json (summary)", async () => {
    const models = JSON.parse((await run(["models", "--json"])).out);
    expect(models).toContainEqual({ name: "gpt2", parameters: 124439808, description: "Hugging Face GPT2LMHeadModel", torch: true });
    expect(models).toContainEqual({ name: "resnet18", parameters: expect.any(Number), description: expect.any(String), torch: true });
    const probe = await run(["probe", "--layers", "2", "--width", "8", "--batch", "8", "--json"]);
    expect(probe.code).toBe(0);
    expect(JSON.parse(probe.out)).toMatchObject({ layers: 2, width: 8, activation: "tanh" });
    const dir = tmp();
    const init = await run(["init", "gpt2", ...TINY, "--json", "-o", join(dir, "m")]);
    expect(init.code).toBe(0);
    expect(init.err).toBe("");
    expect(JSON.parse(init.out)).toMatchObject({ model: "gpt2", parameters: 172288, dtype: "float32", seed: "0", files: ["model.safetensors", "config.json"], shards: 1, tensors: 28, bytes: 692360, threads: 1 }); // small: one thread by default
  });

  it("--dry-run prints tensors, bytes, files and an estimated time, and writes nothing", async () => {
    const dir = tmp();
    const r = await run(["init", "gpt2", ...TINY, "--max-shard-size", "100kB", "--dry-run", "-o", join(dir, "m")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^would write gpt2 \(172,288 parameters, float32, seed 0\) to .*:\n {2}28 tensors, 696 kB in 9 files \(model-00001-of-00007\.safetensors, .*\), 7 shards in the split\n {2}about [\d.]+ s on 1 thread; nothing was written/);
    const json = JSON.parse((await run(["init", "gpt2", ...TINY, "--dry-run", "--json", "-o", join(dir, "m")])).out);
    expect(json).toMatchObject({ dryRun: true, tensors: 28 });
    expect(json.estimatedSeconds).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a probe error has one prefix; models takes --json but no stray option", async () => {
    const r = await run(["probe", "--activation", "swish"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^nninit probe: activation must be one of/);
    const m = await run(["models", "--jsn"]);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/unknown option --jsn; options here: --json, --help, --quiet/);
  });
});
