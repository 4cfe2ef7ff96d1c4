// A pool of workers that fills tensors in parallel with the same bits as one synchronous call:
// `pool.fill` reserves the generator's segment (../stream/reserve.ts: the checks, the move, the
// restore on failure), then cuts it into chunks, each filled by the ordinary synchronous
// initializer with `range` on a generator restarted from the segment's start state.
// Whole-tensor initializers (orthogonal, deltaOrthogonal, sparse) run as one task on one worker.
// Elementwise fills smaller than one chunk run on the calling thread: a message to a worker and
// back costs more.
//
// The parts: ./scheduler.ts (workers and the task queue), ./job.ts (one fill's state machine),
// one transport per way of passing memory (./shared-memory.ts: workers write in place and claim
// chunks with an atomic counter; ./transfer.ts: chunks lent to workers and copied back), and the
// worker's side, ./worker-main.ts.

import type { Shape } from "../shape.js";
import type { TensorOptions, Output as InitOutput } from "../initializers/tensor-options.js";
import { typeError, integer, show, options as checkOptions } from "../validate.js";
import { reserve, type StreamOptions } from "../stream/reserve.js";
import { entryOf, entryByName, type AnyInitializer } from "./registry.js";
import { carriedEntry, type KeySampler, type KeySamplerOptions } from "../stream/entries.js";
import { machineThreads, sharedMemoryAvailable } from "./spawn.js";
import { Job, type Output, type Transport } from "./job.js";
import { Scheduler } from "./scheduler.js";
import { SHARED_MEMORY, claimChunks } from "./shared-memory.js";
import { transfer } from "./transfer.js";

/** How a pool is made. */
export interface PoolOptions {
  /** Workers to run (default: the machine's parallelism, `os.availableParallelism()` or `navigator.hardwareConcurrency`). */
  threads?: number;
  /**
   * Whether workers write into shared memory (default: where SharedArrayBuffer is available:
   * Node, and pages served cross-origin isolated). `false` forces the transfer fallback.
   */
  shared?: boolean;
}

/** What `pool.fill` adds to the initializer's own options: onProgress (on the calling thread) and signal. */
export type PoolFillOptions = StreamOptions;

/**
 * Largest pool: far above any machine's cores, low enough to catch a mistaken count early.
 *
 * @example
 * ```ts
 * import { createPool, MAX_THREADS } from "nninit";
 * console.log(MAX_THREADS); // 256
 * const pool = createPool({ threads: 2 }); // 1 .. MAX_THREADS
 * await pool.close();
 * ```
 */
export const MAX_THREADS = 256;

/** Elements per chunk, at most: 2^20 (4 MiB, a few milliseconds of work; the fallback's buffers have this size). */
const MAX_CHUNK = 1 << 20;
/** Elements per chunk, at least: below this the per-chunk messages cost more than the work. */
const MIN_CHUNK = 1 << 16;
/** Elementwise fills of fewer elements run on the calling thread (cheaper than a message to a worker and back). */
const INLINE_BELOW = MIN_CHUNK;
/** Chunks per worker in a fill, so that a worker that got a slower core takes fewer of them. */
const CHUNKS_PER_THREAD = 8;
/**
 * Chunks per worker in a fill started while other fills are still running (a model's tensors
 * given all at once): the fills queued behind it already balance the workers, so fewer, larger
 * chunks, which save a claim and a call of the initializer each (GPT-2 small: ~230 chunks, not ~730).
 */
const CHUNKS_PER_THREAD_QUEUED = 2;

/**
 * A pool of workers that fill tensors in parallel: `await pool.fill(normal, shape, options)` gives
 * the same bits as `normal(shape, options)` and moves the generator the same way. Create it with
 * {@link createPool}; `close()` it when done (an idle pool does not keep Node running).
 *
 * @example
 * ```ts
 * import { createPool, Generator, normal } from "nninit";
 * const pool = createPool({ threads: 2 });
 * const g = new Generator(1);
 * const [a, b] = await Promise.all([
 *   pool.fill(normal, [512, 512], { generator: g }),
 *   pool.fill("normal", [512, 512], { generator: g, std: 0.02 }), // by name: draws after the first
 * ]);
 * await pool.close();
 * ```
 */
export class Pool {
  readonly #shared: boolean;
  readonly #scheduler: Scheduler;
  readonly #transfer: Transport;
  /** 1 once the calling thread has helped: chunks are then cut for one more thread. */
  #helpers = 0;

  /** @internal Use {@link createPool}. */
  constructor(threads: number, shared: boolean) {
    this.#shared = shared;
    this.#scheduler = new Scheduler(threads);
    this.#transfer = transfer(threads);
  }

  /** The number of workers. */
  get threads(): number {
    return this.#scheduler.threads;
  }

  /** Whether workers write into shared memory (else chunks are transferred back and copied). */
  get shared(): boolean {
    return this.#shared;
  }

  /**
   * Resolves once every worker has started and compiled its kernels (optional: fills wait for
   * workers by themselves; useful to keep start-up out of a first timed fill). Rejects if the
   * pool is closed or unusable.
   */
  ready(): Promise<void> {
    return this.#scheduler.ready();
  }

  /**
   * Fills a tensor like `initializer(shape, options)`, bit for bit, on the pool's workers, and
   * resolves to it (`out` when given). The generator moves when `fill` is called, exactly as the
   * synchronous call would move it, so later calls draw the words after this tensor even before
   * it is done; on abort or failure it is put back, unless something drew from it meanwhile.
   * The shape and options are read (and copied) at the call.
   *
   * `initializer` is one of nninit's initializers (this copy's, or another loaded copy's of the
   * same version: the CommonJS build's function given to the ES module's pool) or its name.
   *
   * Without `out`, the result is backed by a SharedArrayBuffer when the pool is `shared` (so it
   * cannot be transferred with postMessage; it can be shared). `out` may be shared (written in
   * place) or an ordinary array (chunks are copied into it). With `dtype: "float16" | "bfloat16"`
   * the result is the Uint16Array of bits (or the caller's `out`), as the synchronous call gives:
   * each worker runs the same call with the dtype, so the rounding is the initializer's own.
   *
   * Rejects before any worker starts, with the synchronous call's TypeError/RangeError, on bad
   * input (and with a RangeError naming pool.fill and the shape when the output cannot be
   * allocated). A worker that stops during the fill (terminated, out of memory) rejects it with
   * an Error saying so; the pool starts a new worker in its place.
   *
   * @example
   * ```ts
   * import { createPool, Generator, normal } from "nninit";
   * const pool = createPool({ threads: 2 });
   * const wte = await pool.fill(normal, [1000, 64], { std: 0.02, generator: new Generator(1) });
   * const half = await pool.fill("normal", [1000, 64], { dtype: "bfloat16" }); // Uint16Array of bits
   * await pool.close();
   * ```
   */
  fill<const O extends object = TensorOptions>(
    // O comes from the options, as in fillAsync (the initializers are generic in theirs, so they cannot give it)
    initializer: ((shape: Shape, options?: NoInfer<Omit<O, keyof PoolFillOptions>>) => unknown) | string, shape: Shape,
    options?: O & PoolFillOptions): Promise<InitOutput<O>>;
  /**
   * Fills `sampler(key, shape, options)` of nninit/jax (`normal`, `uniform`, `truncatedNormal`
   * with `lower` and `upper` as options), bit for bit, on the pool's workers: the options are
   * `{ key, ...the sampler's options }` (`range`, `out` too). The key's words travel to the workers.
   *
   * @example
   * ```ts
   * import { createPool } from "nninit";
   * import { key, normal } from "nninit/jax";
   * const pool = createPool({ threads: 2 });
   * const w = await pool.fill(normal, [512, 512], { key: key(0) }); // jax.random.normal(key(0), (512, 512))
   * await pool.close();
   * const sync = normal(key(0), [512, 512]);
   * console.log(w.every((x, i) => Object.is(x, sync[i]))); // true
   * ```
   */
  fill<K>(sampler: KeySampler<K>, shape: Shape, options: KeySamplerOptions<K> & PoolFillOptions): Promise<Float32Array>;
  fill(initializer: unknown, shape: Shape, options?: object): Promise<unknown> {
    try {
      return this.#fill(initializer, shape, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Lends the calling thread to the pool until the running fills have no chunk left to claim:
   * it claims chunks of the running shared-memory elementwise fills (oldest first, with the
   * workers' own atomic counter, so each chunk is written once, by whoever claims it first) and
   * fills them with the same call a worker makes. Returns the elements it wrote (0 without
   * shared memory, where there is nothing to claim). A fill whose chunks are all written settles
   * at once, even if a worker has not started yet, so a pool is useful from its first fill
   * rather than after its workers' start-up; later fills are cut for one more thread.
   *
   * It blocks the calling thread meanwhile: call it when that thread has nothing better to do
   * (a checkpoint writer whose file writes run on libuv's threads, a CLI) and the workers do not
   * already fill the machine's cores; never on a page's main thread.
   *
   * @example
   * ```ts
   * import { createPool, Generator, normal } from "nninit";
   * const pool = createPool({ threads: 1 });
   * const w = pool.fill(normal, [1024, 1024], { generator: new Generator(1) });
   * console.log(pool.help() >= 0); // true: the elements this thread wrote
   * await w;
   * await pool.close();
   * ```
   */
  help(): number {
    this.#helpers = 1;
    let wrote = 0;
    for (const job of [...this.#scheduler.running]) {
      if (job.shared && job.entry.kind === "elementwise") wrote += claimChunks(job);
    }
    return wrote;
  }

  /**
   * Ends the workers. Fills still running reject once their workers have stopped; later fills
   * reject. Resolves when every worker has stopped.
   */
  close(): Promise<void> {
    return this.#scheduler.close(new Error("nninit pool: the pool was closed"));
  }

  /** @internal For tests: stops worker `index` as a crash would (the pool finds out as it would then). */
  killWorkerForTest(index: number): void {
    this.#scheduler.kill(index);
  }

  #fill(initializer: unknown, shape: Shape, options: unknown): Promise<Output> {
    const fn = "pool.fill";
    const carried = carriedEntry(initializer);
    const entry = carried ?? (typeof initializer === "string" ? entryByName(initializer) : entryOf(initializer));
    if (!entry) {
      throw typeError(fn, "initializer", "one of nninit's initializers (such as normal or kaimingUniform) or its name", initializer);
    }
    const r = reserve({
      fn, name: carried?.label ?? entry.name, initializer: entry.fn, shape, portable: true,
      options: carried ? carried.prepare(fn, options) : options,
      check: () => {
        if (this.#scheduler.unusable) throw this.#scheduler.unusable;
      },
    });
    const { total, given, onProgress } = r;
    if (total === 0) return Promise.resolve(given ?? (r.dtype !== "float32" ? new Uint16Array(0) : new Float32Array(0)));
    // The words workers write: float32 values, or the bits of a half dtype (a Float16Array out is seen as its bits).
    const shared = this.#shared && (given === undefined || isShared(given));
    const words = shared || entry.kind === "elementwise" ? r.allocate(shared) : r.out ?? null;
    const result: Output | null = given ?? words;

    if (entry.kind === "elementwise" && total < INLINE_BELOW) {
      // Less work than one chunk: a round trip to a worker costs more than the fill (a model's
      // biases and norms). The synchronous call itself, from the reserved segment.
      try {
        r.fill(r.start, r.end, words!);
        onProgress?.(total, total);
      } catch (error) {
        r.cancel();
        throw error;
      }
      return Promise.resolve(result!);
    }

    const perThread = this.#scheduler.running.size > 0 ? CHUNKS_PER_THREAD_QUEUED : CHUNKS_PER_THREAD;
    const chunk = entry.kind === "whole-tensor" ? total : chunkSize(total, this.threads + this.#helpers, perThread);
    return new Promise<Output>((resolve, reject) => {
      const job = new Job({
        entry, reservation: r, result, words, chunk, resolve, reject,
        shared: shared ? { buffer: words!.buffer as SharedArrayBuffer, byteOffset: words!.byteOffset, control: new Int32Array(new SharedArrayBuffer(8)) } : null,
        transport: shared ? SHARED_MEMORY : this.#transfer,
        settled: (j) => this.#scheduler.forget(j),
      });
      this.#scheduler.submit(job);
    });
  }
}

/**
 * Creates a pool of `threads` workers (default: the machine's parallelism) running this
 * package's own code: Node worker_threads or Web Workers, nothing to configure or serve. The
 * workers start at once (their start-up overlaps with the caller's work).
 *
 * @example
 * ```ts
 * import { createPool, Generator, kaimingNormal } from "nninit";
 * const pool = createPool({ threads: 2 });
 * const w = await pool.fill(kaimingNormal, [256, 512], { generator: new Generator(42) });
 * await pool.close();
 * const same = kaimingNormal([256, 512], { generator: new Generator(42) });
 * console.log(w.every((x, i) => x === same[i])); // true: the synchronous call's bits
 * ```
 */
export function createPool(options?: PoolOptions): Pool {
  const fn = "createPool";
  // Own properties of a plain object only: a Date, a Generator or a class instance is refused,
  // and inherited keys (a polluted Object.prototype) are never read.
  const own = checkOptions<PoolOptions>(fn, options, ["threads", "shared"]);
  const threads = own.threads === undefined ? machineThreads() : integer(fn, "threads", own.threads, 1, MAX_THREADS);
  const available = sharedMemoryAvailable();
  const shared = own.shared ?? available;
  if (typeof shared !== "boolean") throw typeError(fn, "shared", "a boolean or undefined", shared);
  if (shared && !available) {
    throw new TypeError(`${fn}: shared must be false here: SharedArrayBuffer is not available ` +
      `(a page must be served with COOP/COEP headers to be cross-origin isolated), got ${show(shared)}`);
  }
  return new Pool(threads, shared);
}

/** Elements per chunk: about `perThread` chunks per worker, within [MIN_CHUNK, MAX_CHUNK], whole tape blocks. */
function chunkSize(total: number, threads: number, perThread: number): number {
  const even = Math.ceil(total / (threads * perThread) / 1024) * 1024;
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, even));
}

function isShared(x: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === "function" && x.buffer instanceof SharedArrayBuffer;
}

export type { AnyInitializer };
