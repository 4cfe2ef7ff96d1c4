// Non-blocking fills: the same bits as one synchronous call, computed in chunks with the event
// loop running in between, so that a page stays responsive (and a progress bar moves) while a
// model of a few GiB is initialized.
//
// It works because every elementwise initializer honours `range` exactly: chunk [s, e) of the
// tensor, drawn from a generator at the start state, is bit for bit the slice [s, e) of the full
// fill. So each chunk is one synchronous call with `range: [s, e]` into `out.subarray(...)`.

import type { Shape } from "./shape.js";
import { request, optionsOf, type TensorOptions, type Output, type HalfArray } from "./initializers/tensor-options.js";
import { allocate, allocateFloat32 } from "./typed-array.js";
import type { RandomGenerator } from "./random/draw.js";
import { catalog, type CatalogEntry } from "./initializers/catalog.js";
import { typeError, integer, show, isPlainObject } from "./validate.js";

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

/** 2^20 elements (4 MiB): about 2-4 ms of normal or 0.5-1 ms of uniform on one core. */
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

/** The names of the initializers `fillAsync` rejects: orthogonal, deltaOrthogonal, sparse. */
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
 * const w = await fillAsync(normal, [50257, 768], {
 *   std: 0.02,
 *   onProgress: (done, total) => { bar.value = done / total; },
 *   signal: controller.signal,
 * });
 */
export async function fillAsync<const O extends object = TensorOptions>(
  // O comes from the options (the initializers are generic in theirs, so they cannot give it)
  initializer: Initializer<NoInfer<Omit<O, keyof FillAsyncOptions>>>, shape: Shape, options?: O & FillAsyncOptions,
): Promise<Output<O>> {
  const fn = "fillAsync";
  if (typeof initializer !== "function") {
    throw typeError(fn, "initializer", "an initializer function such as normal or kaimingUniform", initializer);
  }
  const whole = wholeTensorName(initializer);
  if (whole) {
    throw new TypeError(`${fn}: ${whole} is not elementwise (each value depends on the whole tensor), so it cannot ` +
      `be filled in chunks; call ${whole}(shape, options) directly (in a Worker to keep a page responsive)`);
  }
  // Everything is read and copied now, at the call: the shape (req.dims below), the options and
  // any object or array inside them (a layout), so that changing them during the fill changes
  // nothing. `out` and `generator` stay the caller's, as in the synchronous call.
  const { chunkSize: size, onProgress, signal, generator, out, range, dtype, ...rest } = optionsOf<TensorOptions & FillAsyncOptions>(fn, options);
  const own = snapshot(rest) as Record<string, unknown>;
  const chunkSize = size === undefined ? DEFAULT_CHUNK_SIZE : integer(fn, "chunkSize", size, 1);
  if (onProgress !== undefined && typeof onProgress !== "function") throw typeError(fn, "onProgress", "a function", onProgress);
  if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean")) {
    throw typeError(fn, "signal", "an AbortSignal", signal);
  }
  if (signal?.aborted) throw abortReason(signal);

  const { req } = request(fn, shape, { generator, out, range, dtype }, []);
  const half = req.dtype !== "float32";
  const total = req.end - req.start;
  // One chunk of the initializer, written into `target`, from a fresh copy of the start state.
  const base = req.generator.clone();
  const chunk = (start: number, target: Float32Array | Uint16Array): RandomGenerator => {
    const g = base.clone();
    const chunkOptions = { ...own, generator: g, range: [start, start + target.length], out: target, ...(half ? { dtype: req.dtype } : {}) };
    const got = initializer(typeof shape === "number" ? shape : [...req.dims], chunkOptions as unknown as O);
    if (got !== target) {
      throw new TypeError(`${fn}: ${initializer.name || "the initializer"} must fill options.out and return it, got ${show(got)}`);
    }
    return g;
  };
  // An empty chunk checks the initializer's own options and tells where the sync call leaves the generator.
  const after = chunk(req.start, half ? new Uint16Array(0) : new Float32Array(0)).getState();
  const before = req.generator.getState();
  req.generator.setState(after as never);

  const result = half ? req.halfOut ?? allocate(fn, req.dims, total, Uint16Array) : req.out ?? allocateFloat32(fn, req.dims, total);
  try {
    for (let done = 0; done < total;) {
      if (signal?.aborted) throw abortReason(signal);
      const n = Math.min(chunkSize, total - done);
      chunk(req.start + done, result.subarray(done, done + n));
      done += n;
      onProgress?.(done, total);
      if (done < total) await nextTask();
    }
  } catch (error) {
    if (sameState(req.generator.getState(), after)) req.generator.setState(before as never);
    throw error;
  }
  return (half ? req.halfResult ?? result : result) as Output<O>;
}

/** A copy of plain objects and arrays, to any depth (other values, such as functions, as they are). */
function snapshot(value: unknown, depth = 0): unknown {
  if (depth > 16) return value; // a cycle, or nesting no option has
  if (Array.isArray(value)) return value.map((v) => snapshot(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = snapshot(value[key], depth + 1);
  return copy;
}

/** Deep equality of two generator states (plain objects of numbers, bigints, nulls, arrays and typed arrays). */
function sameState(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as unknown as ArrayLike<unknown>, y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length || a.constructor !== b.constructor) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameState((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("fillAsync was aborted", "AbortError");
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
