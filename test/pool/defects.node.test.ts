// Defect class 7 of issue 20, in the pool: each case failed before the reservation module
// (src/stream/reserve.ts) and createPool's option parser. Node only: the CommonJS copy is loaded
// with require, and shared memory is always there.

import { afterAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { createPool, fillAsync, Generator, normal, kaimingNormal, sparse } from "../../src/index.js";

const pool = createPool({ threads: 2 });
const fallback = createPool({ threads: 1, shared: false });
afterAll(() => Promise.all([pool.close(), fallback.close()]));

// 2^52 elements: the tape has room for them, no engine allocates them (16 PiB).
const HUGE = [2 ** 26, 2 ** 26];

describe("an output that cannot be allocated moves nothing and says what was asked", () => {
  it.each([["shared memory", pool, /^pool\.fill: shape \[67108864, 67108864\] needs a Float32Array of 4503599627370496 elements \(1\.68e\+7 GiB\) over a SharedArrayBuffer, more than this engine allocates/],
    ["the transfer fallback", fallback, /^pool\.fill: shape \[67108864, 67108864\] needs a Float32Array of 4503599627370496 elements .*; fill it in slices with range and out$/]] as const)(
    "pool.fill, %s", async (_, p, message) => {
      const g = new Generator(3).advance(5);
      await expect(p.fill(normal, HUGE, { generator: g })).rejects.toThrow(message);
      expect(g.getState()).toEqual({ seed: 3n, position: 5 });
      // and the generator still works: the next fill is the synchronous one's
      expect(await p.fill(normal, [4], { generator: g })).toEqual(normal([4], { generator: new Generator(3).advance(5) }));
    });

  it("pool.fill, bfloat16", async () => {
    const g = new Generator(3);
    await expect(pool.fill(normal, HUGE, { generator: g, dtype: "bfloat16" })).rejects.toThrow(/^pool\.fill: .* needs a Uint16Array of 4503599627370496 elements/);
    expect(g.position).toBe(0);
  });

  it("fillAsync", async () => {
    const g = new Generator(3);
    await expect(fillAsync(normal, HUGE, { generator: g })).rejects.toThrow(/^fillAsync: shape \[67108864, 67108864\] needs a Float32Array/);
    expect(g.position).toBe(0);
  });
});

describe("pool.fill reads its arguments at the call", () => {
  it("a shape changed after the call changes nothing (tasks not yet sent to workers still starting)", async () => {
    const p = createPool({ threads: 2 });
    try {
      const shape = [301, 1001];
      const filling = p.fill(normal, shape, { generator: new Generator(9) });
      shape[0] = 1;
      shape.push(7);
      const got = await filling;
      expect(got.length).toBe(301 * 1001);
      expect(got).toEqual(normal([301, 1001], { generator: new Generator(9) }));
    } finally {
      await p.close();
    }
  });

  it("so does an option changed after the call", async () => {
    const options = { std: 0.5, generator: new Generator(9) };
    const filling = pool.fill(normal, [301, 1001], options);
    options.std = 7;
    expect(await filling).toEqual(normal([301, 1001], { std: 0.5, generator: new Generator(9) }));
  });
});

describe("the CommonJS copy of an initializer, given to an ES module's pool, is taken by its catalog name", () => {
  const cjs = createRequire(import.meta.url)("../../dist/cjs/index.cjs") as typeof import("../../src/index.js");

  it.each([["normal", cjs.normal, normal, { std: 0.3 }], ["kaimingNormal", cjs.kaimingNormal, kaimingNormal, { mode: "fan_out" }],
    ["sparse", cjs.sparse, sparse, { sparsity: 0.5 }]] as const)("%s", async (_, copy, own, options) => {
    expect(copy).not.toBe(own);
    const got = await pool.fill(copy as typeof normal, [300, 301], { ...options, generator: new Generator(4) });
    expect(got).toEqual((own as typeof normal)([300, 301], { ...options, generator: new Generator(4) }));
  });

  it("a function that is not one of them is still refused", async () => {
    const mine = (shape: number[]) => new Float32Array(shape[0]);
    await expect(pool.fill(mine as never, [3])).rejects.toThrow(/^pool\.fill: initializer must be one of nninit's initializers/);
  });
});

describe("createPool takes a plain object of its own options only", () => {
  it.each([["a Date", new Date(0)], ["a Generator", new Generator(1)], ["an array", [2]], ["a class instance", new (class { threads = 2 })()]])(
    "refuses %s", (_, options) => {
      expect(() => createPool(options as never)).toThrow(TypeError);
      expect(() => createPool(options as never)).toThrow(/^createPool: options must be a plain object or undefined, got /);
    });

  it("does not read inherited keys (a polluted Object.prototype)", async () => {
    const proto = Object.prototype as { threads?: unknown; shared?: unknown };
    proto.threads = 0;
    proto.shared = "yes";
    let p: ReturnType<typeof createPool>;
    try {
      p = createPool({});
    } finally {
      delete proto.threads;
      delete proto.shared;
    }
    expect(p.threads).toBeGreaterThan(0);
    expect(typeof p.shared).toBe("boolean");
    await p.close();
  });

  it("refuses an object made from another prototype, whatever it inherits", () => {
    expect(() => createPool(Object.create({ threads: 2 }))).toThrow(/^createPool: options must be a plain object or undefined, got /);
  });
});
