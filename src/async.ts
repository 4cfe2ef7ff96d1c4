// Non-blocking fills: the same bits as one synchronous call, computed in chunks with the event
// loop running in between, so that a page stays responsive (and a progress bar moves) while a
// model of a few GiB is initialized.
//
// It works because every elementwise initializer honours `range` exactly: chunk [s, e) of the
// tensor, drawn from a generator at the start state, is bit for bit the slice [s, e) of the full
// fill. So each chunk is one synchronous call with `range: [s, e]` into `out.subarray(...)`.

import type { Shape } from "./shape.js";
import type { TensorOptions, Output, HalfArray } from "./initializers/tensor-options.js";
import { catalog, type CatalogEntry } from "./initializers/catalog.js";
import { reserve, abortReason, type AnyInitializer } from "./stream/reserve.js";
import { carriedEntry, type KeySampler, type KeySamplerOptions } from "./stream/entries.js";
import { typeError, integer } from "./validate.js";

/**
 * Any initializer of this package: `f(shape, options) -> Float32Array` (or the half bits when
 * `options.dtype` asks for them), honouring `range`, `out` and `dtype`.
 */
export type Initializer<O extends object = TensorOptions> = (shape: Shape, options?: O) => Float32Array | Uint16Array | HalfArray;

/** What `fillAsync` adds to the initializer's own options. */
export interface FillAsyncOptions {
  /** Elements per synchronous chunk (default 2^20: a few milliseconds of work per chunk). */
  chunkSize?: number;
  /** Called after each chunk with the elements written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the fill between chunks: the promise rejects with `signal.reason`, the generator does not move. */
  signal?: AbortSignal;
}

/**
 * 2^20 elements (4 MiB): about 2-4 ms of normal or 0.5-1 ms of uniform on one core.
 *
 * @example
 * ```ts
 * import { DEFAULT_CHUNK_SIZE, fillAsync, normal } from "nninit";
 * console.log(DEFAULT_CHUNK_SIZE); // 1048576
 * const w = await fillAsync(normal, [1024, 1024], { chunkSize: DEFAULT_CHUNK_SIZE / 4 }); // four chunks
 * ```
 */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

/**
 * The catalog's whole-tensor initializers: their values are not an elementwise function of the
 * tape (each value depends on the whole tensor: a QR factorization, a per-column choice of
 * zeros). Filling them in chunks would redo the whole work for every chunk, so `fillAsync`
 * rejects them.
 */
function wholeTensorEntries(): CatalogEntry<never>[] {
  return (catalog as readonly CatalogEntry<never>[]).filter((e) => e.kind === "whole-tensor");
}

function wholeTensorNames(): string[] {
  return wholeTensorEntries().map((e) => e.name);
}

/**
 * The names of the initializers `fillAsync` rejects: orthogonal, deltaOrthogonal, sparse.
 *
 * @example
 * ```ts
 * import { WHOLE_TENSOR_INITIALIZERS } from "nninit";
 * console.log(WHOLE_TENSOR_INITIALIZERS); // [ "orthogonal", "deltaOrthogonal", "sparse" ]: fillAsync refuses these
 * ```
 */
export const WHOLE_TENSOR_INITIALIZERS: readonly string[] = /* @__PURE__ */ wholeTensorNames();

/** The whole-tensor initializer `f` is, by identity (minifiers rename functions) or by name (wrappers). */
function wholeTensorName(f: (...args: never[]) => unknown): string | undefined {
  return wholeTensorEntries().find((e) => e.fn === f || e.name === f.name)?.name;
}

/**
 * Fills a tensor like `initializer(shape, options)`, bit for bit, without blocking the event loop:
 * the work runs in chunks of `chunkSize` elements with a macrotask between chunks, so timers,
 * input and rendering keep running. Resolves to the filled array (`out` when given).
 *
 * The generator moves exactly as the synchronous call would, and at the same moment: the tape
 * segment is reserved when `fillAsync` is called, so fills started later (even on the same
 * generator, before this one finishes) draw the words after it, just as with synchronous calls.
 * If the fill is aborted or fails, the generator is put back, unless something else drew from it
 * in the meantime (then the segment stays consumed, so no two fills ever share tape words);
 * a caller's `out` then holds the chunks written so far.
 *
 * Rejects (and writes nothing, moves nothing) on the same bad input as the synchronous call, and
 * with a TypeError for the initializers of {@link WHOLE_TENSOR_INITIALIZERS}.
 *
 * `dtype` works as in the synchronous call: each chunk is rounded by the kernels and the
 * promise resolves to a Uint16Array of bits (or the caller's `out`) for "float16"/"bfloat16".
 *
 * @example
 * ```ts
 * import { fillAsync, normal } from "nninit";
 * const controller = new AbortController();
 * const w = await fillAsync(normal, [1024, 768], {
 *   std: 0.02,
 *   chunkSize: 1 << 18,
 *   onProgress: (done: number, total: number) => console.log(`${done} / ${total}`),
 *   signal: controller.signal,
 * });
 * ```
 */
export async function fillAsync<const O extends object = TensorOptions>(
  // O comes from the options (the initializers are generic in theirs, so they cannot give it)
  // `{ [K in keyof O]: O[K] }` rather than `O`: a homomorphic mapped type lets TypeScript infer O
  // from the literal's other keys before it types an unannotated `onProgress: (done, total) => ...`
  // (with plain `O`, the callback fixed O at its default and `std` became an unknown key)
  initializer: Initializer<NoInfer<Omit<O, keyof FillAsyncOptions>>>, shape: Shape, options?: { [K in keyof O]: O[K] } & FillAsyncOptions,
): Promise<Output<O>>;
/**
 * Fills `sampler(key, shape, options)` of nninit/jax (`normal`, `uniform`, `truncatedNormal`
 * with `lower` and `upper` as options) in chunks, bit for bit: the options are
 * `{ key, ...the sampler's options }` and `fillAsync`'s own.
 *
 * @example
 * ```ts
 * import { fillAsync } from "nninit";
 * import { key, uniform } from "nninit/jax";
 * const w = await fillAsync(uniform, [1000], { key: key(3), minval: -1, chunkSize: 256 });
 * const sync = uniform(key(3), [1000], { minval: -1 });
 * console.log(w.every((x, i) => Object.is(x, sync[i]))); // true
 * ```
 */
export async function fillAsync<K>(sampler: KeySampler<K>, shape: Shape, options: KeySamplerOptions<K> & FillAsyncOptions): Promise<Float32Array>;
export async function fillAsync(initializer: unknown, shape: Shape, options?: unknown): Promise<unknown> {
  const fn = "fillAsync";
  if (typeof initializer !== "function") {
    throw typeError(fn, "initializer", "an initializer function such as normal or kaimingUniform", initializer);
  }
  const carried = carriedEntry(initializer);
  const whole = carried ? (carried.kind === "whole-tensor" ? carried.label : undefined) : wholeTensorName(initializer as (...args: never[]) => unknown);
  if (whole) {
    throw new TypeError(`${fn}: ${whole} is not elementwise (each value depends on the whole tensor), so it cannot ` +
      `be filled in chunks; call ${carried ? "it" : `${whole}(shape, options)`} directly (in a Worker to keep a page responsive)`);
  }
  let chunkSize = DEFAULT_CHUNK_SIZE;
  const r = reserve({
    fn, name: carried?.label, initializer: carried?.fn ?? initializer as AnyInitializer, shape, clientKeys: ["chunkSize"],
    options: carried ? carried.prepare(fn, options) : options,
    check: (client) => {
      if (client.chunkSize !== undefined) chunkSize = integer(fn, "chunkSize", client.chunkSize, 1);
    },
  });
  const { total, signal, onProgress } = r;
  const result = r.allocate(false);
  try {
    for (let done = 0; done < total;) {
      if (signal?.aborted) throw abortReason(fn, signal);
      const n = Math.min(chunkSize, total - done);
      r.fill(r.start + done, r.start + done + n, result.subarray(done, done + n));
      done += n;
      onProgress?.(done, total);
      if (done < total) await nextTask();
    }
  } catch (error) {
    r.cancel();
    throw error;
  }
  return r.given ?? result;
}

/**
 * Resolves in a new macrotask, so that timers, I/O, input and rendering run before the next chunk.
 * Node: `setImmediate` (after this loop turn's I/O; timers get their turn each iteration).
 * Browsers, Workers, Deno: a `MessageChannel` message. Unlike `setTimeout(0)` it is not clamped to
 * 4 ms once nested (a 4 ms pause per 1 Mi elements would double a fill's time) and not throttled to
 * one per second in background tabs. `setTimeout(0)` is the last resort.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const g = globalThis as { setImmediate?: (f: () => void) => unknown };
    if (typeof g.setImmediate === "function") {
      g.setImmediate(resolve);
    } else if (typeof MessageChannel === "function") {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}
