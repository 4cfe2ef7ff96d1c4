// saveFile / loadFile / safeOpen with paths, and what the reader refuses to open: only regular
// files (a named pipe used to block forever, a device is not a checkpoint), a symlink loop and a
// dangling link said as such (they used to be "does not exist"); a Response read by range requests.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { saveFile, loadFile, safeOpen } from "../../src/checkpoint-node.js";
import { stateDict } from "../../src/torch/index.js";

const dir = mkdtempSync(join(tmpdir(), "nninit-files-"));

describe("paths", () => {
  it("stateDict goes straight in; the file reads back bit for bit", async () => {
    const sd = stateDict("nanogpt", { n_layer: 1, n_head: 2, n_embd: 8, vocab_size: 16, block_size: 8 }, { seed: 1 });
    const path = join(dir, "sd.safetensors");
    await saveFile(path, sd);
    const back = await loadFile(path);
    expect([...back.keys()]).toEqual([...sd.keys()]);
    for (const [name, t] of sd) expect(back.get(name)?.data).toEqual(t.data);
    expect(readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("a bad tensor leaves no file and no temporary file", async () => {
    const path = join(dir, "bad.safetensors");
    await expect(saveFile(path, { w: { shape: [-1], data: new Float32Array(1) } })).rejects.toThrow(/^saveFile: /);
    expect(readdirSync(dir).filter((f) => f.startsWith("bad") || f.includes("bad.safetensors"))).toEqual([]);
  });

  it("refuses a named pipe without blocking, and a device", async () => {
    const fifo = join(dir, "pipe.safetensors");
    execFileSync("mkfifo", [fifo]);
    await expect(safeOpen(fifo)).rejects.toThrow(`${fifo} is a named pipe; only regular files are read`);
    await expect(safeOpen("/dev/zero")).rejects.toThrow("/dev/zero is a device; only regular files are read");
    await expect(safeOpen(dir)).rejects.toThrow(/is a directory/);
  });

  it("says what is wrong with a symlink loop and a dangling link", async () => {
    const a = join(dir, "loop-a"), b = join(dir, "loop-b"), dangling = join(dir, "dangling.safetensors");
    symlinkSync(b, a);
    symlinkSync(a, b);
    symlinkSync(join(dir, "gone"), dangling);
    await expect(safeOpen(a)).rejects.toThrow(`${a}: a loop of symbolic links`);
    await expect(safeOpen(dangling)).rejects.toThrow(`${dangling}: a symbolic link to ${join(dir, "gone")}, which does not exist`);
    await expect(safeOpen(join(dir, "missing"))).rejects.toThrow(`${join(dir, "missing")} does not exist`);
  });

  it("format errors name the file as given", async () => {
    const path = join(dir, "short.safetensors");
    writeFileSync(path, new Uint8Array(3));
    await expect(loadFile(path)).rejects.toThrow(`${path}: not a safetensors file: 3 bytes`);
  });
});

describe("a Response over HTTP", () => {
  it("is read by range requests when the server allows them (the header and the tensor asked for), whole otherwise", async () => {
    const path = join(dir, "http.safetensors");
    await saveFile(path, { big: { shape: [1 << 16], data: new Float32Array(1 << 16).fill(1) }, small: { shape: [2], data: Float32Array.from([3, 4]) } });
    const file = readFileSync(path);
    const ranges: number[] = [];
    let ranged = true;
    const server = createServer((req, res) => {
      const m = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? "");
      if (ranged) res.setHeader("Accept-Ranges", "bytes");
      if (!m || !ranged) { res.setHeader("Content-Length", file.length); res.end(req.method === "HEAD" ? undefined : file); return; }
      const part = file.subarray(Number(m[1]), Number(m[2]) + 1);
      ranges.push(part.length);
      res.writeHead(206, { "Content-Length": part.length, "Content-Range": `bytes ${m[1]}-${m[2]}/${file.length}` });
      res.end(part);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.safetensors`;
      const opened = await safeOpen(await fetch(url, { method: "HEAD" }));
      expect(opened.keys()).toEqual(["big", "small"]);
      expect([...(await opened.getTensor("small")).data]).toEqual([3, 4]);
      const headerLength = Number(file.readBigUInt64LE(0));
      expect(ranges).toEqual([8, headerLength, 8]);
      ranged = false;
      const whole = await loadFile(await fetch(url));
      expect([...(whole.get("small")?.data ?? [])]).toEqual([3, 4]);
      expect(ranges.length).toBe(3);
    } finally {
      server.close();
    }
  });
});
