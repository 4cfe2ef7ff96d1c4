// `nninit verify` regenerates every tensor from the header's provenance and compares bytes: it
// passes on what `init` wrote (every dtype, one file and shards, --torch, several thread counts)
// and fails (exit 3, naming the tensor) on a one-byte change anywhere: data, header, index.

import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { writeSafetensorsFile } from "../../src/checkpoint-node.js";
import { NNINIT_VERSION, TAPE_CONTRACT_VERSION } from "../../src/version.js";

const TINY = ["--set", "n_layer=2", "--set", "n_embd=64", "--set", "n_head=4", "--set", "vocab_size=1000", "--set", "n_positions=128"];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: new AbortController().signal });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), "nninit-verify-"));
function flipByte(path: string, at: number): void {
  const b = readFileSync(path);
  b[at < 0 ? b.length + at : at] ^= 0x01;
  writeFileSync(path, b);
}

describe("nninit verify", () => {
  it.each(["float32", "float16", "bfloat16"])("%s: passes on init's one file and shards (1 and 2 threads), fails on one flipped bit", async (dtype) => {
    const one = join(tmp(), "one"), sharded = join(tmp(), "sharded");
    expect((await run(["init", "gpt2", ...TINY, "--seed", "11", "--dtype", dtype, "-q", "-o", one])).code).toBe(0);
    expect((await run(["init", "gpt2", ...TINY, "--seed", "11", "--dtype", dtype, "--max-shard-size", "100kB", "-q", "-o", sharded])).code).toBe(0);
    for (const path of [one, join(one, "model.safetensors"), sharded, join(sharded, "model.safetensors.index.json")]) {
      for (const threads of ["1", "2"]) {
        const r = await run(["verify", path, "--threads", threads]);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toMatch(new RegExp(`^verified .*: 28 tensors in \\d+ files?, every byte is gpt2 ${dtype} seed 11 \\(tape\\)`));
      }
    }
    flipByte(join(one, "model.safetensors"), -3); // the last tensor (ln_f.bias)
    const r = await run(["verify", one]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/model\.safetensors: tensor transformer\.ln_f\.bias \(element \d+, byte \d+\) differs from its regeneration/);
    const shard = readdirSync(sharded).find((f) => f.startsWith("model-00002"))!;
    flipByte(join(sharded, shard), -1);
    const s = await run(["verify", sharded, "--json"]);
    expect(s.code).toBe(3);
    expect(JSON.parse(s.out)).toMatchObject({ ok: false, differs: expect.stringMatching(new RegExp(`${shard}: tensor \\S+ \\(element`)) });
  });

  it("a changed header byte, a changed index, a missing shard: exit 3 naming what differs", async () => {
    const dir = join(tmp(), "m");
    expect((await run(["init", "gpt2", ...TINY, "--max-shard-size", "100kB", "-q", "-o", dir])).code).toBe(0);
    const file = join(dir, "model-00001-of-00007.safetensors");
    const bytes = readFileSync(file);
    const seedAt = bytes.indexOf('"nninit_seed":"0"') + '"nninit_seed":"'.length;
    bytes[seedAt] = "5".charCodeAt(0);
    writeFileSync(join(dir, "model-00001-of-00007.safetensors"), bytes);
    expect((await run(["verify", file])).err).toMatch(/tensor transformer\.wte\.weight \(element 0, byte \d+\) differs/);
    bytes[seedAt] = "0".charCodeAt(0);
    writeFileSync(file, bytes);
    expect((await run(["verify", dir])).code).toBe(0);
    expect((await run(["verify", file])).out).toMatch(/^verified .*: \d+ tensors in 1 file/); // one shard alone
    const index = join(dir, "model.safetensors.index.json");
    writeFileSync(index, readFileSync(index, "utf8").replace('"total_size": ', '"total_size": 1'));
    const r = await run(["verify", dir]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/model\.safetensors\.index\.json differs from the index of these shards/);
  });

  it("--torch files (nanogpt) verify", async () => {
    const dir = join(tmp(), "t");
    expect((await run(["init", "nanogpt", "--torch", "--set", "n_layer=1", "--set", "n_embd=32", "--set", "n_head=2", "--set", "vocab_size=64", "--set", "block_size=16", "--dtype", "bfloat16", "-q", "-o", dir])).code).toBe(0);
    const r = await run(["verify", dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/every byte is nanogpt bfloat16 seed 0 \(torch\)/);
  });

  it("the metadata records the version, tape contract, recipe, full config, seed, dtype and generator", async () => {
    const dir = join(tmp(), "m");
    expect((await run(["init", "gpt2", ...TINY, "--seed", "-4", "--dtype", "float16", "-q", "-o", dir])).code).toBe(0);
    const b = readFileSync(join(dir, "model.safetensors"));
    const header = JSON.parse(b.subarray(8, 8 + Number(b.readBigUInt64LE(0))).toString("utf8"));
    expect(header.__metadata__).toMatchObject({
      nninit_version: NNINIT_VERSION, nninit_tape_contract: String(TAPE_CONTRACT_VERSION), nninit_recipe: "gpt2", nninit_seed: "-4", nninit_dtype: "float16", nninit_generator: "tape",
    });
    expect(JSON.parse(header.__metadata__.nninit_config)).toMatchObject({ model_type: "gpt2", n_layer: 2, initializer_range: 0.02, n_inner: null, activation_function: "gelu_new" });
  });

  it("a file nninit did not write, or from another tape contract: exit 1 saying why", async () => {
    const dir = tmp();
    const plain = join(dir, "plain.safetensors");
    await writeSafetensorsFile(plain, [{ name: "x", shape: [2], dtype: "float32", fill: (o) => { (o as Float32Array).set([1, 2]); } }]);
    const r = await run(["verify", plain]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/has no nninit provenance in its metadata/);
    const old = join(dir, "old.safetensors");
    await writeSafetensorsFile(old, [{ name: "x", shape: [2], dtype: "float32", fill: () => {} }], { metadata: { nninit_version: "0.1.0", nninit_recipe: "gpt2", nninit_config: "{}", nninit_seed: "0", nninit_dtype: "float32" } });
    expect((await run(["verify", old])).err).toMatch(/written by nninit 0\.1\.0 under tape contract 1; .*verify it with nninit 0\.1\.0/);
    expect((await run(["verify", join(dir, "nope")])).code).toBe(2);
  });
});
