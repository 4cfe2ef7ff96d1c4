// The pool's workers in Node: a worker that dies during a fill rejects that fill with a clear
// error (nothing hangs, the generator is put back) and is replaced; an idle pool does not keep
// the process alive, a busy one does.

import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expectSameBits } from "../browser/compare.js";
import { createPool, Generator, normal, uniform } from "../../src/index.js";

describe("a worker that stops during a fill", () => {
  it.each([1, 2, 3])("rejects the fill (pool of %i), puts the generator back, and the pool carries on with a new worker", async (threads) => {
    const pool = createPool({ threads });
    try {
      await pool.ready(); // every worker has started: the one killed is one that was working
      const g = new Generator(5).advance(3);
      let killed = false;
      const error = await pool.fill(normal, 1 << 24, {
        generator: g,
        onProgress: () => { if (!killed) { killed = true; pool.killWorkerForTest(threads - 1); } },
      }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(`nninit pool: worker ${threads - 1} stopped (it exited with code 1); the fill it was working on was abandoned`);
      expect(g.getState()).toEqual({ seed: 5n, position: 3 });
      // The replacement does its share: same bits as ever, on every worker.
      const got = await pool.fill(normal, 1 << 22, { generator: g });
      expectSameBits(got, normal(1 << 22, { generator: new Generator(5).advance(3) }));
      expect(pool.threads).toBe(threads);
    } finally {
      await pool.close();
    }
  });

  it("fills queued behind the dead worker's still complete", async () => {
    const pool = createPool({ threads: 2 });
    try {
      await pool.ready();
      const g = new Generator(6);
      let killed = false;
      const first = pool.fill(normal, 1 << 23, { generator: g, onProgress: () => { if (!killed) { killed = true; pool.killWorkerForTest(0); } } });
      const second = pool.fill(uniform, 1 << 21, { generator: g });
      await expect(first).rejects.toThrow(/^nninit pool: worker 0 stopped/);
      expectSameBits(await second, uniform(1 << 21, { generator: new Generator(6).advance(1 << 23) }));
    } finally {
      await pool.close();
    }
  });
});

describe("the Node process and the pool", () => {
  const dist = fileURLToPath(new URL("../../dist/esm/index.js", import.meta.url));
  it("a starting or busy pool keeps the process alive until it is ready or its fill is done; an idle one lets it exit, unclosed", () => {
    const script = `
      const { createPool, normal } = await import(${JSON.stringify(dist)});
      const pool = createPool({ threads: 2 });
      await pool.ready();
      console.log("ready");
      const x = await pool.fill(normal, 1 << 22);
      console.log("filled " + x.length);
    `;
    const started = Date.now();
    const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(stdout.trim().split("\n")).toEqual(["ready", `filled ${1 << 22}`]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
