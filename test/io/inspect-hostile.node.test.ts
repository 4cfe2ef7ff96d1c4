// nninit inspect on hostile input: every error names the file (and the shard through an index),
// index files give clear messages instead of raw JS errors, weight_map entries cannot leave the
// index's directory, a named pipe is refused at once, metadata cannot make inspect build a huge
// model, 130,000 tensors format without a stack overflow, and an abort stops it.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspect, formatReport } from "../../src/cli/inspect.js";
import { main } from "../../src/cli/main.js";
import { saveFile } from "../../src/checkpoint-node.js";

const dir = mkdtempSync(join(tmpdir(), "nninit-inspect-"));
const fail = (p: Promise<unknown>) => p.then(() => "resolved", (e: Error) => e.message);

/** A file of `n` tensors of one float32 each. */
async function tiny(path: string, n: number, metadata?: Record<string, string>): Promise<void> {
  const data = new Float32Array(1);
  const tensors = new Map(Array.from({ length: n }, (_, i) => [`t${i}`, { shape: [1], data }] as const));
  await saveFile(path, tensors, { metadata });
}

describe("index files", () => {
  const index = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  it("give clear messages for JSON that is not an index", async () => {
    expect(await fail(inspect(index("null.index.json", "null")))).toMatch(/null\.index\.json: an index file must be a JSON object with a weight_map$/);
    expect(await fail(inspect(index("w5.index.json", `{"w":5}`)))).toMatch(/w5\.index\.json: weight_map must be an object of tensor name -> shard file, got none/);
    expect(await fail(inspect(index("num.index.json", `{"weight_map":{"a":5}}`)))).toMatch(/num\.index\.json: weight_map\["a"\] must be a shard file name, got 5/);
    expect(await fail(inspect(index("bad.index.json", `{"weight_map":`)))).toMatch(/bad\.index\.json: not valid JSON/);
  });

  it("refuse shards outside the index's directory", async () => {
    for (const shard of ["../../x.safetensors", "/etc/passwd", "a/../../x"]) {
      const p = index("escape.index.json", JSON.stringify({ weight_map: { a: shard } }));
      expect(await fail(inspect(p))).toMatch(/escape\.index\.json: weight_map\["a"\] is .*, outside the index's directory/);
    }
  });

  it("name the shard a format error is in, and a tensor the index misplaces", async () => {
    const sub = join(dir, "sharded");
    mkdirSync(sub);
    await tiny(join(sub, "one.safetensors"), 2);
    writeFileSync(join(sub, "two.safetensors"), new Uint8Array(4));
    writeFileSync(join(sub, "model.safetensors.index.json"), JSON.stringify({ weight_map: { t0: "one.safetensors", t1: "one.safetensors", x: "two.safetensors" } }));
    expect(await fail(inspect(sub))).toMatch(/sharded\/two\.safetensors: not a safetensors file: 4 bytes/);
    writeFileSync(join(sub, "model.safetensors.index.json"), JSON.stringify({ weight_map: { t0: "one.safetensors", t9: "one.safetensors" } }));
    expect(await fail(inspect(sub))).toMatch(/model\.safetensors\.index\.json: weight_map puts "t9" in \S*one\.safetensors, which has no such tensor/);
  });
});

describe("files that are not files", () => {
  it("a named pipe is refused at once; a symlink loop is named", async () => {
    const fifo = join(dir, "p.safetensors");
    execFileSync("mkfifo", [fifo]);
    expect(await fail(inspect(fifo))).toBe(`${fifo} is a named pipe; only regular files are read`);
    const loop = join(dir, "loop.safetensors");
    symlinkSync(loop, loop);
    expect(await fail(inspect(loop))).toBe(`${loop}: a loop of symbolic links`);
  });
});

describe("metadata cannot make inspect build a model", () => {
  it("a 319-byte file claiming gpt2 with n_layer 2e8 is read with statistics only, at once", async () => {
    const path = join(dir, "claims.safetensors");
    const config = JSON.stringify({ model_type: "gpt2", n_layer: 2e8, n_embd: 8, n_head: 2, vocab_size: 16, n_positions: 8 });
    await tiny(path, 1, { nninit_recipe: "gpt2", nninit_config: config });
    const before = process.memoryUsage().rss, t0 = performance.now();
    const report = await inspect(path);
    expect(report.checked).toBe(0);
    expect(report.tensors.length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });
});

describe("many tensors", () => {
  it("130,000 tensors: the table and the JSON are streamed without a stack overflow", async () => {
    const path = join(dir, "many.safetensors");
    await tiny(path, 130_000);
    const run = async (args: string[]) => {
      let out = "";
      const stderr = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream;
      const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: new AbortController().signal });
      return { code, out };
    };
    const table = await run(["inspect", path]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n").length).toBe(130_000 + 4);
    expect(table.out).toMatch(/^t129999 +F32 +1 +0\.00000 +0\.00000 +0\.00000 +0\.00000$/m);
    const json = await run(["inspect", path, "--json"]);
    const report = await inspect(path);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(await formatReport(report)).toBe(table.out);
  }, 120_000);

  it("an abort stops it between tensors", async () => {
    const path = join(dir, "many2.safetensors");
    await tiny(path, 5_000);
    const controller = new AbortController();
    const pending = inspect(path, controller.signal);
    controller.abort(new Error("interrupted"));
    expect(await fail(pending)).toBe("interrupted");
  });
});
