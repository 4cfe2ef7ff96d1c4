// The debug build keeps the kernels' asserts (release builds drop them with --noAssert): it
// computes the same bits as the release build and rejects calls that break the kernel ABI.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fillWith } from "./helpers.js";
import { LAW_FIELDS } from "../src/wasm/loader.js";

function loadDebug() {
  let memory: WebAssembly.Memory;
  const readString = (ptr: number) => {
    const length = new Uint32Array(memory.buffer, ptr - 4, 1)[0] >>> 1;
    return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, length));
  };
  const module = new WebAssembly.Module(readFileSync(new URL("../build/nninit.debug.wasm", import.meta.url)));
  const instance = new WebAssembly.Instance(module, {
    env: { abort: (message: number) => { throw new Error(`abort: ${readString(message)}`); } },
  });
  const ex = instance.exports as Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };
  memory = ex.memory;
  if (memory.buffer.byteLength < ex.heap_base() + 65536 * 4) memory.grow(8);
  return ex;
}

describe("debug build", () => {
  const ex = loadDebug();
  const base = ex.heap_base();

  // Writes the law record by field name, as src/wasm/loader.ts writeLaw does.
  const law = <L extends keyof typeof LAW_FIELDS>(name: L, values: Record<keyof (typeof LAW_FIELDS)[L], number>) => {
    const record = new Float32Array(ex.memory.buffer, ex.law_params(), 8);
    for (const [field, slot] of Object.entries(LAW_FIELDS[name])) record[slot] = (values as Record<string, number>)[field];
  };

  it("gives the same bits as the release build", () => {
    for (const n of [1, 8, 100, 5000]) {
      law("normal", { mean: 0, std: 1 });
      ex.fill_normal(base, n, 42, 0, 3, 0);
      const got = new Uint32Array(ex.memory.buffer, base, n);
      expect(Array.from(got)).toEqual(Array.from(fillWith("scalar", { kind: "normal", mean: 0, std: 1 }, 42n, 3 * 1024, n)));
    }
  });

  it("asserts the kernel ABI: n >= 0, block in range, dst inside memory, a known format", () => {
    law("uniform", { a: 0, width: 1, b: 1 });
    expect(() => ex.fill_uniform(base, -1, 1, 0, 0, 0)).toThrow(/abort: n must be >= 0/);
    expect(() => ex.fill_uniform(base, 8, 1, 0, -1, 0)).toThrow(/abort: block must be an integer/);
    expect(() => ex.fill_uniform(ex.memory.buffer.byteLength - 16, 8, 1, 0, 0, 0)).toThrow(/abort: dst \+ n outside memory/);
    expect(() => ex.fill_uniform(base, 8, 1, 0, 0, 3 as never)).toThrow(/abort: format must be 0, 1 or 2/);
  });
});
