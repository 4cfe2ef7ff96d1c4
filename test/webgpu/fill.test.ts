// nninit/webgpu against the CPU, bit for bit: every elementwise initializer, dtype and precision,
// odd sizes, byte offsets, ranges, tape positions up to 2^53, chunked dispatches, whole models in
// one encoder; the CPU path for whole-tensor initializers; argument errors. Runs where a WebGPU
// adapter exists: Node with the `webgpu` package over SwiftShader (test/webgpu/device.ts), or a
// Chromium started with --enable-unsafe-webgpu; skipped elsewhere.
//
// Sizes are small: the exact precision runs soft float through an interpreter, ~15k normal
// values/s on SwiftShader on a loaded 2-core machine.

import { describe, test, expect, beforeAll } from "vitest";
import { testGpu, readBack, storageBuffer, type TestGpu } from "./device.js";
import { createGpuInit, type GpuInit } from "../../src/webgpu/index.js";
import { Generator, catalogEntry } from "../../src/index.js";
import { buildRecipe, resolveConfig, tensorSources } from "../../src/models/index.js";
import { TorchGenerator } from "../../src/torch/index.js";

const gpu: TestGpu | undefined = await testGpu();
type Dtype = "float32" | "float16" | "bfloat16";
const bytes = (d: Dtype) => (d === "float32" ? 4 : 2);

/** The CPU's result as raw bytes. */
function cpuBytes(name: string, shape: number[], options: Record<string, unknown>): Uint8Array {
  const out = catalogEntry(name).fn(shape, options as never) as unknown as ArrayBufferView;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Fills on the GPU `at` elements into a buffer of sentinel bytes; returns [before, values, after]. */
async function gpuFill(init: GpuInit, name: string, shape: number[], options: Record<string, unknown>, count: number, at = 0): Promise<Uint8Array[]> {
  const d = gpu!.device;
  const dtype = (options.dtype ?? "float32") as Dtype;
  const offset = at * bytes(dtype);
  const total = offset + count * bytes(dtype) + 6;
  const buffer = storageBuffer(d, total);
  await init.fill(name, buffer, shape, { ...options, offset });
  const all = new Uint8Array(await readBack(d, buffer, total));
  return [all.subarray(0, offset), all.subarray(offset, offset + count * bytes(dtype)), all.subarray(offset + count * bytes(dtype))];
}

function firstDiff(a: Uint8Array, b: Uint8Array): string {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `byte ${i}: ${a[i]} vs ${b[i]}`;
  return "same";
}

const CASES: [string, Record<string, unknown>][] = [
  ["uniform", { a: -0.3, b: 0.7 }],
  ["normal", { mean: 0.25, std: 0.02 }],
  ["truncNormal", {}],
  ["truncNormal", { mean: 0.5, std: 2, a: -6, b: -2.4 }],
  ["truncNormal", { a: 2.5, b: 3.5 }],
  ["kaimingUniform", { a: Math.sqrt(5) }],
  ["kaimingNormal", { mode: "fan_out", nonlinearity: "relu" }],
  ["xavierUniform", { gain: 1.5 }],
  ["xavierNormal", {}],
  ["glorotUniform", {}],
  ["heNormal", {}],
  ["lecunNormal", {}],
  ["varianceScaling", { scale: 2, mode: "fan_avg", distribution: "uniform" }],
  ["constant", { value: -1.2345678 }],
  ["ones", {}],
  ["zeros", {}],
];

describe.skipIf(!gpu)(`nninit/webgpu on ${gpu?.adapterName ?? "no adapter"}`, () => {
  let init: GpuInit;
  beforeAll(() => { init = createGpuInit(gpu!.device); });

  for (const precision of ["exact", "fast"] as const) {
    for (const [name, opts] of CASES) {
      test(`${name} ${JSON.stringify(opts)} ${precision}: the CPU's bits, every dtype, odd sizes and offsets, the generator moved alike`, async () => {
        const shape = name.startsWith("kaiming") || name.startsWith("xavier") ? [37, 11] : name.startsWith("glorot") || name.startsWith("he") || name.startsWith("lecun") || name === "varianceScaling" ? [3, 13, 9] : [409];
        const n = shape.reduce((a, b) => a * b, 1);
        const runs: [Dtype, number, number, number][] = [["float32", 3, 3, 0], ["float16", 3, 2 ** 53 - n - 5, 1], ["bfloat16", 1, 1021, 3 * 2 ** 32 * 1024 + 1]];
        for (const [dtype, offset, position, seed] of runs) {
          const cpuGen = new Generator(seed).setState({ seed: BigInt(seed), position });
          const gpuGen = cpuGen.clone();
          const want = cpuBytes(name, shape, { ...opts, dtype, generator: cpuGen });
          const [before, got, after] = await gpuFill(init, name, shape, { ...opts, dtype, generator: gpuGen, precision }, n, offset);
          expect(firstDiff(got, want), `${dtype} at position ${position}`).toBe("same");
          expect(before.every((b) => b === 0xa5) && after.every((b) => b === 0xa5), "bytes outside the tensor untouched").toBe(true);
          expect(gpuGen.position).toBe(cpuGen.position);
        }
      });
    }
  }

  test("range: elements [start, end) of the whole fill, the generator moved by the whole tensor", async () => {
    for (const dtype of ["float32", "float16"] as const) {
      const cpuGen = new Generator(11).advance(77), gpuGen = cpuGen.clone();
      const want = cpuBytes("normal", [40, 25], { range: [333, 777], dtype, generator: cpuGen });
      const [, got] = await gpuFill(init, "normal", [40, 25], { range: [333, 777], dtype, generator: gpuGen }, 444, 2);
      expect(firstDiff(got, want)).toBe("same");
      expect(gpuGen.position).toBe(cpuGen.position);
    }
  });

  test("dispatches cut at the binding limit give the same bits", async () => {
    const small = createGpuInit(gpu!.device, { maxBindingBytes: 4096, precision: "fast" });
    for (const dtype of ["float32", "bfloat16"] as const) {
      const n = 5000;
      const cpuGen = new Generator(5).advance(999), gpuGen = cpuGen.clone();
      const want = cpuBytes("uniform", [n], { dtype, generator: cpuGen });
      const buffer = storageBuffer(gpu!.device, 8 + n * 4);
      const report = await small.fill("uniform", buffer, [n], { dtype, generator: gpuGen, offset: 2 * bytes(dtype) });
      expect(report.dispatches).toBeGreaterThan(1);
      const got = new Uint8Array(await readBack(gpu!.device, buffer, 2 * bytes(dtype) + n * bytes(dtype))).subarray(2 * bytes(dtype));
      expect(firstDiff(got, want)).toBe("same");
    }
  });

  test("whole-tensor initializers: computed on the CPU and copied in, same bits, generator moved alike", async () => {
    const cases: [string, number[], Record<string, unknown>][] = [
      ["orthogonal", [12, 7], { gain: 2 }], ["sparse", [10, 9], { sparsity: 0.3 }], ["eye", [5, 7], {}],
      ["dirac", [4, 2, 3], {}], ["identity", [6, 6], { gain: 3 }], ["deltaOrthogonal", [3, 3, 4, 4], {}],
    ];
    for (const [name, shape, opts] of cases) {
      const n = shape.reduce((a, b) => a * b, 1);
      for (const dtype of ["float32", "float16"] as const) {
        const cpuGen = new Generator(3).advance(5), gpuGen = cpuGen.clone();
        const want = cpuBytes(name, shape, { ...opts, dtype, generator: cpuGen });
        const [before, got] = await gpuFill(init, name, shape, { ...opts, dtype, generator: gpuGen }, n, 2);
        expect(firstDiff(got, want), `${name} ${dtype}`).toBe("same");
        expect(before.every((b) => b === 0xa5)).toBe(true);
        expect(gpuGen.position).toBe(cpuGen.position);
      }
    }
  });

  test("fillModel: a GPT-2 in one encoder equals the CPU's tensors in order", async () => {
    const recipe = buildRecipe(resolveConfig("gpt2", undefined, { n_layer: 1, n_embd: 32, n_head: 2, vocab_size: 50, n_positions: 16 }));
    const d = gpu!.device;
    const cpuGen = new Generator(2024), gpuGen = new Generator(2024);
    const tensors = recipe.tensors.map((t) => ({
      initializer: t.fn, shape: t.shape, options: { ...t.options, generator: gpuGen, dtype: "bfloat16", precision: "fast" as const },
      buffer: storageBuffer(d, t.shape.reduce((a, b) => a * b, 1) * 2),
    }));
    const encoder = d.createCommandEncoder();
    const reports = await init.fillModel(tensors, { encoder });
    d.queue.submit([encoder.finish()]);
    expect(reports.length).toBe(recipe.tensors.length);
    for (const [i, t] of recipe.tensors.entries()) {
      const want = cpuBytes(t.fn, t.shape, { ...t.options, generator: cpuGen, dtype: "bfloat16" });
      const got = new Uint8Array(await readBack(d, tensors[i].buffer, want.length));
      expect(firstDiff(got, want), t.name).toBe("same");
    }
    expect(gpuGen.position).toBe(cpuGen.position);
  });

  test("fillModel: a recipe's zeroRanges (a Llama's padding row) are zeroed as the CPU path does, in ranges too", async () => {
    const recipe = buildRecipe(resolveConfig("llama", undefined, { num_hidden_layers: 1, hidden_size: 16, intermediate_size: 24, num_attention_heads: 2, vocab_size: 12, pad_token_id: 5 }));
    expect(recipe.tensors[0].zeroRanges).toEqual([[80, 96]]);
    const d = gpu!.device;
    const gen = new Generator(77);
    const tensors = recipe.tensors.map((t) => ({
      initializer: t.fn, shape: t.shape, zeroRanges: t.zeroRanges, options: { ...t.options, generator: gen, dtype: "float16" },
      buffer: storageBuffer(d, t.shape.reduce((a, b) => a * b, 1) * 2),
    }));
    const reports = await init.fillModel(tensors);
    const sources = tensorSources(recipe, 77, "float16");
    for (const [i, src] of sources.entries()) {
      const n = src.shape.reduce((a, b) => a * b, 1);
      const want = new Uint16Array(n);
      src.fill(want, 0, n);
      const got = new Uint16Array(await readBack(d, tensors[i].buffer, n * 2));
      expect(firstDiff(new Uint8Array(got.buffer), new Uint8Array(want.buffer)), src.name).toBe("same");
    }
    expect(reports[0].dispatches).toBe(2); // the draw, then the padding row
    expect(new Uint16Array(await readBack(d, tensors[0].buffer, 96 * 2)).subarray(80).every((h) => h === 0)).toBe(true);
    // A range of a tensor: the zero ranges meet it in part; elements outside the range untouched.
    const cpuGen = new Generator(3), gpuGen = new Generator(3);
    const want = new Float32Array(cpuBytes("normal", [10, 8], { range: [20, 70], generator: cpuGen }).slice().buffer);
    want.fill(0, 0, 4);
    want.fill(0, 40, 44);
    const buffer = storageBuffer(d, 4 * 52);
    await init.fillModel([{ initializer: "normal", buffer, shape: [10, 8], options: { range: [20, 70], generator: gpuGen, offset: 4 }, zeroRanges: [[16, 24], [60, 64], [70, 80], [0, 0]] }]);
    const got = new Uint8Array(await readBack(d, buffer, 4 * 52));
    expect(firstDiff(got.subarray(4, 204), new Uint8Array(want.buffer))).toBe("same");
    expect(got.subarray(0, 4).every((b) => b === 0xa5) && got.subarray(204).every((b) => b === 0xa5)).toBe(true);
    expect(gpuGen.position).toBe(cpuGen.position);
  });

  test("fillModel: a later tensor that fails leaves the caller's encoder empty and every generator where it was", async () => {
    const d = gpu!.device;
    const real = d.createCommandEncoder();
    let passes = 0;
    const encoder = { beginComputePass: (desc?: unknown) => { passes++; return real.beginComputePass(desc as never); }, finish: () => real.finish() };
    const g1 = new Generator(1).advance(10), g2 = new Generator(2).setState({ seed: 2n, position: 2 ** 53 - 50 });
    const buffer = storageBuffer(d, 400);
    const tensors = [
      { initializer: "ones", buffer, shape: [4] },
      { initializer: "uniform", buffer, shape: [10], options: { generator: g1 } },
      { initializer: "normal", buffer, shape: [100], options: { generator: g2 } }, // its tape would pass 2^53
    ];
    await expect(init.fillModel(tensors, { encoder })).rejects.toThrow(RangeError);
    expect(passes).toBe(0);
    expect([g1.position, g2.position]).toEqual([10, 2 ** 53 - 50]);
    // Bad zero ranges: errors name the tensor and the range; nothing encoded, nothing moved.
    const bad: [unknown, RegExp, ErrorConstructor][] = [
      [[[0, 11]], /GpuInit.fillModel: tensors\[1\].zeroRanges\[0\]\[1\] must be an integer in \[0, 10\], got 11/, RangeError],
      [[[5, 2]], /tensors\[1\].zeroRanges\[0\]\[1\] must be an integer in \[5, 10\], got 2/, RangeError],
      [[[1, 2], [3]], /tensors\[1\].zeroRanges\[1\] must be a pair \[start, end\]/, TypeError],
      [[[0.5, 2]], /tensors\[1\].zeroRanges\[0\]\[0\] must be an integer in \[0, 10\], got 0.5/, RangeError],
      ["all", /tensors\[1\].zeroRanges must be an array/, TypeError],
    ];
    for (const [zeroRanges, message, type] of bad) {
      const p = init.fillModel([tensors[0], { ...tensors[1], zeroRanges: zeroRanges as [number, number][] }], { encoder });
      await expect(p).rejects.toThrow(message);
      await expect(p).rejects.toBeInstanceOf(type);
    }
    expect(passes).toBe(0);
    expect(g1.position).toBe(10);
    real.finish();
  });

  test("with options.encoder nothing is submitted until the caller submits", async () => {
    const d = gpu!.device;
    const buffer = storageBuffer(d, 64, 0);
    const encoder = d.createCommandEncoder();
    await init.fill("ones", buffer, [16], { encoder });
    expect(new Float32Array(await readBack(d, buffer, 64))[0]).toBe(0);
    d.queue.submit([encoder.finish()]);
    expect(Array.from(new Float32Array(await readBack(d, buffer, 64)))).toEqual(new Array(16).fill(1));
  });

  test("the report says which precision ran", async () => {
    const buffer = storageBuffer(gpu!.device, 64);
    expect((await init.fill("uniform", buffer, [16])).precision).toBe("exact");
    expect((await init.fill("uniform", buffer, [16], { precision: "fast" })).precision).toBe("fast");
    expect(createGpuInit(gpu!.device, { precision: "fast" }).precision).toBe("fast");
    expect((await createGpuInit(gpu!.device, { precision: "fast" }).fill("normal", buffer, [16])).precision).toBe("fast");
  });

  test("bad arguments: errors name the function and argument; nothing written, no generator moved", async () => {
    const d = gpu!.device;
    const buffer = storageBuffer(d, 64, 0x11);
    const g = new Generator(1);
    const bad: [string, unknown, unknown[], RegExp, ErrorConstructor][] = [
      ["unknown name", "gaussian", [[4], { generator: g }], /catalogEntry: name must be/, RangeError],
      ["not an initializer", () => 0, [[4], { generator: g }], /GpuInit.fill: initializer must be/, TypeError],
      ["std < 0", "normal", [[4], { std: -1, generator: g }], /normal: std must be a finite number >= 0/, RangeError],
      ["bad gain", "kaimingNormal", [[4, 4], { nonlinearity: "nope", generator: g }], /kaimingNormal: nonlinearity/, RangeError],
      ["bad range", "uniform", [[4], { range: [3, 9], generator: g }], /uniform: range\[1\]/, RangeError],
      ["bad dtype", "uniform", [[4], { dtype: "float64", generator: g }], /uniform: dtype/, RangeError],
      ["odd offset", "uniform", [[4], { offset: 2, generator: g }], /GpuInit.fill: offset must be a multiple of 4/, RangeError],
      ["too small", "uniform", [[17], { generator: g }], /GpuInit.fill: buffer must be a GPUBuffer of at least 68 bytes/, RangeError],
      ["precision", "uniform", [[4], { precision: "fastest", generator: g }], /GpuInit.fill: precision must be one of/, RangeError],
      ["unknown option", "uniform", [[4], { mean: 1, generator: g }], /uniform: .*mean/, TypeError],
      ["torch generator", "normal", [[4], { generator: new TorchGenerator(1) }], /normal: generator must be a Generator \(new Generator\(seed\)\) on the GPU/, TypeError],
      ["not a buffer", "uniform", [[4], { generator: g }], /GpuInit.fill: buffer must be a GPUBuffer/, TypeError],
    ];
    for (const [what, initializer, [shape, options], message, type] of bad) {
      const target = what === "not a buffer" ? { size: 64 } : buffer;
      const p = init.fill(initializer as string, target as never, shape as number[], options as Record<string, unknown>);
      await expect(p, what).rejects.toThrow(message);
      await expect(p, what).rejects.toBeInstanceOf(type);
      expect(g.position, what).toBe(0);
    }
    expect(new Uint8Array(await readBack(d, buffer, 64)).every((b) => b === 0x11)).toBe(true);
    await expect(init.fillModel([{ initializer: "uniform", buffer, shape: [4], options: { generator: g } }, { initializer: "normal", buffer, shape: [99], options: { generator: g } }]))
      .rejects.toThrow(/GpuInit.fillModel: buffer must be a GPUBuffer of at least 396 bytes/);
    expect(g.position).toBe(0);
    expect(() => createGpuInit({} as never)).toThrow(/createGpuInit: device must be a GPUDevice/);
  });
});
