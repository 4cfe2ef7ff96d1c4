// pool.help(): the calling thread claims chunks of running shared fills beside the workers (the
// checkpoint writer uses it so that nothing waits for the workers' start-up). The same bits as the
// synchronous calls whoever writes which chunk; a fill the calling thread finished settles without
// waiting for its workers; a failure stops the fill. Shared fills exist where SharedArrayBuffer
// does (Node); in a page that is not cross-origin isolated (the Chromium run) there is nothing to
// claim and the fills complete on the workers.

import { describe, expect, it } from "vitest";
import { expectSameBits } from "../browser/compare.js";
import { createPool, Generator, normal, uniform, kaimingNormal } from "../../src/index.js";

const sharedAvailable = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
const at = (seed: number, head: number) => new Generator(seed).advance(head);
const widen = (h: Uint16Array) => new Float32Array(new Uint32Array(h).buffer);

describe.runIf(sharedAvailable)("pool.help() with shared memory", () => {
  it("before any worker has started, the calling thread writes every chunk: the fills settle at once with the sync bits", async () => {
    // No await between createPool and help(): the workers' handles arrive in a later task, so no
    // share has been sent and every chunk is the calling thread's.
    const pool = createPool({ threads: 2 });
    try {
      const g = at(11, 333);
      const ready = pool.ready().then(() => "ready");
      const a = pool.fill(normal, [301, 1001], { generator: g, std: 0.02, dtype: "bfloat16" });
      const b = pool.fill(uniform, 200_003, { generator: g, a: -1, b: 2 });
      const c = pool.fill(kaimingNormal, [512, 384], { generator: g, mode: "fan_out" });
      expect(pool.help()).toBe(301 * 1001 + 200_003 + 512 * 384);
      expect(pool.help()).toBe(0); // nothing left to claim
      const first = await Promise.race([Promise.all([a, b, c]).then(() => "filled"), ready]);
      expect(first).toBe("filled");
      const s = at(11, 333);
      expectSameBits(widen((await a) as unknown as Uint16Array), widen(normal([301, 1001], { generator: s, std: 0.02, dtype: "bfloat16" })));
      expectSameBits(await b, uniform(200_003, { generator: s, a: -1, b: 2 }));
      expectSameBits(await c, kaimingNormal([512, 384], { generator: s, mode: "fan_out" }));
      expect(g.getState()).toEqual(s.getState());
      await ready; // the workers still start, and find nothing left
    } finally {
      await pool.close();
    }
  });

  it("a fill whose share went to a worker still starting settles once the calling thread has written it", async () => {
    const pool = createPool({ threads: 1 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 0)); // the worker exists (its share is sent to it), far from ready
      const ready = pool.ready().then(() => "ready");
      const filled = pool.fill(normal, [301, 1001], { generator: at(4, 9) });
      expect(pool.help()).toBe(301 * 1001);
      expect(await Promise.race([filled.then(() => "filled"), ready])).toBe("filled");
      expectSameBits(await filled, normal([301, 1001], { generator: at(4, 9) }));
      await ready;
      // the worker answered its share (nothing left to claim): the pool goes on working
      expectSameBits(await pool.fill(uniform, 300_001, { generator: at(4, 1) }), uniform(300_001, { generator: at(4, 1) }));
    } finally {
      await pool.close();
    }
  });

  it("beside running workers: chunks are split between them and the calling thread, the same bits, a range into out", async () => {
    const pool = createPool({ threads: 1 });
    try {
      await pool.ready();
      const shape = [4001, 1001], range = [7, 4001 * 1001 - 5] as const;
      const out = new Float32Array(new SharedArrayBuffer((range[1] - range[0]) * 4));
      const g = at(3, 1021);
      const filled = pool.fill(normal, shape, { generator: g, mean: 1, std: 2, range, out });
      const mine = pool.help();
      expect(mine).toBeGreaterThan(0);
      expect(mine).toBeLessThanOrEqual(range[1] - range[0]);
      expect(await filled).toBe(out);
      expectSameBits(out, normal(shape, { generator: at(3, 1021), mean: 1, std: 2, range }));
    } finally {
      await pool.close();
    }
  });

  it("an error thrown by onProgress on the calling thread rejects the fill, stops the claims and puts the generator back", async () => {
    const pool = createPool({ threads: 1 });
    try {
      const g = at(5, 0);
      const error = new Error("progress failed");
      const filled = pool.fill(normal, 1 << 21, { generator: g, onProgress: () => { throw error; } });
      const mine = pool.help();
      expect(mine).toBeLessThan(1 << 21); // it stopped after the first chunk
      await expect(filled).rejects.toBe(error);
      expect(g.getState()).toEqual(at(5, 0).getState());
    } finally {
      await pool.close();
    }
  });
});

describe.runIf(!sharedAvailable)("pool.help() without shared memory", () => {
  it("has nothing to claim; the fill completes on the workers with the sync bits", async () => {
    const pool = createPool({ threads: 2 });
    try {
      const filled = pool.fill(normal, [301, 1001], { generator: at(2, 5) });
      expect(pool.help()).toBe(0);
      expectSameBits(await filled, normal([301, 1001], { generator: at(2, 5) }));
    } finally {
      await pool.close();
    }
  });
});
