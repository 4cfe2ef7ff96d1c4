// JaxGenerator in the pool and in fillAsync: the pool's workers run the core bundle, which has no
// jax code; the jax kind's worker module reaches each worker before its first jax fill. Every
// fill gives the synchronous call's bits and moves the generator as it does, for 1, 2 and 3
// workers, shared memory and the transfer fallback, odd shapes, ranges and any chunking. Runs in
// Node and in Chromium (where the page is not cross-origin isolated: the transfer fallback).

import { afterAll, describe, expect, it } from "vitest";
import { expectSameBits } from "../browser/compare.js";
import {
  createPool, fillAsync, Generator, defaultGenerator, normal, uniform, truncNormal, kaimingUniform, glorotNormal, orthogonal, constant,
  type Pool, type Shape, type TensorOptions,
} from "../../src/index.js";
import {
  JaxGenerator, JaxKey, key, foldIn, split, normal as jaxNormal, uniform as jaxUniform, truncatedNormal as jaxTruncatedNormal,
  initializers,
} from "../../src/jax/index.js";
import { DRAW, type Draw } from "../../src/random/draw.js";
import { KIND, type GeneratorKind } from "../../src/stream/kinds.js";

type Init = (shape: Shape, o?: TensorOptions & Record<string, unknown>) => Float32Array;
const sharedAvailable = typeof SharedArrayBuffer === "function" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
const numel = (shape: Shape) => (typeof shape === "number" ? shape : shape.reduce((a, b) => a * b, 1));

/** A JaxGenerator at draw `count` of the stream of key(seed). */
const at = (seed: number, count: number) => new JaxGenerator(key(seed)).setState({ ...new JaxGenerator(key(seed)).getState(), count });

/** The laws a JaxGenerator draws, and whole-tensor and constant initializers, on odd shapes past several chunks (>= 65536 elements). */
const CASES: [string, Init, Shape, object][] = [
  ["normal", normal as Init, [301, 1001], { mean: 0.1, std: 0.02 }],
  ["uniform", uniform as Init, [210_001], { a: -0.5, b: 2 }],
  ["truncNormal", truncNormal as Init, [3, 70_001], { std: 0.5, a: -1, b: 0.75 }],
  ["kaimingUniform", kaimingUniform as Init, [301, 20, 7, 7], { a: 0.1, nonlinearity: "leaky_relu" }],
  ["glorotNormal", glorotNormal as Init, [401, 701], {}],
  ["constant", constant as Init, [70_001, 3], { value: 3.5 }],
  ["orthogonal", orthogonal as Init, [97, 3, 5], { gain: 2 }],
];

const pools = new Map<string, Pool>();
function poolOf(threads: number, shared: boolean): Pool {
  const id = `${threads}/${shared}`;
  let pool = pools.get(id);
  if (!pool) pools.set(id, (pool = createPool({ threads, shared })));
  return pool;
}
afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
});

const MODES = sharedAvailable ? [true, false] : [false];

describe.each(MODES.flatMap((shared) => [1, 2, 3].map((threads) => ({ threads, shared }))))(
  "a JaxGenerator in a pool of $threads (shared memory: $shared)", ({ threads, shared }) => {
    it.each(CASES)("%s: the whole tensor, then a range into the caller's out", async (_, f, shape, options) => {
      const pool = poolOf(threads, shared);
      const n = numel(shape), range = [Math.floor(n / 3), n - Math.floor(n / 5)] as const;
      const sync = at(5, 3);
      const expected = f(shape, { ...options, generator: sync });
      const expectedRange = f(shape, { ...options, generator: sync, range });
      const g = at(5, 3);
      const got = await pool.fill(f, shape, { ...options, generator: g });
      expectSameBits(got, expected, "whole");
      const out = new Float32Array(range[1] - range[0]);
      const gotRange = await pool.fill(f, shape, { ...options, generator: g, range, out });
      expect(gotRange).toBe(out);
      expectSameBits(out, expectedRange, "range");
      expect(g.getState()).toEqual(sync.getState());
    });
  });

describe("a JaxGenerator in the pool, mixed with tape fills", () => {
  it("fills given at once, tape and jax interleaved, each get their own bits", async () => {
    const pool = poolOf(3, sharedAvailable);
    const [k1, k2] = split(key(77));
    const jg = new JaxGenerator(k1), tg = new Generator(77), jSync = new JaxGenerator(k1), tSync = new Generator(77);
    const shapes: Shape[] = [[1001, 301], [65_537], [3, 99_991], [257, 1023]];
    const fills = shapes.flatMap((s) => [pool.fill(normal, s, { std: 0.3, generator: jg }), pool.fill(normal, s, { std: 0.3, generator: tg })]);
    const want = shapes.flatMap((s) => [normal(s, { std: 0.3, generator: jSync }), normal(s, { std: 0.3, generator: tSync })]);
    const got = await Promise.all(fills);
    for (const [i, v] of got.entries()) expectSameBits(v as Float32Array, want[i], `fill ${i}`);
    expect(jg.getState()).toEqual(jSync.getState());
    // A stream from another key is another stream.
    expect(await pool.fill(uniform, [70_000], { generator: new JaxGenerator(k2) })).not.toEqual(uniform([70_000], { generator: new JaxGenerator(k1) }));
  });

  it("a worker that restarts loads the jax module again", async () => {
    const pool = createPool({ threads: 1, shared: sharedAvailable });
    try {
      const want = normal([300_001], { generator: at(9, 0) });
      expectSameBits(await pool.fill(normal, [300_001], { generator: at(9, 0) }) as Float32Array, want, "first worker");
      pool.killWorkerForTest(0);
      // Node learns of the stop after this fill went to the dead worker (it rejects); browsers at once.
      await pool.fill(normal, [300_001], { generator: at(9, 0) }).catch(() => undefined);
      expectSameBits(await pool.fill(normal, [300_001], { generator: at(9, 0) }) as Float32Array, want, "its replacement");
    } finally {
      await pool.close();
    }
  });
});

describe("a JaxGenerator in fillAsync", () => {
  it.each([1, 7, 4096, 65_537, 1 << 20])("chunks of %i elements give the synchronous bits, whole and as a range", async (chunkSize) => {
    const shape = chunkSize < 100 ? [13, 17] : [301, 1001];
    const n = numel(shape), range = [5, n - 3] as const;
    const sync = at(2, 1);
    const expected = truncNormal(shape, { std: 2, a: -3, b: 1, generator: sync });
    const expectedRange = truncNormal(shape, { std: 2, a: -3, b: 1, generator: sync, range });
    const g = at(2, 1);
    expectSameBits(await fillAsync(truncNormal, shape, { std: 2, a: -3, b: 1, generator: g, chunkSize }), expected, "whole");
    expectSameBits(await fillAsync(truncNormal, shape, { std: 2, a: -3, b: 1, generator: g, chunkSize, range }), expectedRange, "range");
    expect(g.getState()).toEqual(sync.getState());
  });
});

describe("bad input with a JaxGenerator: the synchronous call's error, nothing moved", () => {
  const pool = () => poolOf(2, sharedAvailable);

  it("a half dtype (JAX computes it in 16-bit arithmetic, not done here)", async () => {
    const g = at(1, 4);
    await expect(pool().fill(normal, [300_000], { generator: g, dtype: "bfloat16" })).rejects.toThrow(new TypeError(
      "normal: a JaxGenerator draws float32 only (JAX computes half dtypes in 16-bit arithmetic, not implemented); drop dtype"));
    await expect(fillAsync(uniform, [300_000], { generator: g, dtype: "float16" })).rejects.toThrow(/^uniform: a JaxGenerator draws float32 only/);
    expect(g.count).toBe(4);
  });

  it("a used-up stream (2^32 keys given: fold_in's data is a uint32)", async () => {
    const g = at(1, 2 ** 32);
    const message = "normal: this JaxGenerator gave 2^32 keys (fold_in's data is a uint32)";
    await expect(pool().fill(normal, [300_000], { generator: g })).rejects.toThrow(new RangeError(message));
    await expect(fillAsync(normal, [300_000], { generator: g })).rejects.toThrow(new RangeError(message));
    expect(g.count).toBe(2 ** 32);
  });

  it("a bad key, and a generator that only looks like a JaxGenerator", async () => {
    expect(() => new JaxGenerator(foldIn as never)).toThrow(/^JaxGenerator: key must be a JaxKey \(from key\(seed\), split or foldIn\), got /);
    expect(() => at(1, 0).setState({ key: [1, 2 ** 32], count: 0 })).toThrow(new RangeError("wrapKeyData: data[1] must be an integer in [0, 4294967295], got 4294967296"));
    // A Proxy fails the brand check: it is drawn from as a sequential generator, which the pool refuses.
    const fake = new Proxy(at(1, 0), {});
    await expect(pool().fill(normal, [300_000], { generator: fake })).rejects.toThrow(
      /^pool\.fill: generator must be a tape Generator \(new Generator\(seed\)\) or a JaxGenerator; other generators draw sequentially/);
  });
});

/** A tape generator dressed as an optional kind whose worker module cannot load. */
class Broken {
  readonly tape: Generator;
  constructor(tape: Generator) {
    this.tape = tape;
  }
  [DRAW](d: Draw): void {
    this.tape[DRAW](d);
  }
  clone(): Broken {
    return new Broken(this.tape.clone());
  }
  getState() {
    return this.tape.getState();
  }
  setState(s: never): this {
    this.tape.setState(s);
    return this;
  }
  get [KIND](): GeneratorKind {
    return {
      name: "broken-test", owns: (g) => g instanceof Broken, portable: true,
      state: (g) => (g as Broken).getState(), restore: (s) => new Broken(new Generator(0).setState(s as never)),
      worker: { source: () => "(function () { throw new RangeError('no kernels here'); })" },
    };
  }
}

describe("an optional kind's worker module", () => {
  it("that fails to load fails the fill with the reason, and puts the generator back", async () => {
    const g = new Broken(new Generator(4));
    await expect(poolOf(2, sharedAvailable).fill(normal, [300_000], { generator: g })).rejects.toThrow(
      "nninit pool worker: the broken-test module could not load (RangeError: no kernels here)");
    expect(g.getState()).toEqual(new Generator(4).getState());
    // fillAsync and small pool fills run on the calling thread, without the module.
    expectSameBits(await fillAsync(normal, [1000], { generator: g }), normal([1000], { generator: new Generator(4) }));
  });
});

// nninit/jax's own samplers, `normal(key, shape, options)` and its siblings, whose values are
// jax.random's: pool.fill and fillAsync take them with `{ key, ...the sampler's options }`
// (truncatedNormal's bounds as `lower` and `upper`), and give the synchronous call's bits.

/** A sampler's synchronous call from the options pool.fill takes. */
type SamplerCase = [string, typeof jaxNormal, Shape, Record<string, unknown>, (k: JaxKey, s: Shape, o: Record<string, unknown>) => Float32Array];
const SAMPLERS: SamplerCase[] = [
  ["normal", jaxNormal, [301, 1001], {}, (k, s, o) => jaxNormal(k, s, o)],
  ["uniform", jaxUniform as typeof jaxNormal, [210_001], { minval: -0.5, maxval: 2 }, (k, s, o) => jaxUniform(k, s, o)],
  ["truncatedNormal", jaxTruncatedNormal as unknown as typeof jaxNormal, [3, 70_001], { lower: -1, upper: 0.75 },
    (k, s, { lower, upper, ...o }) => jaxTruncatedNormal(k, lower as number, upper as number, s, o)],
];

describe.each(MODES.flatMap((shared) => [1, 2, 3].map((threads) => ({ threads, shared }))))(
  "nninit/jax's samplers in a pool of $threads (shared memory: $shared)", ({ threads, shared }) => {
    it.each(SAMPLERS)("%s: the whole draw, then a range into the caller's out", async (_, f, shape, options, sync) => {
      const pool = poolOf(threads, shared);
      const k = foldIn(key(11), threads);
      const n = numel(shape), range = [Math.floor(n / 3) + 1, n - Math.floor(n / 5)] as const;
      expectSameBits(await pool.fill(f, shape, { key: k, ...options }), sync(k, shape, options), "whole");
      const out = new Float32Array(range[1] - range[0]);
      const got = await pool.fill(f, shape, { key: k, ...options, range, out });
      expect(got).toBe(out);
      expectSameBits(out, sync(k, shape, { ...options, range }), "range");
    });
  });

describe("nninit/jax's samplers in the pool", () => {
  it("give jax.random.normal's values (known answer) from a pool that has run no jax fill yet", async () => {
    const pool = createPool({ threads: 2, shared: sharedAvailable });
    try {
      const w = await pool.fill(jaxNormal, [300_001], { key: key(0) });
      // jax.random.normal(key(0), (3,)); element i depends on the key and i only (partitionable threefry)
      expect(Array.from(w.subarray(0, 3))).toEqual([1.6226422, 2.0252647, -0.43359444].map(Math.fround));
      expectSameBits(w, jaxNormal(key(0), [300_001]));
    } finally {
      await pool.close();
    }
  });

  it("mixed with JaxGenerator and tape fills given at once, each gets its own bits", async () => {
    const pool = poolOf(3, sharedAvailable);
    const [k1, k2] = split(key(78));
    const jg = new JaxGenerator(k1), jSync = new JaxGenerator(k1);
    const fills = [
      pool.fill(jaxUniform, [65_537, 3], { key: k2, maxval: 3 }),
      pool.fill(normal, [99_991], { generator: jg }),
      pool.fill(jaxNormal, [1001, 257], { key: k1 }),
      pool.fill(normal, [65_536], { generator: new Generator(3) }),
    ];
    const [a, b, c, d] = await Promise.all(fills);
    expectSameBits(a, jaxUniform(k2, [65_537, 3], { maxval: 3 }), "jax uniform");
    expectSameBits(b as Float32Array, normal([99_991], { generator: jSync }), "JaxGenerator");
    expectSameBits(c, jaxNormal(k1, [1001, 257]), "jax normal");
    expectSameBits(d as Float32Array, normal([65_536], { generator: new Generator(3) }), "tape");
    expect(jg.getState()).toEqual(jSync.getState());
  });

  it("small draws (run on the calling thread) and empty ranges", async () => {
    const pool = poolOf(2, sharedAvailable);
    expectSameBits(await pool.fill(jaxNormal, [7, 3], { key: key(5) }), jaxNormal(key(5), [7, 3]));
    expect(await pool.fill(jaxNormal, [7, 3], { key: key(5), range: [4, 4] })).toEqual(new Float32Array(0));
    expectSameBits(await pool.fill(jaxTruncatedNormal as unknown as typeof jaxNormal, 5, { key: key(5), lower: 0, upper: 1 }), jaxTruncatedNormal(key(5), 0, 1, 5));
  });
});

describe("nninit/jax's samplers in fillAsync", () => {
  it.each([1, 7, 65_537])("chunks of %i elements give the synchronous bits, whole and as a range into out", async (chunkSize) => {
    const shape = chunkSize < 100 ? [13, 17] : [301, 1001];
    const n = numel(shape), range = [5, n - 3] as const, k = key(chunkSize);
    for (const [name, f, , options, sync] of SAMPLERS) {
      expectSameBits(await fillAsync(f, shape, { key: k, ...options, chunkSize }), sync(k, shape, options), `${name} whole`);
      const out = new Float32Array(range[1] - range[0]);
      expect(await fillAsync(f, shape, { key: k, ...options, chunkSize, range, out })).toBe(out);
      expectSameBits(out, sync(k, shape, { ...options, range }), `${name} range`);
    }
  });
});

describe("bad input to nninit/jax's samplers in the pool and fillAsync: the sampler's error, nothing written or moved", () => {
  const pool = () => poolOf(2, sharedAvailable);
  const KEY_MESSAGE = /^normal: key must be a JaxKey \(from key\(seed\), split or foldIn\), got /;
  // The default generator is what the core's samplers draw from when given none: it must not move either.
  const defaultState = () => defaultGenerator.getState();

  it.each<[string, unknown]>([
    ["no key", undefined],
    ["the key's words", [0, 0]],
    ["an object made from JaxKey's prototype", Object.create(JaxKey.prototype)],
    ["a JaxGenerator", new JaxGenerator(key(0))],
  ])("not a key: %s", async (_, k) => {
    const state = defaultState(), out = new Float32Array(300_000).fill(7);
    await expect(pool().fill(jaxNormal, [300_000], { key: k as JaxKey, out })).rejects.toThrow(KEY_MESSAGE);
    await expect(fillAsync(jaxNormal, [300_000], { key: k as JaxKey, out })).rejects.toThrow(KEY_MESSAGE);
    await expect(pool().fill(jaxNormal, [300_000], { key: k as JaxKey, out })).rejects.toBeInstanceOf(TypeError);
    expect(out.every((x) => x === 7)).toBe(true);
    expect(defaultGenerator.getState()).toEqual(state);
  });

  it("options the sampler refuses, a dtype it refuses, a generator, bad bounds, a wrong out", async () => {
    const state = defaultState(), out = new Float32Array(300_000).fill(7);
    const cases: [() => Promise<unknown>, () => Promise<unknown>, RegExp | Error][] = [
      [() => pool().fill(jaxNormal, [300_000], { key: key(1), std: 2, out }), () => fillAsync(jaxNormal, [300_000], { key: key(1), std: 2, out }),
        new TypeError('normal: unknown option "std"; known options are range, out, dtype')],
      [() => pool().fill(jaxNormal, [300_000], { key: key(1), dtype: "bfloat16" }), () => fillAsync(jaxNormal, [300_000], { key: key(1), dtype: "float16" }),
        /^normal: dtype must be one of "float32", got "b?float16"$/],
      [() => pool().fill(jaxUniform as typeof jaxNormal, [300_000], { key: key(1), generator: new Generator(1), out }),
        () => fillAsync(jaxUniform as typeof jaxNormal, [300_000], { key: key(1), generator: new JaxGenerator(key(1)) }),
        /^(pool\.fill|fillAsync): uniform draws from options\.key \(a JaxKey\), not from a generator; drop generator$/],
      [() => pool().fill(jaxTruncatedNormal as unknown as typeof jaxNormal, [300_000], { key: key(1), lower: 1, upper: 1, out }),
        () => fillAsync(jaxTruncatedNormal as unknown as typeof jaxNormal, [300_000], { key: key(1), lower: 1, upper: 1, out }),
        new RangeError("truncatedNormal: upper must be a number above lower (1), got 1")],
      [() => pool().fill(jaxTruncatedNormal as unknown as typeof jaxNormal, [300_000], { key: key(1), upper: 1, out }),
        () => fillAsync(jaxTruncatedNormal as unknown as typeof jaxNormal, [300_000], { key: key(1), upper: 1, out }),
        /^truncatedNormal: lower must be a (finite )?number, got undefined$/],
      [() => pool().fill(jaxNormal, [300_001], { key: key(1), out }), () => fillAsync(jaxNormal, [300_001], { key: key(1), out }),
        /^normal: out must be a Float32Array of length 300001/],
    ];
    for (const [p, a, want] of cases) {
      await expect(p()).rejects.toThrow(want);
      await expect(a()).rejects.toThrow(want);
    }
    expect(out.every((x) => x === 7)).toBe(true);
    expect(defaultGenerator.getState()).toEqual(state);
  });

  it("a sampler without a pool entry (bits, bernoulli) is not an initializer", async () => {
    const { bits } = await import("../../src/jax/index.js");
    await expect(pool().fill(bits as never, [300_000], { key: key(1) } as never)).rejects.toThrow(/^pool\.fill: initializer must be one of nninit's initializers/);
  });
});

// jax.nn.initializers' initializers, `(key, shape, dtype?) => values`: pool.fill and fillAsync
// take them with `{ key }` and give the synchronous call's bits. A worker gets the initializer
// as its factory's name and arguments (plain data) and makes it again.

/** Initializers with their factory arguments, on odd shapes past several chunks, fans from in/out/batch axes. */
const INITS: [string, initializers.Initializer, Shape][] = [
  ["heNormal()", initializers.heNormal(), [3, 3, 31, 257]],
  ["glorotUniform({ inAxis: 0, outAxis: [1, 2] })", initializers.glorotUniform({ inAxis: 0, outAxis: [1, 2] }), [257, 3, 97]],
  ["varianceScaling(0.5, fan_geo_avg, normal, batch 0)", initializers.varianceScaling(0.5, "fan_geo_avg", "normal", { batchAxis: 0, inAxis: 1, outAxis: -1 }), [3, 101, 7, 111]],
  ["lecunUniform()", initializers.lecunUniform(), [1001, 301]],
  ["normal(0.02)", initializers.normal(0.02), [70_001, 3]],
  ["uniform(0.5)", initializers.uniform(0.5), [210_001]],
  ["truncatedNormal(0.1, -1, 0.5)", initializers.truncatedNormal(0.1, -1, 0.5), [3, 70_001]],
  ["constant(0.1)", initializers.constant(0.1), [65_537, 2]],
  ["zeros", initializers.zeros, [70_001]],
  ["ones", initializers.ones, [70_001]],
];

describe.each(MODES.flatMap((shared) => [1, 2, 3].map((threads) => ({ threads, shared }))))(
  "jax.nn.initializers in a pool of $threads (shared memory: $shared)", ({ threads, shared }) => {
    it.each(INITS)("%s: the whole tensor, then a range into the caller's out", async (_, init, shape) => {
      const pool = poolOf(threads, shared);
      const k = foldIn(key(21), threads);
      const n = numel(shape), range = [Math.floor(n / 3) + 1, n - Math.floor(n / 5)] as const;
      const sync = init(k, shape);
      expectSameBits(await pool.fill(init, shape, { key: k }), sync, "whole");
      const out = new Float32Array(range[1] - range[0]);
      expect(await pool.fill(init, shape, { key: k, range, out })).toBe(out);
      expectSameBits(out, sync.subarray(...range), "range");
    });
  });

/** Whole-tensor initializers: the pool runs each once, on one worker; fillAsync refuses them. */
const WHOLE: [string, initializers.Initializer, Shape][] = [
  ["orthogonal(2, 0)", initializers.orthogonal(2, 0), [97, 3, 5]],
  ["deltaOrthogonal()", initializers.deltaOrthogonal(), [3, 3, 8, 16]],
];

describe.each([1, 3].map((threads) => ({ threads })))("jax.nn.initializers' whole-tensor ones in a pool of $threads", ({ threads }) => {
  it.each(WHOLE)("%s: the whole tensor, then a range into the caller's out", async (_, init, shape) => {
    const pool = poolOf(threads, sharedAvailable);
    const n = numel(shape), range = [7, n - 11] as const, k = key(threads), sync = init(k, shape);
    expectSameBits(await pool.fill(init, shape, { key: k }), sync, "whole");
    const out = new Float32Array(range[1] - range[0]);
    expect(await pool.fill(init, shape, { key: k, range, out })).toBe(out);
    expectSameBits(out, sync.subarray(...range), "range");
  });

  it("fillAsync refuses them, naming the function, writing nothing", async () => {
    const out = new Float32Array(97 * 15).fill(7);
    for (const [name, init, shape] of WHOLE) {
      const label = name.slice(0, name.indexOf("("));
      await expect(fillAsync(init, shape, { key: key(1), out: out.subarray(0, numel(shape)) })).rejects.toThrow(new TypeError(
        `fillAsync: ${label} is not elementwise (each value depends on the whole tensor), so it cannot be filled in chunks; call it directly (in a Worker to keep a page responsive)`));
    }
    expect(out.every((x) => x === 7)).toBe(true);
  });

  it("a shape or axis they refuse: their own error", async () => {
    await expect(poolOf(threads, sharedAvailable).fill(initializers.deltaOrthogonal(), [3, 3, 16, 8], { key: key(1) })).rejects.toThrow(
      new RangeError("deltaOrthogonal: shape must be a shape whose last dimension (fan_out) is at least the one before (fan_in), got [3, 3, 16, 8]"));
    await expect(poolOf(threads, sharedAvailable).fill(initializers.orthogonal(1, 3), [30, 40], { key: key(1) })).rejects.toThrow(
      new RangeError("orthogonal: columnAxis must be an axis of a 2-d shape, got 3"));
  });
});

describe("jax.nn.initializers in the pool", () => {
  it("heNormal on [1024, 1024] from a fresh pool gives the synchronous bits; small ones run on the calling thread", async () => {
    const pool = createPool({ threads: 2, shared: sharedAvailable });
    try {
      const init = initializers.heNormal();
      expectSameBits(await pool.fill(init, [1024, 1024], { key: key(0) }), init(key(0), [1024, 1024]));
      expectSameBits(await pool.fill(init, [7, 3], { key: key(5), dtype: "float32" }), init(key(5), [7, 3], "float32"));
      expect(await pool.fill(init, [7, 3], { key: key(5), range: [4, 4] })).toEqual(new Float32Array(0));
    } finally {
      await pool.close();
    }
  });
});

describe("jax.nn.initializers in fillAsync", () => {
  it.each([1, 7, 65_537])("chunks of %i elements give the synchronous bits, whole and as a range into out", async (chunkSize) => {
    const k = key(chunkSize);
    for (const [name, init, big] of INITS) {
      const shape = chunkSize < 100 ? (big as number[]).map((d) => Math.min(d, 13)) : big;
      const n = numel(shape), range = [5, n - 3] as const, sync = init(k, shape);
      expectSameBits(await fillAsync(init, shape, { key: k, chunkSize }), sync, `${name} whole`);
      const out = new Float32Array(range[1] - range[0]);
      expect(await fillAsync(init, shape, { key: k, chunkSize, range, out })).toBe(out);
      expectSameBits(out, sync.subarray(...range), `${name} range`);
    }
  });
});

describe("bad input to jax.nn.initializers in the pool and fillAsync: the initializer's error, nothing written or moved", () => {
  const pool = () => poolOf(2, sharedAvailable);
  const he = initializers.heNormal(), scaled = initializers.normal(0.5);

  it.each<[string, unknown]>([
    ["no key", undefined],
    ["the key's words", [0, 0]],
    ["a JaxGenerator", new JaxGenerator(key(0))],
  ])("not a key: %s", async (_, k) => {
    const state = defaultGenerator.getState(), out = new Float32Array(300_000).fill(7);
    const want = /^varianceScaling: key must be a JaxKey \(from key\(seed\), split or foldIn\), got /;
    await expect(pool().fill(he, [300, 1000], { key: k as JaxKey, out })).rejects.toThrow(want);
    await expect(fillAsync(he, [300, 1000], { key: k as JaxKey, out })).rejects.toThrow(want);
    await expect(pool().fill(scaled, [300_000], { key: k as JaxKey, out })).rejects.toBeInstanceOf(TypeError);
    expect(out.every((x) => x === 7)).toBe(true);
    expect(defaultGenerator.getState()).toEqual(state);
  });

  it("options the initializer refuses, a dtype it refuses, a generator, a bad shape for its fans, a wrong out", async () => {
    const state = defaultGenerator.getState(), out = new Float32Array(300_000).fill(7);
    const cases: [() => Promise<unknown>, () => Promise<unknown>, RegExp | Error][] = [
      [() => pool().fill(scaled, [300_000], { key: key(1), std: 2, out }), () => fillAsync(scaled, [300_000], { key: key(1), std: 2, out }),
        new TypeError('normal: unknown option "std"; known options are range, out, dtype')],
      [() => pool().fill(he, [300, 1000], { key: key(1), dtype: "bfloat16" }), () => fillAsync(he, [300, 1000], { key: key(1), dtype: "float16" }),
        /^varianceScaling: dtype must be one of "float32", got "b?float16"$/],
      [() => pool().fill(he, [300, 1000], { key: key(1), generator: new Generator(1), out }),
        () => fillAsync(he, [300, 1000], { key: key(1), generator: new JaxGenerator(key(1)) }),
        /^(pool\.fill|fillAsync): varianceScaling draws from options\.key \(a JaxKey\), not from a generator; drop generator$/],
      [() => pool().fill(he, [300_000], { key: key(1), out }), () => fillAsync(he, [300_000], { key: key(1), out }),
        new RangeError("varianceScaling: shape must be at least 2-d with the default in_axis (or give inAxis), got [300000]")],
      [() => pool().fill(initializers.glorotUniform({ outAxis: 2 }), [300, 1000], { key: key(1), out }),
        () => fillAsync(initializers.glorotUniform({ outAxis: 2 }), [300, 1000], { key: key(1), out }),
        new RangeError("varianceScaling: outAxis must be an axis of a 2-d shape, got 2")],
      [() => pool().fill(he, [300, 1001], { key: key(1), out }), () => fillAsync(he, [300, 1001], { key: key(1), out }),
        /^varianceScaling: out must be a Float32Array of length 300300/],
    ];
    for (const [p, a, want] of cases) {
      await expect(p()).rejects.toThrow(want);
      await expect(a()).rejects.toThrow(want);
    }
    expect(out.every((x) => x === 7)).toBe(true);
    expect(defaultGenerator.getState()).toEqual(state);
  });
});
