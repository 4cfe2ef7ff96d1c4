/**
 * Fills a `GPUBuffer` you own with an initializer's values, computed on the GPU with the same bits
 * as the CPU functions (any dtype, any byte offset, one tensor or a whole model in one encoder).
 *
 * Guide: [on the GPU](https://unpkg.com/nninit@0.2.0/docs/webgpu.md).
 *
 * @example
 * ```ts gpu
 * import { Generator, kaimingNormal } from "nninit";
 * import { createGpuInit } from "nninit/webgpu";
 * const device = await (await navigator.gpu.requestAdapter())!.requestDevice();
 * const w = device.createBuffer({ size: 64 * 32 * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
 * await createGpuInit(device).fill(kaimingNormal, w, [64, 32], { generator: new Generator(42) });
 * ```
 *
 * @module nninit/webgpu
 */
// nninit/webgpu: fills a caller's GPUBuffer with an initializer's values, computed on the GPU
// with the same bits as the CPU functions (docs/webgpu.md).
//
// A fill is checked entirely on the CPU first (plan.ts: the initializers' own code), then, for the
// samplers and constants, encoded as one compute dispatch per piece of at most the adapter's
// storage-binding size; whole-tensor initializers (orthogonal, sparse, eye, dirac, ...) are
// computed on the CPU and copied in by the same shader path, so every fill lands the same way
// (any byte offset, any dtype, neighbouring bytes untouched). The generator advances by the same
// words as the CPU call, when the fill is encoded.

import { plan, type Plan } from "./plan.js";
import { shaderSource, WORDS_PER_THREAD, WORKGROUP_SIZE, PARAMS_BYTES, type KernelKind, type Precision } from "./shader.js";
import { bytesOf, type Dtype } from "../dtype.js";
import { integer, rangeError, typeError, options as checkOptions } from "../validate.js";
import type { Shape } from "../shape.js";
import type { GeneratorState } from "../random/generator.js";
import { reserve, type Reservation, type AnyInitializer } from "../stream/reserve.js";
import type { GpuBuffer, GpuCommandEncoder, GpuDevice, GpuComputePipeline } from "./types.js";

export type { GpuBuffer, GpuCommandEncoder, GpuDevice } from "./types.js";
export type { Precision } from "./shader.js";

// GPUBufferUsage flags (numeric: Node has no GPUBufferUsage global unless a binding installs it).
const USAGE_COPY_SRC = 0x04;
const USAGE_UNIFORM = 0x40;
const USAGE_STORAGE = 0x80;

/** Options of a GPU fill: the initializer's own (generator, range, dtype, gains, ...) plus these. */
export interface GpuFillOptions extends Record<string, unknown> {
  /** Byte offset of element 0 (of the range) in the buffer; a multiple of the dtype's size. */
  offset?: number;
  /** Encode into this encoder and submit nothing (the caller submits). */
  encoder?: GpuCommandEncoder;
  /** "exact" (default: integer-only soft float, the CPU's bits on every conforming GPU) or "fast". */
  precision?: Precision;
}

/** What a fill did. */
export interface GpuFillReport {
  /** The arithmetic that ran: "exact" or "fast" (a fill with no float arithmetic reports "exact"). */
  precision: Precision;
  /** "gpu": computed in a shader; "cpu": computed on the CPU and copied in. */
  path: "gpu" | "cpu";
  /** Elements written. */
  elements: number;
  /** Compute dispatches encoded. */
  dispatches: number;
}

/** One tensor of a `fillModel` call. */
export interface GpuTensor {
  /** An nninit initializer (`normal`, `kaimingUniform`, ...) or its catalog name ("normal"). */
  initializer: string | ((...args: never[]) => unknown);
  /** The GPUBuffer to write (created with `GPUBufferUsage.STORAGE`). */
  buffer: GpuBuffer;
  /** The tensor's shape, as the initializer takes it. */
  shape: Shape;
  /** The initializer's options and the fill's (`offset`, `precision`; not `encoder`). */
  options?: GpuFillOptions;
  /**
   * Flat element ranges [start, end) of the tensor set to zero after the draw, as a model recipe's
   * `zeroRanges` (an embedding's padding row); the draw and the generator are unchanged.
   */
  zeroRanges?: readonly (readonly [number, number])[];
}

/** Options of {@link createGpuInit}. */
export interface GpuInitOptions {
  /** Default precision of fills (default "exact"). */
  precision?: Precision;
  /** Largest storage binding a dispatch uses, in bytes (default: the device's limit). For tests of chunking. */
  maxBindingBytes?: number;
}

/** A device's GPU filler, made by {@link createGpuInit}. */
export interface GpuInit {
  readonly device: GpuDevice;
  /** The default precision. */
  readonly precision: Precision;
  /** Fills `buffer` with `initializer(shape, options)`'s values; settles once submitted (or encoded, with `options.encoder`). */
  fill(initializer: GpuTensor["initializer"], buffer: GpuBuffer, shape: Shape, options?: GpuFillOptions): Promise<GpuFillReport>;
  /**
   * Fills every tensor, in order, in one command encoder (the caller's, or one submitted here),
   * zeroing each tensor's `zeroRanges` after its draw. Every tensor is checked and every generator
   * segment reserved before anything is encoded: on an error nothing is encoded and no generator moves.
   */
  fillModel(tensors: readonly GpuTensor[], options?: { encoder?: GpuCommandEncoder }): Promise<GpuFillReport[]>;
  /** The WGSL of a kernel (for inspection and the tests' static checks). */
  shader(kind: KernelKind, precision: Precision): string;
}

/** The seed's key: its first SplitMix64 output (assembly/tape.ts keyOf). */
function keyOf(seed: bigint): [number, number] {
  const M = (1n << 64n) - 1n;
  let z = (seed + 0x9e3779b97f4a7c15n) & M;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
  z ^= z >> 31n;
  return [Number(z & 0xffffffffn), Number(z >> 32n)];
}

/** What a prepared fill's dispatches need (see prepare). */
interface Prepared {
  position: number;
  key: [number, number];
  upload?: Uint32Array;
}
const NOTHING_DRAWN: Prepared = { position: 0, key: [0, 0] };

const f32Bits = (x: number) => new Uint32Array(Float32Array.of(x).buffer)[0];

/**
 * Makes the GPU filler of a `GPUDevice`: its `fill` writes an initializer's values into a
 * `GPUBuffer` (created with `GPUBufferUsage.STORAGE`) with the same bits as the CPU call, and
 * `fillModel` fills a list of tensors in one command encoder. A bad call rejects before anything
 * is encoded or any generator moves.
 *
 * @param device A `GPUDevice` (from `navigator.gpu`, or Dawn's `webgpu` package in Node).
 * @param options The default `precision` and the largest binding a dispatch uses
 *   (`maxBindingBytes`); `mutate` is for nninit's own tests only (it rewrites every shader).
 *
 * @example
 * ```ts gpu
 * import { Generator, normal } from "nninit";
 * import { createGpuInit } from "nninit/webgpu";
 * const device = await (await navigator.gpu.requestAdapter())!.requestDevice();
 * const gpu = createGpuInit(device);
 * const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC;
 * const w = device.createBuffer({ size: 32 * 16 * 4, usage });
 * const b = device.createBuffer({ size: 16 * 4, usage });
 * const g = new Generator(1);
 * const reports = await gpu.fillModel([
 *   { initializer: normal, buffer: w, shape: [32, 16], options: { std: 0.02, generator: g } },
 *   { initializer: "zeros", buffer: b, shape: [16] },
 * ]);
 * console.log(reports.map((r) => r.path)); // [ "gpu", "gpu" ]
 * ```
 */
export function createGpuInit(device: GpuDevice, options?: GpuInitOptions & { mutate?: (wgsl: string) => string }): GpuInit {
  const fnName = "createGpuInit";
  if (device === null || typeof device !== "object" || typeof (device as { createComputePipeline?: unknown }).createComputePipeline !== "function") {
    throw typeError(fnName, "device", "a GPUDevice", device);
  }
  const own = checkOptions<GpuInitOptions & { mutate?: (wgsl: string) => string }>(fnName, options, ["precision", "maxBindingBytes", "mutate"]);
  const defaultPrecision: Precision = own.precision ?? "exact";
  if (defaultPrecision !== "exact" && defaultPrecision !== "fast") throw rangeError(fnName, "options.precision", "\"exact\" or \"fast\"", own.precision);
  const deviceLimit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  const bindingLimit = own.maxBindingBytes === undefined ? deviceLimit : integer(fnName, "options.maxBindingBytes", own.maxBindingBytes, 4096, deviceLimit);
  const align = device.limits.minStorageBufferOffsetAlignment;
  const pipelines = new Map<string, GpuComputePipeline>();

  function pipeline(kind: KernelKind, precision: Precision): GpuComputePipeline {
    const key = `${kind}/${precision}`;
    let p = pipelines.get(key);
    if (!p) {
      const module = device.createShaderModule({ code: shaderSource(kind, precision, own.mutate), label: `nninit ${key}` });
      p = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" }, label: `nninit ${key}` } as never);
      pipelines.set(key, p);
    }
    return p;
  }

  function uniformBuffer(words: Uint32Array): GpuBuffer {
    const b = device.createBuffer({ size: PARAMS_BYTES, usage: USAGE_UNIFORM, mappedAtCreation: true });
    new Uint32Array(b.getMappedRange()).set(words);
    b.unmap();
    return b;
  }

  /** Checks the buffer and offset against the plan; before anything moves. */
  function checkTarget(fn: string, p: Plan, buffer: GpuBuffer): void {
    if (buffer === null || typeof buffer !== "object" || typeof (buffer as { size?: unknown }).size !== "number") throw typeError(fn, "buffer", "a GPUBuffer", buffer);
    if ((buffer.usage & USAGE_STORAGE) === 0) throw typeError(fn, "buffer", "a GPUBuffer created with GPUBufferUsage.STORAGE", buffer);
    const size = bytesOf(p.dtype);
    const offset = integer(fn, "offset", p.offset, 0);
    if (offset % size !== 0) throw rangeError(fn, "offset", `a multiple of ${size} (the ${p.dtype} element size)`, offset);
    const bytes = (p.end - p.start) * size;
    if (offset + bytes > buffer.size) {
      throw rangeError(fn, "buffer", `a GPUBuffer of at least ${offset + bytes} bytes (offset ${offset} + ${p.end - p.start} ${p.dtype} elements)`, `a GPUBuffer of ${buffer.size} bytes`);
    }
  }

  /**
   * Reserves one checked fill's generator segment (the generator moves past the tensor now) and
   * derives what its dispatches need: the tape's key and position, or the CPU's values.
   */
  function prepare(fn: string, p: Plan, reservations: Reservation[]): Prepared {
    // Reserved through the stream module, as fillAsync and the pool do: the same checks, and
    // later fills draw after this one.
    const r = reserve({ fn, name: p.entry.name, initializer: p.entry.fn as AnyInitializer, shape: p.shape, options: p.cpuOptions });
    reservations.push(r);
    if (p.path === "cpu") {
      // Computed on the CPU from the segment's start state, copied in by the shader.
      const values = r.fill(r.start, r.end);
      return { ...NOTHING_DRAWN, upload: values instanceof Float32Array ? new Uint32Array(values.buffer, values.byteOffset, values.length) : Uint32Array.from(values) };
    }
    if (p.kind === "constant") return NOTHING_DRAWN;
    const state = r.before as GeneratorState;
    return { position: state.position + r.start, key: keyOf(state.seed) };
  }

  /** Encodes one prepared fill: one dispatch per piece. Nothing here can fail on a checked plan. */
  function encode(p: Plan, { position, key, upload }: Prepared, buffer: GpuBuffer, encoder: GpuCommandEncoder): GpuFillReport {
    const count = p.end - p.start;
    const size = bytesOf(p.dtype);
    if (count === 0) return { precision: p.precision, path: p.path, elements: 0, dispatches: 0 };
    const precision: Precision = p.kind === "constant" || p.kind === "copy" ? "exact" : p.precision;
    const pipe = pipeline(p.kind, precision);
    const words = new Uint32Array(PARAMS_BYTES / 4);
    for (let i = 0; i < 8; i++) words[i] = f32Bits(p.params[i] ?? 0);
    words[12 + 3] = 0; // count, set per piece
    words[15] = p.dtype === "float32" ? 0 : p.dtype === "float16" ? 1 : 2;
    // Pieces: block-aligned runs of positions whose bytes fit one binding (with the alignment slack).
    const perPiece = Math.max(1024, Math.floor((bindingLimit - align - 4) / size / 1024) * 1024);
    let dispatches = 0;
    for (let done = 0; done < count;) {
      const q0 = position + done;
      const skip = q0 % 1024;
      const n = Math.min(count - done, perPiece - skip, 2 ** 31);
      const block = (q0 - skip) / 1024;
      const blocks = Math.ceil((skip + n) / 1024);
      const byteStart = p.offset + done * size;
      const bindStart = Math.floor(byteStart / align) * align;
      const bindEnd = Math.ceil((byteStart + n * size) / 4) * 4;
      words[8] = key[0]; words[9] = key[1];
      words[10] = block % 2 ** 32; words[11] = Math.floor(block / 2 ** 32);
      words[12] = skip; words[13] = n; words[14] = (byteStart - bindStart) / size;
      words[16] = 0; words[17] = blocks; words[18] = 16; words[19] = 8;
      const entries: { binding: number; resource: { buffer: GpuBuffer; offset?: number; size?: number } }[] = [
        { binding: 0, resource: { buffer: uniformBuffer(words) } },
        { binding: 1, resource: { buffer, offset: bindStart, size: bindEnd - bindStart } },
      ];
      if (upload) {
        const src = device.createBuffer({ size: n * 4, usage: USAGE_STORAGE | USAGE_COPY_SRC, mappedAtCreation: true });
        new Uint32Array(src.getMappedRange()).set(upload.subarray(done, done + n));
        src.unmap();
        entries.push({ binding: 2, resource: { buffer: src } });
      }
      const bind = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries } as never);
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipe);
      pass.setBindGroup(0, bind);
      const groups = Math.ceil((blocks * 1024) / WORDS_PER_THREAD / WORKGROUP_SIZE);
      const x = Math.min(groups, 65535);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      pass.end();
      dispatches++;
      done += n;
    }
    return { precision, path: p.path, elements: count, dispatches };
  }

  /**
   * Zero fills for a tensor's zero ranges that meet its elements [start, end) (in the buffer at
   * the tensor's offset); each range checked: integers 0 <= start <= end <= the tensor's size.
   */
  function zeroPlans(fn: string, i: number, ranges: GpuTensor["zeroRanges"], p: Plan): Plan[] {
    if (ranges === undefined) return [];
    const name = `tensors[${i}].zeroRanges`;
    if (!Array.isArray(ranges)) throw typeError(fn, name, "an array of [start, end] element ranges", ranges);
    const size = bytesOf(p.dtype);
    return ranges.flatMap((range, j) => {
      if (!Array.isArray(range) || range.length !== 2) throw typeError(fn, `${name}[${j}]`, "a pair [start, end]", range);
      const zs = integer(fn, `${name}[${j}][0]`, range[0], 0, p.numel);
      const ze = integer(fn, `${name}[${j}][1]`, range[1], zs, p.numel);
      const a = Math.max(zs, p.start), b = Math.min(ze, p.end);
      return a < b ? [plan(fn, "zeros", [b - a], { dtype: p.dtype, offset: p.offset + (a - p.start) * size })] : [];
    });
  }

  function planFor(fn: string, initializer: unknown, buffer: GpuBuffer, shape: Shape, options: unknown): Plan {
    const p = plan(fn, initializer, shape, options);
    if ((options as GpuFillOptions | undefined)?.precision === undefined) p.precision = defaultPrecision;
    checkTarget(fn, p, buffer);
    if (p.encoder !== undefined && (p.encoder === null || typeof (p.encoder as { beginComputePass?: unknown }).beginComputePass !== "function")) {
      throw typeError(fn, "encoder", "a GPUCommandEncoder", p.encoder);
    }
    return p;
  }

  return {
    device,
    precision: defaultPrecision,
    shader: (kind, precision) => shaderSource(kind, precision, own.mutate),
    fill(initializer, buffer, shape, options) {
      try {
        const p = planFor("GpuInit.fill", initializer, buffer, shape, options);
        const given = p.encoder as GpuCommandEncoder | undefined;
        const encoder = given ?? device.createCommandEncoder();
        const report = encode(p, prepare("GpuInit.fill", p, []), buffer, encoder);
        if (!given) device.queue.submit([encoder.finish()] as never[]);
        return Promise.resolve(report);
      } catch (e) {
        return Promise.reject(e);
      }
    },
    fillModel(tensors, options) {
      try {
        const fn = "GpuInit.fillModel";
        if (!Array.isArray(tensors)) throw typeError(fn, "tensors", "an array of { initializer, buffer, shape, options }", tensors);
        const own = checkOptions<{ encoder?: GpuCommandEncoder }>(fn, options, ["encoder"]);
        // Every tensor is checked before any is encoded or any generator moves.
        const plans = tensors.map((t, i) => {
          if (t === null || typeof t !== "object") throw typeError(fn, `tensors[${i}]`, "an object { initializer, buffer, shape, options }", t);
          if (t.options?.encoder !== undefined) throw typeError(fn, `tensors[${i}].options.encoder`, "undefined (pass the encoder to fillModel)", t.options.encoder);
          return planFor(fn, t.initializer, t.buffer, t.shape, t.options);
        });
        const zeros = plans.map((p, i) => zeroPlans(fn, i, tensors[i].zeroRanges, p));
        // Every segment is reserved before anything is encoded: if a later tensor fails (its tape
        // would pass 2^53), every generator goes back and the caller's encoder holds nothing new.
        const reservations: Reservation[] = [];
        let prepared: Prepared[];
        try {
          prepared = plans.map((p) => prepare(fn, p, reservations));
        } catch (e) {
          for (const r of reservations.reverse()) r.cancel();
          throw e;
        }
        const encoder = own.encoder ?? device.createCommandEncoder();
        const reports = plans.map((p, i) => {
          const report = encode(p, prepared[i], tensors[i].buffer, encoder);
          for (const z of zeros[i]) report.dispatches += encode(z, NOTHING_DRAWN, tensors[i].buffer, encoder).dispatches;
          return report;
        });
        if (!own.encoder) device.queue.submit([encoder.finish()] as never[]);
        return Promise.resolve(reports);
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

export type { Dtype };
export { tfjsTensor, ortTensor, type TfjsNamespace, type OrtNamespace } from "./adapters.js";
