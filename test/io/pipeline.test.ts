// The writer's pipeline with sources whose fills finish later (as pool fills do): chunks are
// written in file order whatever order their fills finish in; the writer starts chunk k + 1 while
// chunk k's fills are still running, with at most two chunks in flight (three with `shared`, pool
// sources); a fill that fails rejects the write with its error, after which nothing is written.

import { describe, expect, it } from "vitest";
import { writeSafetensors, type TensorSource } from "../../src/checkpoint.js";

const sharedAvailable = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

/** A float32 tensor of `n` elements (element i = i) whose fills resolve when the test says so; it logs calls and ends. */
function delayed(n: number, log: string[]): { source: TensorSource; finish: (k: number) => void; finishAll: () => void; fail: (k: number, e: Error) => void } {
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let calls = 0;
  const waiters: (() => void)[] = [];
  const source: TensorSource = {
    name: "t", shape: [n], dtype: "float32",
    fill(out, s, e) {
      const k = calls++;
      log.push(`fill ${k}`);
      return new Promise<void>((resolve, reject) => {
        pending.set(k, {
          resolve: () => { for (let i = s; i < e; i++) (out as Float32Array)[i - s] = i; log.push(`end ${k}`); resolve(); },
          reject,
        });
        for (const w of waiters.splice(0)) w();
      });
    },
  };
  return {
    source,
    finish: (k) => pending.get(k)!.resolve(),
    finishAll: () => { for (const p of pending.values()) p.resolve(); },
    fail: (k, e) => pending.get(k)!.reject(e),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const CHUNK = 64; // bytes: 16 float32 elements a chunk

describe.each([false, ...(sharedAvailable ? [true] : [])])("writeSafetensors with late fills (shared: %s)", (shared) => {
  it("writes the chunks in file order, each once its fills are done; at most 2 (3 with shared) chunks in flight", async () => {
    const log: string[] = [];
    const t = delayed(16 * 6, log);
    const parts: Uint8Array[] = [];
    const done = writeSafetensors({ write: (b) => { parts.push(b.slice()); log.push(`write ${parts.length - 1}`); } }, [t.source], { chunkBytes: CHUNK, shared });
    await tick();
    const depth = shared ? 3 : 2;
    // chunk 0's fill has not ended: the writer started as many chunks as it has buffers, no more
    expect(log.filter((l) => l.startsWith("fill"))).toEqual(Array.from({ length: depth }, (_, k) => `fill ${k}`));
    if (shared) {
      t.finish(2); // a later chunk ends first: it waits for the ones before it
      await tick();
      expect(log).not.toContain("write 1");
      t.finish(1);
      await tick();
      expect(log).not.toContain("write 1");
    }
    for (let k = 0; k < 6; k++) {
      for (let i = 0; i <= k; i++) if (log.includes(`fill ${i}`) && !log.includes(`end ${i}`)) t.finish(i);
      await tick();
    }
    t.finishAll();
    await done;
    const bytes = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.length; }
    const headerLength = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(Array.from(new Float32Array(bytes.buffer.slice(headerLength)))).toEqual(Array.from({ length: 96 }, (_, i) => i));
    // every write comes after its own fill's end
    for (let k = 0; k < 6; k++) expect(log.indexOf(`write ${k + 1}`)).toBeGreaterThan(log.indexOf(`end ${k}`));
  });

  it("a fill that fails rejects the write with its error; nothing is written after it", async () => {
    const log: string[] = [];
    const t = delayed(16 * 6, log);
    let writes = 0;
    const error = new Error("fill failed");
    const done = writeSafetensors({ write: () => { writes++; } }, [t.source], { chunkBytes: CHUNK, shared });
    await tick();
    t.finish(0);
    await tick();
    t.fail(1, error);
    await expect(done).rejects.toBe(error);
    const after = writes;
    t.finishAll();
    await tick();
    expect(writes).toBe(after);
    expect(writes).toBe(2); // the header and chunk 0
  });
});
