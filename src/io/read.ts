// Reading safetensors files with bounded memory: the header (checked, see format.ts), then any
// tensor's values chunk by chunk. Reads go through a ByteSource that never reads past its size.

import { float16Value, bfloat16Value } from "../dtype.js";
import { headerLength, parseHeader, SAFETENSORS_DTYPE_BYTES, SafetensorsFormatError, type HeaderEntry, type SafetensorsHeader } from "./format.js";

/** Random access to a file's bytes. */
export interface ByteSource {
  readonly size: number;
  /** The file's name as the caller gave it, for error messages (optional). */
  readonly name?: string;
  /** Exactly `length` bytes at `offset`; the reader never asks past `size`. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * A Blob (or File) as a ByteSource; a File's name (or `name`) names it in errors.
 *
 * @example
 * ```ts
 * import { blobSource, readSafetensorsHeader, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [2, 2], dtype: "float32", fill: (out) => { (out as Float32Array).fill(1); } }]);
 * const header = await readSafetensorsHeader(blobSource(blob, "model.safetensors"));
 * console.log(header.entries[0].name, header.entries[0].shape); // w [ 2, 2 ]
 * ```
 */
export function blobSource(blob: Blob, name?: string): ByteSource {
  const given = name ?? (typeof (blob as File).name === "string" ? (blob as File).name : undefined);
  return {
    size: blob.size,
    ...(given === undefined ? {} : { name: given }),
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/**
 * A source whose small reads are served from one cached window of `windowBytes` (read when a read
 * falls outside it): reading many small tensors in file order costs one read per window rather
 * than one per tensor (130,000 one-element tensors: one read instead of 130,000).
 */
export function windowedSource<S extends ByteSource>(source: S, windowBytes = 8 << 20): S {
  let start = 0;
  let window: Uint8Array = new Uint8Array(0);
  return {
    ...source,
    async read(offset: number, length: number) {
      if (offset >= start && offset + length <= start + window.length) return window.subarray(offset - start, offset - start + length);
      if (length >= windowBytes) return source.read(offset, length);
      window = await source.read(offset, Math.min(windowBytes, source.size - offset));
      start = offset;
      return window.subarray(0, length);
    },
  };
}

/**
 * Reads and checks the header of a safetensors file.
 *
 * @example
 * ```ts
 * import { bytesSource, readSafetensorsHeader, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [8], dtype: "bfloat16", fill: (out) => { (out as Uint16Array).fill(0); } }], { metadata: { format: "pt" } });
 * const header = await readSafetensorsHeader(bytesSource(new Uint8Array(await blob.arrayBuffer())));
 * console.log(header.metadata, header.entries, header.dataBytes); // { format: "pt" } [ { name: "w", dtype: "BF16", ... } ] 16
 * ```
 */
export async function readSafetensorsHeader(source: ByteSource): Promise<SafetensorsHeader> {
  const prefix = await source.read(0, Math.min(8, source.size));
  const n = headerLength(prefix, source.size, source.name);
  return parseHeader(await source.read(8, n), source.size, source.name);
}

/** float32 values of the 65536 half bit patterns, per format: decoding is one table lookup. */
let tables: { F16: Float32Array; BF16: Float32Array } | null = null;
function halfTables(): { F16: Float32Array; BF16: Float32Array } {
  if (!tables) {
    const f16 = new Float32Array(65536), bf16 = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) { f16[h] = float16Value(h); bf16[h] = bfloat16Value(h); }
    tables = { F16: f16, BF16: bf16 };
  }
  return tables;
}

/**
 * The floating-point dtypes whose values the reader decodes.
 *
 * @example
 * ```ts
 * import { FLOAT_DTYPES } from "nninit/checkpoint";
 * console.log(FLOAT_DTYPES); // [ "F64", "F32", "F16", "BF16" ]: the dtypes readTensorValues and tensorStats decode
 * ```
 */
export const FLOAT_DTYPES = ["F64", "F32", "F16", "BF16"] as const;

/**
 * A tensor's values as numbers, chunk by chunk (`chunkBytes` at a time, default 8 MiB), for the
 * floating-point dtypes. The arrays are reused: read each before asking for the next.
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * import { blobSource, readSafetensorsHeader, readTensorValues, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [64, 64], dtype: "float16", fill: (out, s, e) => { normal([64, 64], { dtype: "float16", range: [s, e], out: out as Uint16Array }); } }]);
 * const source = blobSource(blob);
 * const header = await readSafetensorsHeader(source);
 * for await (const values of readTensorValues(source, header, header.entries[0], 2048)) {
 *   console.log(values.length); // 1024 float16 values (2048 bytes) a chunk, as numbers
 * }
 * ```
 */
export async function* readTensorValues(source: ByteSource, header: SafetensorsHeader, entry: HeaderEntry, chunkBytes = 8 << 20): AsyncGenerator<Float32Array | Float64Array> {
  if (!(FLOAT_DTYPES as readonly string[]).includes(entry.dtype)) {
    throw new SafetensorsFormatError(`tensor ${JSON.stringify(entry.name)} has dtype ${entry.dtype}; values can be read for ${FLOAT_DTYPES.join(", ")}`, source.name);
  }
  const size = SAFETENSORS_DTYPE_BYTES[entry.dtype as (typeof FLOAT_DTYPES)[number]];
  const per = Math.max(1, Math.floor(chunkBytes / size));
  const decoded = entry.dtype === "F16" || entry.dtype === "BF16" ? new Float32Array(per) : null;
  const table = entry.dtype === "F16" || entry.dtype === "BF16" ? halfTables()[entry.dtype] : null;
  for (let at = header.dataStart + entry.begin, end = header.dataStart + entry.end; at < end;) {
    const bytes = Math.min(per * size, end - at);
    const raw = await source.read(at, bytes);
    // copy to an aligned buffer when the source's bytes are not aligned for the element type
    const aligned = raw.byteOffset % size === 0 ? raw : raw.slice();
    const n = bytes / size;
    if (table && decoded) {
      const bits = new Uint16Array(aligned.buffer, aligned.byteOffset, n);
      for (let i = 0; i < n; i++) decoded[i] = table[bits[i]];
      yield decoded.subarray(0, n);
    } else if (entry.dtype === "F32") {
      yield new Float32Array(aligned.buffer, aligned.byteOffset, n);
    } else {
      yield new Float64Array(aligned.buffer, aligned.byteOffset, n);
    }
    at += bytes;
  }
}

/** Summary statistics of a tensor's values (mean and std over all elements, population std). */
export interface TensorStats {
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/**
 * Streams a tensor once and returns its statistics (NaN for an empty tensor); stops between chunks when `signal` aborts.
 *
 * @example
 * ```ts
 * import { uniform } from "nninit";
 * import { blobSource, readSafetensorsHeader, safetensorsBlob, tensorStats } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "b", shape: [4096], dtype: "float32", fill: (out, s, e) => { uniform([4096], { a: -1, b: 1, range: [s, e], out: out as Float32Array }); } }]);
 * const source = blobSource(blob);
 * const header = await readSafetensorsHeader(source);
 * console.log(await tensorStats(source, header, header.entries[0])); // count 4096; mean near 0, std near 1/sqrt(3) = 0.577
 * ```
 */
export async function tensorStats(source: ByteSource, header: SafetensorsHeader, entry: HeaderEntry, signal?: AbortSignal): Promise<TensorStats> {
  let count = 0, sum = 0, sum2 = 0, min = Infinity, max = -Infinity;
  for await (const chunk of readTensorValues(source, header, entry)) {
    if (signal?.aborted) throw signal.reason ?? new Error("interrupted");
    // sums in float64: exact enough for weights (std >> mean or constant tensors)
    let s = 0, s2 = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < chunk.length; i++) {
      const v = chunk[i];
      s += v; s2 += v * v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    count += chunk.length; sum += s; sum2 += s2;
    if (lo < min) min = lo;
    if (hi > max) max = hi;
  }
  if (count === 0) return { count, mean: NaN, std: NaN, min: NaN, max: NaN };
  const mean = sum / count;
  return { count, mean, std: Math.sqrt(Math.max(0, sum2 / count - mean * mean)), min, max };
}
