// The reservation of a generator's segment (src/stream/reserve.ts), on its own: what every client
// (fillAsync, the pool, the recipes' sources) relies on.

import { describe, expect, it } from "vitest";
import { reserve, sameState, fillSegment, abortReason, type AnyInitializer } from "../../src/stream/reserve.js";
import { kindOf, registerGeneratorKind, TAPE_KIND, CLONE_KIND } from "../../src/stream/kinds.js";
import { Generator, normal, kaimingUniform, uniform, fillAsync, type Shape } from "../../src/index.js";
import { TorchGenerator } from "../../src/torch/index.js";

const spec = (options: object, shape: number | number[] = [30, 7]) =>
  ({ fn: "test", initializer: normal as AnyInitializer, shape, options });

describe("reserve", () => {
  it("moves the generator as the synchronous call does, and any part equals the full fill's slice", () => {
    const g = new Generator(5).advance(3);
    const r = reserve(spec({ generator: g, std: 0.5 }));
    const sync = normal([30, 7], { generator: new Generator(5).advance(3), std: 0.5 });
    expect(g.getState()).toEqual({ seed: 5n, position: 3 + 210 });
    expect(r.before).toEqual({ seed: 5n, position: 3 });
    expect(r.after).toEqual(g.getState());
    expect([r.start, r.end, r.total, r.dtype]).toEqual([0, 210, 210, "float32"]);
    const out = new Float32Array(50);
    expect(r.fill(100, 150, out)).toBe(out);
    expect(out).toEqual(sync.subarray(100, 150));
    expect(r.fill(0, 210)).toEqual(sync); // a new array without out
  });

  it("honours range and dtype, and hands out a segment a worker can restart", () => {
    const g = new Generator(8);
    const r = reserve({ fn: "test", initializer: kaimingUniform as AnyInitializer, shape: [40, 9], options: { generator: g, range: [10, 300], dtype: "bfloat16", mode: "fan_out" } });
    const sync = kaimingUniform([40, 9], { generator: new Generator(8), range: [10, 300], dtype: "bfloat16", mode: "fan_out" });
    expect([r.start, r.end, r.total]).toEqual([10, 300, 290]);
    const source = r.source();
    expect(source).toEqual({ shape: [40, 9], options: { mode: "fan_out", dtype: "bfloat16" }, kind: "tape", state: { seed: 8n, position: 0 } });
    const out = new Uint16Array(290);
    fillSegment(kaimingUniform as AnyInitializer, structuredClone(source), 10, 300, out);
    expect(out).toEqual(sync);
  });

  it("refuses bad input moving nothing: the initializer's own message, the client's options, an aborted signal", () => {
    const g = new Generator(1);
    expect(() => reserve(spec({ generator: g, std: -1 }))).toThrow(/^normal: std must be/);
    expect(() => reserve({ ...spec({ generator: g }), name: "normal", shape: [-1] })).toThrow(/^normal: shape/);
    expect(() => reserve(spec({ generator: g, onProgress: 3 }))).toThrow("test: onProgress must be a function, got 3");
    expect(() => reserve(spec({ generator: g, signal: {} }))).toThrow(/^test: signal must be an AbortSignal/);
    const reason = new Error("stop");
    expect(() => reserve(spec({ generator: g, signal: AbortSignal.abort(reason) }))).toThrow(reason);
    expect(() => reserve({ ...spec({ generator: g, chunk: 0 }), clientKeys: ["chunk"], check: (c) => { if (c.chunk === 0) throw new RangeError("chunk"); } }))
      .toThrow("chunk");
    expect(() => reserve({ ...spec({ generator: new TorchGenerator(1) }), portable: true })).toThrow(/^test: generator must be a tape Generator/);
    expect(g.getState()).toEqual({ seed: 1n, position: 0 });
  });

  it("copies the shape and the options at the call", () => {
    const shape = [30, 7];
    const options = { generator: new Generator(2), std: 0.5 };
    const r = reserve(spec(options, shape));
    shape[0] = 1;
    options.std = 9;
    expect(r.dims).toEqual([30, 7]);
    expect(r.fill(0, 210)).toEqual(normal([30, 7], { generator: new Generator(2), std: 0.5 }));
  });

  it("cancel puts the generator back once, and not if something drew from it since", () => {
    const g = new Generator(4);
    const r = reserve(spec({ generator: g }));
    r.cancel();
    expect(g.position).toBe(0);
    g.advance(5);
    r.cancel(); // once: the second call does nothing
    expect(g.position).toBe(5);
    const s = reserve(spec({ generator: g }));
    normal(3, { generator: g });
    s.cancel();
    expect(g.position).toBe(5 + 210 + 3);
  });

  it("allocate gives the caller's out, or cancels and throws a clear RangeError", () => {
    const g = new Generator(4);
    const out = new Float32Array(210);
    expect(reserve(spec({ generator: g, out })).allocate(true)).toBe(out);
    const before = g.getState();
    const huge = reserve(spec({ generator: g }, [2 ** 26, 2 ** 26]));
    expect(() => huge.allocate(false)).toThrow(/^test: shape \[67108864, 67108864\] needs a Float32Array of 4503599627370496 elements/);
    expect(g.getState()).toEqual(before);
  });

  it("works for a generator kind restarted by cloning (TorchGenerator)", () => {
    const g = new TorchGenerator(7);
    const r = reserve({ fn: "test", initializer: uniform as AnyInitializer, shape: [100], options: { generator: g } });
    expect(r.kind).toBe(CLONE_KIND);
    const sync = uniform([100], { generator: new TorchGenerator(7) });
    expect(sameState(g.getState(), new TorchGenerator(7).getState())).toBe(false);
    expect(r.fill(0, 100)).toEqual(sync);
    r.cancel();
    expect(sameState(g.getState(), new TorchGenerator(7).getState())).toBe(true);
  });
});

describe("clients", () => {
  it("fillAsync with a TorchGenerator (a clone-restarted kind) gives the synchronous bits and state", async () => {
    for (const f of [normal, uniform] as ((shape: Shape, o?: object) => Float32Array)[]) {
      const g = new TorchGenerator(1), h = new TorchGenerator(1);
      const got = await fillAsync(f, [1000], { generator: g, chunkSize: 100 });
      expect(got).toEqual(f([1000], { generator: h }));
      expect(sameState(g.getState(), h.getState())).toBe(true);
    }
  });
});

describe("helpers", () => {
  it("kindOf", () => {
    expect(kindOf(new Generator(1))).toBe(TAPE_KIND);
    expect(kindOf(new TorchGenerator(1))).toBe(CLONE_KIND);
  });
  it("registerGeneratorKind: an optional module's kind, never portable", () => {
    class Counter { n = 0; }
    const kind = { name: "counter-test", owns: (g: unknown) => g instanceof Counter, portable: false, state: () => 0, restore: () => new TorchGenerator(0) };
    registerGeneratorKind(kind);
    expect(kindOf(new Counter() as never)).toBe(kind);
    expect(kindOf(new Generator(1))).toBe(TAPE_KIND);
    expect(() => registerGeneratorKind({ ...kind, name: "x", portable: true })).toThrow(/^registerGeneratorKind: x cannot be portable/);
  });
  it("sameState compares deeply", () => {
    expect(sameState({ a: [1, 2n], b: new Uint32Array([3]) }, { a: [1, 2n], b: new Uint32Array([3]) })).toBe(true);
    expect(sameState({ a: [1, 2n] }, { a: [1, 3n] })).toBe(false);
    expect(sameState(new Uint32Array([3]), new Int32Array([3]))).toBe(false);
  });
  it("abortReason", () => {
    const reason = abortReason("fillX", new AbortController().signal) as DOMException;
    expect([reason.name, reason.message]).toEqual(["AbortError", "fillX was aborted"]);
  });
});
