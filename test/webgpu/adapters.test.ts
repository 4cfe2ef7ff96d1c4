// The engine adapters of nninit/webgpu: a filled buffer as a tfjs-backend-webgpu tensor and as an
// ONNX Runtime Web GPU tensor, read back through each engine and compared with the CPU's bits.
// tfjs runs its real WebGPU backend on the test adapter (in Node, Dawn's GPU object stands in for
// navigator.gpu, which is all tfjs asks of the page). For ONNX Runtime, the tensor class is
// onnxruntime-common's, which onnxruntime-web re-exports (`ort.Tensor`); an inference session
// needs onnxruntime-web's WebAssembly and a model, so no session runs here.

import { describe, test, expect } from "vitest";
import { testGpu, readBack, storageBuffer, type TestGpu } from "./device.js";
import { createGpuInit, tfjsTensor, ortTensor, type GpuBuffer } from "../../src/webgpu/index.js";
import { Generator, kaimingNormal, normal } from "../../src/index.js";

const gpu: TestGpu | undefined = await testGpu();

const bitsOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const same = (a: ArrayBufferView, b: ArrayBufferView) => {
  const x = bitsOf(a), y = bitsOf(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

describe.skipIf(!gpu)("tfjsTensor: a tfjs-backend-webgpu tensor from the filled buffer", async () => {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (gpu && !g.navigator?.gpu) Object.defineProperty(globalThis, "navigator", { value: { ...(g.navigator ?? {}), gpu: gpu.gpu }, configurable: true });
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-webgpu");

  test("the CPU's values through tensor.data(), copied and zero-copy", async () => {
    expect(await tf.setBackend("webgpu")).toBe(true);
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    const init = createGpuInit(device);
    const buffer = storageBuffer(device, 37 * 11 * 4);
    await init.fill("kaimingNormal", buffer, [37, 11], { generator: new Generator(4) });
    const want = kaimingNormal([37, 11], { generator: new Generator(4) });
    for (const zeroCopy of [false, true]) {
      const t = tfjsTensor(tf, buffer, [37, 11], { zeroCopy });
      expect(t.shape).toEqual([37, 11]);
      expect(t.dtype).toBe("float32");
      expect(same(await t.data(), want), `zeroCopy ${zeroCopy}`).toBe(true);
      t.dispose();
    }
    expect(same(new Float32Array(await readBack(device, buffer, want.byteLength)), want)).toBe(true);
  });

  test("errors name the function and the argument", async () => {
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    const storageOnly = device.createBuffer({ size: 64, usage: GPUBufferUsage.STORAGE });
    const ok = storageBuffer(device, 64);
    expect(() => tfjsTensor({ ...tf, getBackend: () => "cpu" } as never, ok, [4])).toThrow(/tfjsTensor: tf must be a tfjs whose backend is "webgpu"/);
    expect(() => tfjsTensor({} as never, ok, [4])).toThrow(TypeError);
    expect(() => tfjsTensor(tf, storageOnly, [4])).toThrow(/tfjsTensor: buffer must be a GPUBuffer created with GPUBufferUsage.STORAGE \| GPUBufferUsage.COPY_SRC \| GPUBufferUsage.COPY_DST/);
    // Without COPY_DST: only zero-copy (tfjs's copy would go into a buffer of the same usage, and fail).
    const noCopyDst = device.createBuffer({ size: 64, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    expect(() => tfjsTensor(tf, noCopyDst, [4])).toThrow(/COPY_DST \(tfjs copies it into a buffer of the same usage/);
    expect(() => tfjsTensor(tf, storageOnly, [4], { zeroCopy: true })).toThrow(/created with GPUBufferUsage.STORAGE \| GPUBufferUsage.COPY_SRC, got/);
    tfjsTensor(tf, noCopyDst, [4], { zeroCopy: true }).dispose();
    expect(() => tfjsTensor(tf, ok, [17])).toThrow(/tfjsTensor: buffer must be a GPUBuffer of at least 68 bytes, got "a GPUBuffer of 64 bytes"/);
    expect(() => tfjsTensor(tf, ok, [17])).toThrow(RangeError);
    expect(() => tfjsTensor(tf, ok, [-1])).toThrow(/tfjsTensor: shape\[0\]/);
    expect(() => tfjsTensor(tf, ok, [4], { zeroCopy: 1 } as never)).toThrow(/tfjsTensor: options.zeroCopy must be a boolean/);
  });
});

describe.skipIf(!gpu)("ortTensor: an ONNX Runtime Web tensor on the filled buffer", async () => {
  const { Tensor } = await import("onnxruntime-common");

  test("float32 and float16: a gpu-buffer tensor on the caller's buffer; getData() gives the CPU's bits", async () => {
    const device = gpu!.device;
    const init = createGpuInit(device, { precision: "fast" });
    for (const dtype of ["float32", "float16"] as const) {
      const buffer = storageBuffer(device, 409 * 4);
      await init.fill("normal", buffer, [409], { dtype, generator: new Generator(6) });
      const t = ortTensor({ Tensor }, buffer as GpuBuffer, [409], { dtype, device });
      expect([t.location, t.type, t.dims]).toEqual(["gpu-buffer", dtype, [409]]);
      expect(t.gpuBuffer).toBe(buffer);
      const data = await t.getData();
      expect(same(data as ArrayBufferView, normal([409], { dtype, generator: new Generator(6) })), dtype).toBe(true);
    }
    const plain = ortTensor({ Tensor }, storageBuffer(device, 16) as GpuBuffer, [2, 2]);
    expect([plain.type, plain.dims]).toEqual(["float32", [2, 2]]);
  });

  test("errors name the function and the argument", () => {
    const ok = storageBuffer(gpu!.device, 64) as GpuBuffer;
    expect(() => ortTensor({ Tensor }, ok, [4], { dtype: "bfloat16" as never })).toThrow(/ortTensor: dtype must be one of "float32", "float16", got "bfloat16"/);
    expect(() => ortTensor({} as never, ok, [4])).toThrow(/ortTensor: ort must be the onnxruntime-web namespace/);
    expect(() => ortTensor({ Tensor }, ok, [33], { dtype: "float16" })).toThrow(/ortTensor: buffer must be a GPUBuffer of at least 66 bytes/);
    expect(() => ortTensor({ Tensor }, ok, [4], { device: {} as never })).toThrow(/ortTensor: options.device must be a GPUDevice/);
    expect(() => ortTensor({ Tensor }, ok, [4], { layout: "nchw" } as never)).toThrow(/ortTensor: .*layout/);
  });
});
