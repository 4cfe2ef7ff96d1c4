// Streaming safetensors writer: the header, then each tensor's bytes generated chunk by chunk
// into a few reusable buffers (two; three for pool sources) and handed to a sink in order, so
// memory stays at a few chunks whatever the file size. While the sink writes one buffer
// (asynchronously: a file write runs on libuv's thread pool), the next chunk is generated into
// another. The tensors of one chunk are filled concurrently (their `fill`s are started together
// and awaited together): sources that hand their work to a pool of workers keep every worker busy
// across small tensors.

import { encodeHeader, type HeaderEntry } from "./format.js";
import { arrayOf, type DtypeWord, type SafetensorsDtype, type TensorArray } from "./dtypes.js";
import { checkSources, checkWriteOptions, type CheckedSource } from "./write-check.js";

export type { DtypeWord };

/**
 * A tensor to write: its name, shape and dtype, and how to produce elements [start, end) of its
 * flat data into `out`: a Float32Array for float32, a Uint16Array of bits for the half dtypes
 * (and uint16), a BigInt64Array for int64, the matching typed array for the other integer types
 * and float64, a Uint8Array for bool and the 8-bit float types (raw bytes); for F4 and the F6
 * types, whose elements are narrower than a byte, `start` and `end` count packed bytes.
 */
export interface TensorSource {
  name: string;
  shape: readonly number[];
  dtype: DtypeWord | SafetensorsDtype;
  /** Writes elements [start, end) of the tensor into `out` (whose length is end - start); may be async. */
  fill(out: TensorArray, start: number, end: number): void | Promise<void>;
}

/**
 * Where the bytes go. `write` may keep `bytes` only until its promise resolves (or, if it returns
 * nothing, until it returns): the writer then reuses the buffer.
 */
export interface ByteSink {
  /** Takes the next bytes of the file. */
  write(bytes: Uint8Array): void | Promise<void>;
}

/** Progress of a write, given to `onProgress` after each chunk. */
export interface WriteProgress {
  bytesDone: number;
  bytesTotal: number;
  tensorsDone: number;
  tensorsTotal: number;
}

/** Options of {@link writeSafetensors} and the functions built on it. */
export interface WriteOptions {
  /** `__metadata__`: string keys to string values. */
  metadata?: Record<string, string>;
  /** Bytes per chunk (default 2 MiB): the writer holds two (three when `shared`). */
  chunkBytes?: number;
  /**
   * Allocate the chunk buffers in SharedArrayBuffers (default false), so that sources whose
   * `fill` runs on a pool of workers have them write in place rather than into copies; the
   * writer then keeps a third buffer, so that the calling thread can start a chunk while a
   * worker finishes the one before.
   */
  shared?: boolean;
  /** Called after each chunk is written, with the bytes and tensors done so far. */
  onProgress?: (p: WriteProgress) => void;
  /** Stops between chunks; the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/**
 * 2 MiB: large enough that per-chunk overheads (a write, a round of fills) stay small, small
 * enough that the buffers' first use is cheap. Memory touched for the first time costs a page
 * fault per 4 KiB, and the kernel's first read of it for a write costs again: on the 2-core VM
 * of the benchmark ~8 ms per MiB in all, so two 8 MiB buffers cost ~0.13 s of a 0.45 s GPT-2
 * write (measured: 2 MiB took 675 ms of CPU for the whole command where 8 MiB took 878 ms).
 *
 * @example
 * ```ts
 * import { DEFAULT_CHUNK_BYTES, writeSafetensors } from "nninit/checkpoint";
 * console.log(DEFAULT_CHUNK_BYTES); // 2097152
 * let writes = 0;
 * await writeSafetensors({ write: () => { writes++; } }, [{ name: "w", shape: [1024, 1024], dtype: "float32", fill: (out) => { (out as Float32Array).fill(0); } }], { chunkBytes: DEFAULT_CHUNK_BYTES / 2 });
 * console.log(writes); // the header, then 1 MiB pieces of the 4 MiB tensor
 * ```
 */
export const DEFAULT_CHUNK_BYTES = 2 << 20;

/**
 * The header bytes and the layout of the file `writeSafetensors` would write.
 *
 * @example
 * ```ts
 * import { safetensorsLayout } from "nninit/checkpoint";
 * const { header, entries, totalBytes } = safetensorsLayout([{ name: "w", shape: [4, 4], dtype: "float16", fill: () => {} }]);
 * console.log(entries[0].end, totalBytes === header.length + 32); // 32 true
 * ```
 */
export function safetensorsLayout(tensors: readonly TensorSource[], metadata?: Record<string, string>): { header: Uint8Array; entries: HeaderEntry[]; totalBytes: number } {
  const fn = "safetensorsLayout";
  const checked = checkSources<TensorSource>(fn, tensors);
  return layoutOf(checked, checkWriteOptions(fn, { metadata }, DEFAULT_CHUNK_BYTES).metadata);
}

function layoutOf(tensors: readonly CheckedSource<TensorSource>[], metadata?: Record<string, string>): { header: Uint8Array; entries: HeaderEntry[]; totalBytes: number } {
  const { bytes, entries } = encodeHeader(tensors.map((t) => ({ name: t.name, dtype: t.code, shape: t.shape })), metadata);
  const data = entries.length ? entries[entries.length - 1].end : 0;
  return { header: bytes, entries, totalBytes: bytes.length + data };
}

/**
 * Writes a safetensors file to `sink`: header, then the tensors' data in order, generated chunk by
 * chunk. Resolves to the number of bytes written.
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * import { writeSafetensors } from "nninit/checkpoint";
 * const chunks: Uint8Array[] = [];
 * const bytes = await writeSafetensors({ write: (b) => { chunks.push(b.slice()); } }, [
 *   { name: "w", shape: [4, 4], dtype: "bfloat16", fill: (out, s, e) => { normal([4, 4], { range: [s, e], dtype: "bfloat16", out: out as Uint16Array }); } },
 * ]);
 * console.log(bytes); // header + 32 bytes of bfloat16
 * ```
 */
export async function writeSafetensors(sink: ByteSink | WritableStream<Uint8Array>, tensors: readonly TensorSource[], options?: WriteOptions): Promise<number> {
  return writeChecked("writeSafetensors", sink, tensors, options);
}

/** writeSafetensors under another function's name (saveFile): every check runs before a byte is written. */
export async function writeChecked(fn: string, sink: ByteSink | WritableStream<Uint8Array>, tensorList: readonly TensorSource[], rawOptions?: WriteOptions): Promise<number> {
  if (!isWritableStream(sink) && (sink === null || typeof sink !== "object" || typeof (sink as ByteSink).write !== "function")) {
    throw new TypeError(`${fn}: sink must be a { write(bytes) } object or a WritableStream, got ${sink === null ? "null" : typeof sink}`);
  }
  return prepareWrite(fn, tensorList, rawOptions)(sink);
}

/** Checks everything (throwing synchronously), then gives the write to run on a sink. */
export function prepareWrite(fn: string, tensorList: readonly TensorSource[], rawOptions?: WriteOptions): (sink: ByteSink | WritableStream<Uint8Array>) => Promise<number> {
  const tensors = checkSources<TensorSource>(fn, tensorList);
  const options = checkWriteOptions(fn, rawOptions, DEFAULT_CHUNK_BYTES) as Omit<WriteOptions, "chunkBytes"> & { chunkBytes: number };
  return (sink) => writePrepared(sink, tensors, options);
}

async function writePrepared(sink: ByteSink | WritableStream<Uint8Array>, tensors: CheckedSource<TensorSource>[], options: Omit<WriteOptions, "chunkBytes"> & { chunkBytes: number }): Promise<number> {
  if (options.signal?.aborted) throw abortError(options.signal);
  const { header, totalBytes } = layoutOf(tensors, options.metadata);
  const chunkBytes = options.chunkBytes;
  const streamWriter = isWritableStream(sink) ? sink.getWriter() : null;
  // A WritableStream may queue chunks past the write's promise: give it copies.
  const write = streamWriter ? (b: Uint8Array) => streamWriter.write(b.slice()) : (b: Uint8Array) => (sink as ByteSink).write(b);
  const progress: WriteProgress = { bytesDone: 0, bytesTotal: totalBytes, tensorsDone: 0, tensorsTotal: tensors.length };
  try {
    await untilAborted(write(header), options.signal);
    progress.bytesDone = header.length;
    options.onProgress?.({ ...progress });
    const allocate = (): ArrayBufferLike => (options.shared ? new SharedArrayBuffer(chunkBytes) : new ArrayBuffer(chunkBytes));
    // Synchronous sources fill a chunk before the next starts: two buffers (one filled while the
    // other is written). Pool sources (shared) may still be finishing chunk k on a worker when the
    // calling thread has done its part: a third buffer lets it start chunk k + 1 meanwhile, so a
    // worker that the system put aside for a while does not stall everyone.
    const depth = options.shared ? 3 : 2;
    const buffers: ArrayBufferLike[] = [];
    // Chunk k is written once its fills are done and chunk k - 1 is written; `written[i]` resolves
    // once its chunk is written (its buffer free again).
    const written: Promise<void>[] = [];
    let last: Promise<void> = Promise.resolve();
    // every fill started so far (an abort waits for these, not for a sink that may never answer)
    let fills: Promise<unknown> = Promise.resolve();
    const cursor = { tensor: 0, element: 0 };
    try {
      for (let k = 0; cursor.tensor < tensors.length; k++) {
        if (options.signal?.aborted) throw abortError(options.signal);
        if (written.length === depth) await untilAborted(written.shift(), options.signal); // the oldest chunk used this buffer
        const buffer = (buffers[k % depth] ??= allocate());
        const { used, filled } = startChunk(buffer, tensors, cursor);
        const tensorsDone = cursor.tensor;
        fills = Promise.all([fills, filled.catch(() => undefined)]);
        last = Promise.all([last, filled]).then(() => {
          // after an abort, chunks still queued are not written (the caller may be removing the file)
          if (options.signal?.aborted) throw abortError(options.signal);
          return write(new Uint8Array(buffer, 0, used));
        }).then(() => {
          progress.bytesDone += used;
          progress.tensorsDone = tensorsDone;
          options.onProgress?.({ ...progress });
        });
        written.push(last);
      }
      await untilAborted(last, options.signal);
    } catch (error) {
      // Nothing may still write (fills end: pool fills reject on the abort) when this rejects.
      // After an abort only the fills are awaited: a stalled sink's write may never settle.
      // The pending write gets its handler now in either case: after an abort the caller may
      // close the file under it, and its rejection must not surface as an unhandled one.
      const pending = last.catch(() => undefined);
      await (options.signal?.aborted ? fills : pending);
      throw error;
    }
    // an abort during the last chunk still fails the write (the file must not be completed)
    if (options.signal?.aborted) throw abortError(options.signal);
    if (streamWriter) await streamWriter.close();
  } catch (error) {
    if (streamWriter) await streamWriter.abort(error).catch(() => undefined);
    throw error;
  } finally {
    streamWriter?.releaseLock();
  }
  return totalBytes;
}

/**
 * Starts generating whole elements into `buffer` from the cursor on, across tensors, until the
 * next element would not fit; advances the cursor. Gives the bytes used and a promise of the
 * fills' end (synchronous sources are done when this returns). Elements land at their file
 * offsets' alignment when they can; a tensor whose bytes sit at an odd offset for its element
 * size (mixed dtypes) goes through an aligned scratch copy.
 */
function startChunk(buffer: ArrayBufferLike, tensors: readonly CheckedSource<TensorSource>[], cursor: { tensor: number; element: number }): { used: number; filled: Promise<unknown> } {
  let used = 0;
  // Each fill writes its own bytes of the chunk: start them all, then wait for all.
  const fills: Promise<void>[] = [];
  while (cursor.tensor < tensors.length) {
    const { source: t, code, unitBytes: size, units: total } = tensors[cursor.tensor];
    const room = Math.floor((buffer.byteLength - used) / size);
    const n = Math.min(room, total - cursor.element);
    if (n <= 0 && total > cursor.element) break;
    if (n > 0) {
      const start = cursor.element, end = start + n;
      if (used % size === 0) {
        const got = t.fill(elementsOf(code, buffer, used, n), start, end);
        if (got) fills.push(got);
      } else {
        const scratch = elementsOf(code, new ArrayBuffer(n * size), 0, n), at = used;
        fills.push(Promise.resolve(t.fill(scratch, start, end)).then(() => { new Uint8Array(buffer, at, n * size).set(new Uint8Array(scratch.buffer)); }));
      }
      used += n * size;
      cursor.element = end;
    }
    if (cursor.element === total) {
      cursor.tensor++;
      cursor.element = 0;
    }
  }
  return { used, filled: Promise.all(fills) };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("writeSafetensors was aborted", "AbortError");
}

/** `promise`, or the abort's reason as soon as `signal` aborts (a sink that never answers cannot hold an abort up). */
function untilAborted<T>(promise: Promise<T> | T | undefined, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return Promise.resolve(promise);
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise).then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}

/** `n` fill units of `code` at byte `at` of `buffer`, as the array type a source fills. */
function elementsOf(code: SafetensorsDtype, buffer: ArrayBufferLike, at: number, n: number): TensorArray {
  // F4/F6: units are packed bytes
  return arrayOf(code, buffer, at, code === "F4" || code === "F6_E2M3" || code === "F6_E3M2" ? (n * 8) / SAFETENSORS_BITS_OF[code] : n);
}
const SAFETENSORS_BITS_OF = { F4: 4, F6_E2M3: 6, F6_E3M2: 6 } as const;

function isWritableStream(x: unknown): x is WritableStream<Uint8Array> {
  return typeof WritableStream === "function" && x instanceof WritableStream;
}

/**
 * The whole file as a Blob, e.g. for a download link in a browser. The Blob holds the file's bytes
 * (browsers may keep large Blobs on disk); write to a `WritableStream` from the File System Access
 * API to stream a file larger than memory instead.
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * import { safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([
 *   { name: "wte", shape: [100, 16], dtype: "bfloat16", fill: (out, s, e) => { normal([100, 16], { std: 0.02, dtype: "bfloat16", range: [s, e], out: out as Uint16Array }); } },
 * ]);
 * console.log(blob.size); // header + 3200 bytes; in a page: URL.createObjectURL(blob) for a download link
 * ```
 */
export async function safetensorsBlob(tensors: readonly TensorSource[], options: WriteOptions = {}): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  await writeSafetensors({ write: (b) => { parts.push(b.slice()); } }, tensors, options);
  return new Blob(parts, { type: "application/octet-stream" });
}
