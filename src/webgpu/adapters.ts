// Adapters from a filled GPUBuffer to the tensors of the engines that run on WebGPU: a
// tfjs-backend-webgpu tensor (tf.tensor({ buffer }) on the "webgpu" backend) and an ONNX Runtime
// Web tensor (ort.Tensor.fromGpuBuffer). Each takes the library's namespace as an argument, so
// nninit depends on neither; each only checks what the engine would otherwise fail on later or
// silently (the backend, the buffer's usage and size, the dtype) and wraps the buffer.

import { dimsOf, numel, type Shape } from "../shape.js";
import { options as checkOptions, rangeError, typeError, oneOf } from "../validate.js";
import type { GpuBuffer, GpuDevice } from "./types.js";

const USAGE_MAP_READ = 0x01;
const USAGE_COPY_SRC = 0x04;
const USAGE_COPY_DST = 0x08;
const USAGE_STORAGE = 0x80;
const MAP_MODE_READ = 0x01;

/** The part of `@tensorflow/tfjs-core` (4.x) the tfjs adapter calls. */
export interface TfjsNamespace<T> {
  /** tfjs's `tf.getBackend()`: the active backend's name. */
  getBackend(): string;
  /** tfjs's `tf.backend()`: the active backend (the webgpu one has the `device`). */
  backend(): unknown;
  /** tfjs's `tf.tensor(values, shape, dtype)`, with WebGPU data `{ buffer, zeroCopy }`. */
  tensor(values: { buffer: GpuBuffer; zeroCopy?: boolean }, shape: number[], dtype: "float32"): T;
}

/** The part of `onnxruntime-web` (or `onnxruntime-common`) the ONNX Runtime adapter calls. */
export interface OrtNamespace<T> {
  Tensor: {
    /** ONNX Runtime's `Tensor.fromGpuBuffer(buffer, { dataType, dims, download, dispose })`. */
    fromGpuBuffer(buffer: GpuBuffer, options: { dataType: "float32" | "float16"; dims: readonly number[]; download?: () => Promise<Float32Array | Uint16Array>; dispose?: () => void }): T;
  };
}

function checkBuffer(fn: string, buffer: GpuBuffer, bytes: number, usage: number, usageText: string): void {
  if (buffer === null || typeof buffer !== "object" || typeof (buffer as { size?: unknown }).size !== "number") throw typeError(fn, "buffer", "a GPUBuffer", buffer);
  if ((buffer.usage & usage) !== usage) throw typeError(fn, "buffer", `a GPUBuffer created with ${usageText}`, buffer);
  if (buffer.size < bytes) throw rangeError(fn, "buffer", `a GPUBuffer of at least ${bytes} bytes`, `a GPUBuffer of ${buffer.size} bytes`);
}

/**
 * A tfjs tensor (float32) of `shape` whose values are the first elements of `buffer`, as a
 * `float32` fill at offset 0 leaves them. tfjs-backend-webgpu must be the active backend, on the
 * device the buffer belongs to (create the GpuInit with `tf.backend().device`). By default tfjs
 * copies the buffer (destroy yours when you like; it needs STORAGE | COPY_SRC | COPY_DST usage);
 * with `zeroCopy: true` the tensor reads the buffer itself (STORAGE | COPY_SRC), which must then
 * outlive the tensor. tfjs has no 16-bit float dtype.
 *
 * @example
 * ```ts gpu
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-webgpu";
 * import { Generator } from "nninit";
 * import { createGpuInit, tfjsTensor } from "nninit/webgpu";
 * await tf.setBackend("webgpu");
 * const device = (tf.backend() as unknown as { device: GPUDevice }).device; // fill on tfjs's own device
 * const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
 * const buffer = device.createBuffer({ size: 16 * 8 * 4, usage });
 * await createGpuInit(device).fill("heNormal", buffer, [16, 8], { generator: new Generator(1) });
 * const w = tfjsTensor(tf, buffer, [16, 8]); // a tf.Tensor (tfjs copies the buffer)
 * console.log(w.shape); // [ 16, 8 ]
 * ```
 */
export function tfjsTensor<T>(tf: TfjsNamespace<T>, buffer: GpuBuffer, shape: Shape, options?: { zeroCopy?: boolean }): T {
  const fn = "tfjsTensor";
  if (tf === null || typeof tf !== "object" || typeof tf.tensor !== "function" || typeof tf.getBackend !== "function") {
    throw typeError(fn, "tf", "the @tensorflow/tfjs-core namespace (import * as tf from \"@tensorflow/tfjs-core\")", tf);
  }
  if (tf.getBackend() !== "webgpu") throw typeError(fn, "tf", "a tfjs whose backend is \"webgpu\" (await tf.setBackend(\"webgpu\"))", `backend ${tf.getBackend()}`);
  const dims = dimsOf(fn, shape);
  const own = checkOptions<{ zeroCopy?: boolean }>(fn, options, ["zeroCopy"]);
  if (own.zeroCopy !== undefined && typeof own.zeroCopy !== "boolean") throw typeError(fn, "options.zeroCopy", "a boolean", own.zeroCopy);
  const count = numel(dims);
  // tfjs's copy makes its own buffer with the source's usage flags and copies into it: without
  // COPY_DST there the copy fails (a validation error, and a tensor of garbage), so it is asked here.
  const copy = own.zeroCopy !== true;
  checkBuffer(fn, buffer, count * 4, USAGE_STORAGE | USAGE_COPY_SRC | (copy ? USAGE_COPY_DST : 0),
    `GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC${copy ? " | GPUBufferUsage.COPY_DST (tfjs copies it into a buffer of the same usage; with zeroCopy: true COPY_DST is not needed)" : ""}`);
  const device = (tf.backend() as { device?: unknown }).device;
  const owner = (buffer as { device?: unknown }).device;
  if (owner !== undefined && device !== undefined && owner !== device) throw typeError(fn, "buffer", "a GPUBuffer of the tfjs backend's device", "a buffer of another device");
  return tf.tensor({ buffer, zeroCopy: own.zeroCopy ?? false }, [...dims], "float32");
}

/**
 * An ONNX Runtime Web tensor (`location: "gpu-buffer"`) of `shape` on `buffer`, which holds a
 * `float32` or `float16` fill at offset 0 (ONNX Runtime has no bfloat16 GPU tensor). The buffer
 * must belong to the device ONNX Runtime's WebGPU execution provider uses (`ort.env.webgpu.device`)
 * and stays the caller's. Given `device`, `tensor.getData()` can read the values back (the buffer
 * then needs GPUBufferUsage.COPY_SRC).
 *
 * @example
 * ```ts gpu
 * import * as ort from "onnxruntime-common"; // in an app: import * as ort from "onnxruntime-web/webgpu"
 * import { Generator } from "nninit";
 * import { createGpuInit, ortTensor } from "nninit/webgpu";
 * // With onnxruntime-web, fill on its device: ort.env.webgpu.device once its WebGPU backend is up.
 * const device = await (await navigator.gpu.requestAdapter())!.requestDevice();
 * const buffer = device.createBuffer({ size: 32 * 2, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
 * await createGpuInit(device).fill("normal", buffer, [32], { dtype: "float16", generator: new Generator(7) });
 * const tensor = ortTensor(ort, buffer, [32], { dtype: "float16", device });
 * console.log(tensor.location, tensor.type, (await tensor.getData()).length); // gpu-buffer float16 32
 * ```
 */
export function ortTensor<T>(ort: OrtNamespace<T>, buffer: GpuBuffer, shape: Shape, options?: { dtype?: "float32" | "float16"; device?: GpuDevice }): T {
  const fn = "ortTensor";
  if (ort === null || typeof ort !== "object" || typeof ort.Tensor?.fromGpuBuffer !== "function") {
    throw typeError(fn, "ort", "the onnxruntime-web namespace (import * as ort from \"onnxruntime-web/webgpu\")", ort);
  }
  const dims = dimsOf(fn, shape);
  const own = checkOptions<{ dtype?: "float32" | "float16"; device?: GpuDevice }>(fn, options, ["dtype", "device"]);
  const dtype = own.dtype === undefined ? "float32" : oneOf(fn, "dtype", own.dtype, ["float32", "float16"] as const);
  const count = numel(dims);
  const bytes = count * (dtype === "float32" ? 4 : 2);
  const device = own.device;
  if (device !== undefined && (device === null || typeof device !== "object" || typeof device.createBuffer !== "function")) throw typeError(fn, "options.device", "a GPUDevice", device);
  checkBuffer(fn, buffer, bytes, device ? USAGE_STORAGE | USAGE_COPY_SRC : USAGE_STORAGE, device ? "GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC" : "GPUBufferUsage.STORAGE");
  const download = device ? () => readBack(device, buffer, bytes, dtype) : undefined;
  return ort.Tensor.fromGpuBuffer(buffer, { dataType: dtype, dims, ...(download ? { download } : {}) });
}

/** The first `bytes` bytes of `buffer`, copied through a mappable staging buffer. */
async function readBack(device: GpuDevice, buffer: GpuBuffer, bytes: number, dtype: "float32" | "float16"): Promise<Float32Array | Uint16Array> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = device.createBuffer({ size, usage: USAGE_MAP_READ | USAGE_COPY_DST }) as GpuBuffer & { mapAsync(mode: number): Promise<void>; destroy(): void };
  const encoder = device.createCommandEncoder() as ReturnType<GpuDevice["createCommandEncoder"]> & { copyBufferToBuffer(a: GpuBuffer, ao: number, b: GpuBuffer, bo: number, n: number): void };
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
  device.queue.submit([encoder.finish()] as never[]);
  await staging.mapAsync(MAP_MODE_READ);
  const copy = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return dtype === "float32" ? new Float32Array(copy) : new Uint16Array(copy);
}
