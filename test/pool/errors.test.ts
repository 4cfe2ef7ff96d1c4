// pool.fill rejects bad input on the calling thread with the synchronous call's own error (same
// class, same message), before any task is sent and without moving the generator; abort stops a
// fill and puts the generator back; a closed pool rejects. Node and Chromium.

import { afterAll, describe, expect, it } from "vitest";
import { expectSameBits } from "../browser/compare.js";
import {
  createPool, Generator, normal, uniform, truncNormal, kaimingNormal, orthogonal, deltaOrthogonal, sparse, constant,
  varianceScaling, MAX_THREADS, type Shape, type TensorOptions,
} from "../../src/index.js";
import { TorchGenerator } from "../../src/torch/index.js";

const pool = createPool({ threads: 2 });
afterAll(() => pool.close());

type Init = (shape: Shape, o?: TensorOptions) => Float32Array;
const errorOf = (f: () => unknown): unknown => { try { f(); return null; } catch (e) { return e; } };

describe("pool.fill rejects what the synchronous call rejects, with the same error, moving nothing", () => {
  const g = new Generator(2);
  const cases: [string, Init, Shape, object][] = [
    ["a bad shape", normal, [2, -1], {}],
    ["a shape that is not one", normal, "3" as never, {}],
    ["out of the wrong length", normal, 10, { out: new Float32Array(9) }],
    ["out not a Float32Array", uniform, 10, { out: new Float64Array(10) }],
    ["a bad range", normal, 10, { range: [5, 11] }],
    ["a reversed range", normal, 10, { range: [6, 5] }],
    ["a bad std", normal, 10, { std: -1 }],
    ["an unknown option", uniform, 10, { sdt: 1 }],
    ["a = b > ... in uniform", uniform, 10, { a: 2, b: 1 }],
    ["an empty truncation interval", truncNormal, 10, { a: 1, b: 1 }],
    ["a bad mode", kaimingNormal, [4, 4], { mode: "fanin" }],
    ["a bad distribution", varianceScaling, [4, 4], { distribution: "normal" }],
    ["constant without a value", constant, 4, {}],
    ["orthogonal on a vector", orthogonal, [5], {}],
    ["deltaOrthogonal with in > out", deltaOrthogonal, [3, 3, 8, 4], {}],
    ["sparse with sparsity 2", sparse, [4, 4], { sparsity: 2 }],
    ["a generator that is not one", normal, 10, { generator: { position: 0 } }],
    ["an unknown dtype", normal, 10, { dtype: "float64" }],
    ["a Float32Array out for bfloat16", normal, 10, { dtype: "bfloat16", out: new Float32Array(10) }],
    ["a half out of the wrong length", uniform, 10, { dtype: "float16", out: new Uint16Array(9) }],
    ["a constant that overflows float16", constant, 10, { dtype: "float16", value: 1e6 }],
    ["a std whose values overflow float16", normal, 10, { dtype: "float16", std: 1e5 }],
  ];
  it.each(cases)("%s", async (_, f, shape, options) => {
    const expected = errorOf(() => f(shape, { generator: g, ...options }));
    expect(expected).toBeInstanceOf(Error);
    const before = g.getState();
    const got = await pool.fill(f, shape, { generator: g, ...options }).then(() => null, (e: unknown) => e);
    expect(got).toBeInstanceOf((expected as Error).constructor);
    expect((got as Error).message).toBe((expected as Error).message);
    expect(g.getState()).toEqual(before);
  });

  it("returns a rejected promise (never throws synchronously)", () => {
    const p = pool.fill(normal, [-1]);
    expect(p).toBeInstanceOf(Promise);
    return expect(p).rejects.toThrow(RangeError);
  });
});

describe("pool.fill's own checks", () => {
  const g = new Generator(2);
  const bad: [string, () => Promise<unknown>, string, ErrorConstructor][] = [
    ["a function that is not one of nninit's", () => pool.fill((s: Shape) => new Float32Array(s as number), 10),
      "pool.fill: initializer must be one of nninit's initializers (such as normal or kaimingUniform) or its name, got a function", TypeError],
    ["an unknown name", () => pool.fill("gaussian", 10),
      "pool.fill: initializer must be one of nninit's initializers (such as normal or kaimingUniform) or its name, got \"gaussian\"", TypeError],
    ["options not an object", () => pool.fill(normal, 10, 3 as never), "normal: options must be a plain object or undefined, got 3", TypeError],
    ["onProgress not a function", () => pool.fill(normal, 10, { onProgress: 1 as never }), "pool.fill: onProgress must be a function, got 1", TypeError],
    ["signal not a signal", () => pool.fill(normal, 10, { signal: {} as never }), "pool.fill: signal must be an AbortSignal, got an object", TypeError],
    ["a TorchGenerator (sequential: not split across workers)", () => pool.fill(normal, 10, { generator: new TorchGenerator(0) }),
      "pool.fill: generator must be a tape Generator (new Generator(seed)) or a JaxGenerator; other generators draw sequentially, so call the initializer directly, got a TorchGenerator", TypeError],
  ];
  it.each(bad)("%s", async (_, call, message, type) => {
    const before = g.getState();
    const error = await call().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe(message);
    expect(g.getState()).toEqual(before);
  });
});

describe("createPool's checks", () => {
  const bad: [string, () => unknown, string, ErrorConstructor][] = [
    ["threads 0", () => createPool({ threads: 0 }), `createPool: threads must be an integer in [1, ${MAX_THREADS}], got 0`, RangeError],
    ["threads 2.5", () => createPool({ threads: 2.5 }), `createPool: threads must be an integer in [1, ${MAX_THREADS}], got 2.5`, RangeError],
    ["threads as a string", () => createPool({ threads: "2" as never }), "createPool: threads must be an integer, got \"2\"", TypeError],
    ["an unknown option", () => createPool({ thread: 2 } as never), "createPool: unknown option \"thread\"; known options are threads, shared", TypeError],
    ["shared not a boolean", () => createPool({ shared: 1 as never }), "createPool: shared must be a boolean or undefined, got 1", TypeError],
    ["options not an object", () => createPool(5 as never), "createPool: options must be a plain object or undefined, got 5", TypeError],
  ];
  it.each(bad)("%s", (_, call, message, type) => {
    const error = errorOf(call);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe(message);
  });

  it("defaults to the machine's parallelism", async () => {
    const p = createPool();
    try {
      expect(p.threads).toBeGreaterThanOrEqual(1);
      await p.ready();
    } finally {
      await p.close();
    }
  });
});

describe("abort", () => {
  it("rejects with the signal's reason before anything when already aborted", async () => {
    const g = new Generator(4);
    const out = new Float32Array(100).fill(7);
    const reason = new Error("stop");
    await expect(pool.fill(normal, 100, { generator: g, out, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(g.position).toBe(0);
    expect(out.every((x) => x === 7)).toBe(true);
  });

  it("stops a fill after some chunks: rejects with the reason, puts the generator back, and nothing writes into out afterwards", async () => {
    const shared = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    const n = 1 << 24;
    const out = shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
    const g = new Generator(4).advance(17);
    const controller = new AbortController();
    const seen: number[] = [];
    const p = pool.fill(normal, n, {
      generator: g, out, signal: controller.signal,
      onProgress: (done) => { seen.push(done); if (seen.length === 2) controller.abort(); },
    });
    const error = await p.catch((e: unknown) => e);
    const after = out.slice();
    expect(error).toBe(controller.signal.reason);
    expect((error as DOMException).name).toBe("AbortError");
    expect(seen.length).toBe(2);
    expect(seen[1]).toBeLessThan(n);
    expect(g.getState()).toEqual({ seed: 4n, position: 17 });
    // The workers finished their chunks before the promise settled: a later fill (which queues
    // behind anything still running) finds out unchanged.
    await pool.fill(uniform, 1 << 20, { generator: new Generator(1) });
    expectSameBits(out, after);
    // And the pool still fills correctly after an abort.
    expectSameBits(await pool.fill(normal, 300_001, { generator: g }), normal(300_001, { generator: new Generator(4).advance(17) }));
  });

  it("leaves the generator where it is if another fill drew from it meanwhile", async () => {
    const g = new Generator(4);
    const controller = new AbortController();
    const p = pool.fill(normal, 1 << 22, { generator: g, signal: controller.signal });
    uniform(10, { generator: g });
    controller.abort();
    await expect(p).rejects.toThrow();
    expect(g.position).toBe((1 << 22) + 10);
  });

  it("an error thrown by onProgress rejects the fill and puts the generator back", async () => {
    const g = new Generator(4);
    const boom = new Error("boom");
    await expect(pool.fill(uniform, 500_000, { generator: g, onProgress: () => { throw boom; } })).rejects.toBe(boom);
    expect(g.position).toBe(0);
  });
});

describe("close", () => {
  it("rejects the fills still running and every later fill; the generator is put back", async () => {
    const p = createPool({ threads: 2 });
    const g = new Generator(3);
    const running = p.fill(normal, 1 << 23, { generator: g });
    const closed = p.close();
    await expect(running).rejects.toThrow("nninit pool: the pool was closed");
    await closed;
    expect(g.position).toBe(0);
    await expect(p.fill(normal, 10, { generator: g })).rejects.toThrow("nninit pool: the pool was closed");
    await expect(p.ready()).rejects.toThrow("nninit pool: the pool was closed");
    expect(g.position).toBe(0);
  });
});
