// `nninit init --threads N` writes the same bytes for every N: the pool's sources fill the same
// ranges of the same initializer calls as the calling thread's, into the writer's shared chunk
// buffers, while the previous chunk is written. Files for 1, 2 and 3 threads, every dtype, one
// file and shards; and the writer with small chunks (many chunks, tensors split across them).

import { describe, expect, it, afterAll } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { poolTensorSources, POOL_MIN_ELEMENTS } from "../../src/cli/pool-sources.js";
import { resolveConfig, buildRecipe, tensorSources, writeSafetensors } from "../../src/checkpoint.js";
import { createPool } from "../../src/index.js";
import { chunkBytesFor, POOL_BIG_FILE_BYTES, POOL_CHUNK_BYTES } from "../../src/cli/init-run.js";
import { DEFAULT_CHUNK_BYTES } from "../../src/io/write.js";

// Large enough that most tensors go to the pool (more than POOL_MIN_ELEMENTS) and that the file
// spans several of the writer's 2 MiB chunks in every dtype.
const GPT2 = ["--set", "n_layer=2", "--set", "n_embd=256", "--set", "n_head=4", "--set", "vocab_size=20000", "--set", "n_positions=256"];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: new AbortController().signal });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), "nninit-threads-"));

describe("nninit init --threads N: the same bytes for every N", () => {
  it.each(["float32", "float16", "bfloat16"])("%s, one file and shards, 1, 2 and 3 threads", async (dtype) => {
    for (const shards of [[], ["--max-shard-size", "1MB"]]) {
      const dirs: string[] = [];
      for (const threads of ["1", "2", "3"]) {
        const dir = tmp();
        const { code, out, err } = await run(["init", "gpt2", ...GPT2, "--seed", "5", "--dtype", dtype, "--threads", threads, ...shards, "-o", dir]);
        expect(code, err).toBe(0);
        expect(out).toContain(`, ${threads} thread${threads === "1" ? "" : "s"}, `);
        dirs.push(dir);
      }
      const files = readdirSync(dirs[0]).sort();
      const written = files.filter((f) => f.endsWith(".safetensors")).length;
      if (shards.length) expect(written).toBeGreaterThan(2);
      else expect(written).toBe(1);
      for (const dir of dirs.slice(1)) {
        expect(readdirSync(dir).sort()).toEqual(files);
        for (const f of files) expect(readFileSync(join(dir, f)).equals(readFileSync(join(dirs[0], f))), `${dtype} ${f} in ${dir}`).toBe(true);
      }
    }
  });

  it("--threads must be an integer in [1, 256] (exit 2)", async () => {
    for (const bad of ["0", "2.5", "x", "257"]) {
      const { code, err } = await run(["init", "gpt2", ...GPT2, "--threads", bad, "-o", join(tmp(), "out")]);
      expect(code).toBe(2);
      expect(err).toMatch(/--threads must be an integer in \[1, 256\]/);
    }
  });
});

describe("the writer with pool sources", () => {
  const pool = createPool({ threads: 3 });
  afterAll(() => pool.close());

  it.each(["float32", "bfloat16"] as const)("%s: small chunks (tensors split across many) give the calling thread's bytes", async (dtype) => {
    const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 128, n_head: 4, vocab_size: 3001, n_positions: 64 }));
    expect(recipe.tensors.some((t) => t.shape.reduce((a, b) => a * b, 1) > POOL_MIN_ELEMENTS)).toBe(true);
    const collect = async (sources: ReturnType<typeof tensorSources>, shared: boolean) => {
      const parts: Buffer[] = [];
      await writeSafetensors({ write: async (b) => { await new Promise((r) => setTimeout(r, 1)); parts.push(Buffer.from(b)); } }, sources,
        { chunkBytes: 200_000, shared, metadata: { k: "v" } });
      return Buffer.concat(parts);
    };
    const want = await collect(tensorSources(recipe, 11n, dtype), false);
    const got = await collect(poolTensorSources(recipe, 11n, dtype, pool), true);
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  });
});

describe("init's chunk size with a pool", () => {
  it("8 MiB chunks for a file of 1 GiB or more filled by a pool; else the writer's default", () => {
    expect(chunkBytesFor(POOL_BIG_FILE_BYTES, true)).toBe(POOL_CHUNK_BYTES);
    expect(POOL_CHUNK_BYTES).toBe(8 << 20);
    expect(chunkBytesFor(POOL_BIG_FILE_BYTES - 1, true)).toBe(DEFAULT_CHUNK_BYTES);
    expect(chunkBytesFor(4 * POOL_BIG_FILE_BYTES, false)).toBe(DEFAULT_CHUNK_BYTES);
  });
});
