// The Python safetensors API's shape, in any runtime: saveFile(sink, tensors, { metadata }) with
// a Map or plain object of { dtype, shape, data } (or of lazy sources), loadFile(source) -> Map,
// and safeOpen(source) for keys(), metadata(), getTensor(name) and getSlice(name), which read only
// the bytes they need. nninit/checkpoint/node adds file paths.

import { SAFETENSORS_DTYPE_BITS, arrayFits, arrayOf, dtypeCode, dtypeOfArray, type DtypeWord, type SafetensorsDtype, type TensorArray } from "./dtypes.js";
import { readSafetensorsHeader, type ByteSource } from "./read.js";
import { sourceOf, type ReadableInput } from "./sources.js";
import { checkLayout } from "./write-check.js";
import { writeChecked, type ByteSink, type TensorSource, type WriteOptions } from "./write.js";
import type { HeaderEntry } from "./format.js";
import { readSlice, type SliceRange } from "./slice.js";

/** A tensor in memory: its values as a typed array (Uint16Array of bits for F16/BF16, raw bytes for the 8-bit floats). */
export interface Tensor {
  dtype: DtypeWord | SafetensorsDtype;
  shape: readonly number[];
  data: TensorArray;
}

/** A tensor to save: in memory (dtype inferred from the array when it says, e.g. Float32Array -> F32), or lazy. */
export type SaveInput = { dtype?: DtypeWord | SafetensorsDtype; shape: readonly number[]; data: ArrayBufferView } | Omit<TensorSource, "name">;

/** Tensors by name: a Map (nninit/torch's stateDict) or a plain object; or the writer's array of sources. */
export type SaveTensors = Map<string, SaveInput> | Record<string, SaveInput> | readonly TensorSource[];

/** Options of {@link saveFile}: the metadata, and the writer's options. */
export interface SaveOptions extends Omit<WriteOptions, "shared"> {
  /** `__metadata__`. The writer adds `format: "pt"` (what transformers expects) unless `format` is given. */
  metadata?: Record<string, string>;
}

/** The writer's sources for saveFile's tensors, every one checked first. */
export function saveSources(fn: string, tensors: unknown): TensorSource[] {
  if (Array.isArray(tensors)) return tensors as TensorSource[];
  let entries: [unknown, unknown][];
  if (tensors instanceof Map) entries = [...tensors.entries()];
  else if (tensors !== null && typeof tensors === "object" && !ArrayBuffer.isView(tensors)) entries = Object.entries(tensors);
  else throw new TypeError(`${fn}: tensors must be a Map or a plain object of { dtype, shape, data }, got ${tensors === null ? "null" : typeof tensors}`);
  return entries.map(([name, t]) => {
    const what = () => `tensors[${JSON.stringify(name)}]`;
    if (t === null || typeof t !== "object") throw new TypeError(`${fn}: ${what()} must be { dtype, shape, data } or { dtype, shape, fill }, got ${t === null ? "null" : typeof t}`);
    const { dtype, shape, data, fill } = t as Record<string, unknown>;
    if (typeof fill === "function" && data === undefined) return { name, shape, dtype, fill } as TensorSource;
    if (!ArrayBuffer.isView(data) || data instanceof DataView) throw new TypeError(`${fn}: ${what()}.data must be a typed array (or give fill(out, start, end)), got ${data === null ? "null" : typeof data}`);
    const inferred = dtypeOfArray(data);
    if (dtype === undefined && inferred === undefined) throw new TypeError(`${fn}: ${what()}.dtype must be given for a ${data.constructor.name} (float16, bfloat16 or uint16)`);
    const layout = checkLayout(fn, what, name, shape, dtype ?? inferred);
    if (!arrayFits(layout.code, data)) throw new TypeError(`${fn}: ${what()}.data is a ${data.constructor.name}, which cannot hold ${layout.code} elements`);
    const bytes = layout.units * layout.unitBytes;
    if (data.byteLength !== bytes) throw new RangeError(`${fn}: ${what()}.data holds ${data.byteLength} bytes, but ${layout.code} ${JSON.stringify(layout.shape)} needs ${bytes}`);
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const unit = layout.unitBytes;
    return {
      name: layout.name, shape: layout.shape, dtype: layout.code,
      fill(out: TensorArray, start: number, end: number) {
        new Uint8Array(out.buffer, out.byteOffset, (end - start) * unit).set(raw.subarray(start * unit, end * unit));
      },
    };
  });
}

/** The metadata written: `format: "pt"` first unless the caller gives a format. */
export function withFormat(metadata: unknown): Record<string, string> | unknown {
  if (metadata === undefined) return { format: "pt" };
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return metadata; // the writer's check names it
  return "format" in metadata ? metadata : { format: "pt", ...metadata };
}

/**
 * Writes tensors as one safetensors file to a sink (`{ write(bytes) }` or a WritableStream).
 * Resolves to the bytes written. Nothing is written unless every tensor and option is valid.
 *
 * @example
 * ```ts
 * import { loadFile, saveFile } from "nninit/checkpoint";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * const bytes = await saveFile({ write: (b) => { chunks.push(b.slice()); } }, {
 *   w: { dtype: "float32", shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
 * }, { metadata: { note: "example" } });
 * console.log(bytes, (await loadFile(new Blob(chunks))).get("w")?.data); // bytes written, Float32Array(4) [1, 2, 3, 4]
 * ```
 */
export async function saveFile(sink: ByteSink | WritableStream<Uint8Array>, tensors: SaveTensors, options?: SaveOptions): Promise<number> {
  return writeChecked("saveFile", sink, saveSources("saveFile", tensors), saveWriteOptions(options));
}

export function saveWriteOptions(options: SaveOptions | undefined): WriteOptions {
  if (options === undefined) return { metadata: withFormat(undefined) as Record<string, string> };
  if (options === null || typeof options !== "object") return options as unknown as WriteOptions; // the writer's check names it
  return { ...options, metadata: withFormat(options.metadata) as Record<string, string> };
}

/** A tensor's values from its bytes (aligned copy, so the array's element type lines up). */
function tensorOf(entry: HeaderEntry, bytes: Uint8Array): Tensor {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const n = entry.shape.reduce((a, b) => a * b, 1);
  const units = SAFETENSORS_DTYPE_BITS[entry.dtype] >= 8 ? n : bytes.length;
  return { dtype: entry.dtype, shape: [...entry.shape], data: arrayOf(entry.dtype, copy.buffer, 0, units) };
}

/** An open safetensors file: the header read and checked, tensors read on demand. */
export interface SafeOpenFile {
  /** Tensor names in file order. */
  keys(): string[];
  /** The file's `__metadata__` (empty when it has none). */
  metadata(): Record<string, string>;
  /** Reads one whole tensor. */
  getTensor(name: string): Promise<Tensor>;
  /** A view of one tensor whose `get(...ranges)` reads only the bytes spanning the selection. */
  getSlice(name: string): {
    dtype: SafetensorsDtype;
    shape: number[];
    /** Reads the selection: one range (or index) per leading dimension, like Python's `get_slice(name)[a:b, c]`. */
    get(...ranges: SliceRange[]): Promise<Tensor>;
  };
  /** Releases the source (the Node version closes the file). */
  close(): Promise<void>;
}

/** safeOpen over a ByteSource (the Node version passes a file's). */
export async function openSource(source: ByteSource, close: () => Promise<void> = async () => undefined): Promise<SafeOpenFile> {
  let header: Awaited<ReturnType<typeof readSafetensorsHeader>>;
  try {
    header = await readSafetensorsHeader(source);
  } catch (e) {
    await close();
    throw e;
  }
  const byName = new Map(header.entries.map((e) => [e.name, e]));
  const where = source.name === undefined ? "" : ` in ${source.name}`;
  const entryOf = (fn: string, name: unknown): HeaderEntry => {
    const e = typeof name === "string" ? byName.get(name) : undefined;
    if (!e) throw new RangeError(`${fn}: no tensor ${JSON.stringify(name)}${where}`);
    return e;
  };
  return {
    keys: () => header.entries.map((e) => e.name),
    metadata: () => ({ ...header.metadata }),
    async getTensor(name) {
      const e = entryOf("getTensor", name);
      return tensorOf(e, await source.read(header.dataStart + e.begin, e.end - e.begin));
    },
    getSlice(name) {
      const e = entryOf("getSlice", name);
      return {
        dtype: e.dtype, shape: [...e.shape],
        get: async (...ranges) => {
          const { shape, bytes } = await readSlice(source, header.dataStart, e, ranges);
          return { ...tensorOf({ ...e, shape }, bytes), shape };
        },
      };
    },
    close,
  };
}

/**
 * Opens a safetensors file from a Blob/File, a Response, bytes or a ByteSource; reads its header only.
 *
 * @example
 * ```ts
 * import { safeOpen, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [4, 4], dtype: "float32", fill: (out, s) => { const v = out as Float32Array; for (let i = 0; i < v.length; i++) v[i] = s + i; } }]);
 * const file = await safeOpen(blob); // reads the header only
 * console.log(file.keys(), file.metadata());
 * const rows = await file.getSlice("w").get([1, 3]); // rows 1 and 2: reads only their bytes
 * console.log(rows.shape, rows.data); // [ 2, 4 ] Float32Array(8) [ 4, 5, 6, 7, 8, 9, 10, 11 ]
 * await file.close();
 * ```
 */
export async function safeOpen(input: ReadableInput): Promise<SafeOpenFile> {
  return openSource(await sourceOf("safeOpen", input));
}

/**
 * Every tensor of a file, by name in file order.
 *
 * @example
 * ```ts
 * import { loadFile, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "bias", shape: [4], dtype: "float32", fill: (out) => { (out as Float32Array).fill(0.5); } }]);
 * const tensors = await loadFile(blob); // a Blob, File, Response, bytes or ByteSource
 * console.log(tensors.get("bias")); // { dtype: "F32", shape: [4], data: Float32Array(4) [0.5, 0.5, 0.5, 0.5] }
 * ```
 */
export async function loadFile(input: ReadableInput): Promise<Map<string, Tensor>> {
  return loadAll(await safeOpen(input));
}

export async function loadAll(file: SafeOpenFile): Promise<Map<string, Tensor>> {
  try {
    const out = new Map<string, Tensor>();
    for (const name of file.keys()) out.set(name, await file.getTensor(name));
    return out;
  } finally {
    await file.close();
  }
}

export { dtypeCode };
