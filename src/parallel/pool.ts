// A pool of workers that fills tensors in parallel with the same bits as one synchronous call.
//
// It rests on the stream contract: element i of an elementwise initializer depends only on the
// generator's state and i, and every initializer honours `range: [start, end]` exactly. So the
// calling thread checks the call (an empty-range call of the initializer itself: same checks,
// same messages, and it tells where the generator ends), reserves the tape segment by moving the
// generator there, cuts [start, end) into chunks, and each worker runs the ordinary synchronous
// initializer with `range` on a generator rebuilt from the start state. Whole-tensor initializers
// (orthogonal, deltaOrthogonal, sparse) run as one task on one worker. Elementwise fills smaller
// than one chunk run on the calling thread: a message to a worker and back costs more.
//
// Memory: where SharedArrayBuffer is available (Node; pages that are cross-origin isolated),
// workers write straight into one shared output, and each worker given a fill claims its next
// chunk with an atomic counter, so nothing waits for the calling thread between chunks (a busy
// page or event loop does not slow the workers down). Elsewhere, the calling thread hands out
// chunks: each is filled into a buffer lent to the worker, transferred back, copied into the
// output and lent again.

import type { Shape } from "../shape.js";
import type { HalfArray, TensorOptions, Output as InitOutput } from "../initializers/tensor-options.js";
import { bytesOf, type Dtype } from "../dtype.js";
import { typeError, integer, show, options as checkOptions } from "../validate.js";
import { reserve, abortReason, type Reservation, type SegmentSource } from "../stream/reserve.js";
import { entryOf, entryByName, type Entry, type AnyInitializer } from "./registry.js";
import { spawnWorker, machineThreads, sharedMemoryAvailable, type WorkerHandle } from "./spawn.js";
import { NEXT_CHUNK, STOP, type TaskMessage, type TaskTarget, type WorkerReply } from "./protocol.js";

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

/** What `pool.fill` adds to the initializer's own options. */
export interface PoolFillOptions {
  /** Called on the calling thread after each chunk with the elements written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the fill: the promise rejects with `signal.reason` once no worker writes any more; the generator does not move. */
  signal?: AbortSignal;
}

/** What a fill gives: a Float32Array, or for a half dtype the Uint16Array of bits (or the caller's Float16Array `out`). */
type Output = Float32Array | Uint16Array | HalfArray;

/** Largest pool: far above any machine's cores, low enough to catch a mistaken count early. */
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
/** Fallback tasks sent to a worker ahead of its replies, so that it never waits for the next message. */
const DEPTH = 2;

interface Job {
  entry: Entry;
  /** The reserved segment (the generator already moved past it). */
  reservation: Reservation;
  /** The segment as plain data, for the workers. */
  source: SegmentSource;
  /** Element of the tensor that goes to index 0 of the result. */
  start: number;
  total: number;
  /** The output's element type: float32, or the bits of a half dtype (2 bytes each). */
  dtype: Dtype;
  /** What the fill resolves to (the caller's `out` as given); null until a whole-tensor fallback task brings its own buffer. */
  result: Output | null;
  /** The result seen as the words chunks are copied into (a Float16Array `out` is seen as its bits). */
  words: Float32Array | Uint16Array | null;
  /** The shared memory the result lives in, if workers write in place. */
  shared: { buffer: SharedArrayBuffer; byteOffset: number } | null;
  /** Shared fills: the words workers claim chunks with and the stop flag (see protocol.ts). */
  control: Int32Array | null;
  /** Elements per chunk. */
  chunk: number;
  queued: number;
  inFlight: number;
  done: number;
  failure: { reason: unknown } | null;
  /** Set when a task of this fill was resent after its worker stopped (why the fill may end short). */
  resentAfter: Error | null;
  settled: boolean;
  onProgress: ((done: number, total: number) => void) | undefined;
  stopListening: () => void;
  resolve: (result: Output) => void;
  reject: (reason: unknown) => void;
}

interface Task {
  id: number;
  job: Job;
  start: number;
  end: number;
  /** The buffer lent to the worker (fallback, elementwise). */
  buffer: ArrayBuffer | null;
  /** A worker's share of a shared fill: it claims chunks of [start, end) until none are left. */
  share: boolean;
}

interface Slot {
  index: number;
  handle: WorkerHandle | null;
  starting: Promise<void> | null;
  /** Tasks sent and not yet answered, oldest first (a worker answers in order). */
  inFlight: Task[];
  /** The worker said "ready": its code loaded and its kernels compiled. */
  ready: boolean;
  /** Workers of this slot in a row that stopped before saying "ready". */
  failedStarts: number;
}

/** Workers in a row that may stop before they are ready before the pool gives up (a crash is retried once). */
const MAX_FAILED_STARTS = 2;

/**
 * A pool of workers that fill tensors in parallel: `await pool.fill(normal, shape, options)` gives
 * the same bits as `normal(shape, options)` and moves the generator the same way. Create it with
 * {@link createPool}; `close()` it when done (an idle pool does not keep Node running).
 */
export class Pool {
  readonly #threads: number;
  readonly #shared: boolean;
  readonly #slots: Slot[] = [];
  #queue: Task[] = [];
  #spares: ArrayBuffer[] = [];
  #nextId = 1;
  /** Fills handed to workers and not yet settled. */
  #running = 0;
  /** Shared elementwise fills not yet settled, oldest first: what `help()` claims chunks of. */
  #helpable: Job[] = [];
  /** 1 once the calling thread has helped: chunks are then cut for one more thread. */
  #helpers = 0;
  /** Set once the pool is closed or broken: every later fill rejects with it. */
  #unusable: Error | null = null;
  #closing: Promise<void> | null = null;
  /** Callers of ready() waiting for every worker to say "ready". */
  #readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  /** @internal Use {@link createPool}. */
  constructor(threads: number, shared: boolean) {
    this.#threads = threads;
    this.#shared = shared;
    for (let index = 0; index < threads; index++) {
      const slot: Slot = { index, handle: null, starting: null, inFlight: [], ready: false, failedStarts: 0 };
      this.#slots.push(slot);
      void this.#start(slot);
    }
  }

  /** The number of workers. */
  get threads(): number {
    return this.#threads;
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
    return new Promise<void>((resolve, reject) => {
      this.#readyWaiters.push({ resolve, reject });
      this.#checkReady();
    });
  }

  #checkReady(): void {
    if (this.#readyWaiters.length === 0) return;
    if (!this.#unusable && !this.#slots.every((s) => s.handle && s.ready)) return;
    for (const w of this.#readyWaiters.splice(0)) {
      if (this.#unusable) w.reject(this.#unusable);
      else w.resolve();
    }
  }

  /**
   * Fills a tensor like `initializer(shape, options)`, bit for bit, on the pool's workers, and
   * resolves to it (`out` when given). The generator moves when `fill` is called, exactly as the
   * synchronous call would move it, so later calls draw the words after this tensor even before
   * it is done; on abort or failure it is put back, unless something drew from it meanwhile.
   *
   * Without `out`, the result is backed by a SharedArrayBuffer when the pool is `shared` (so it
   * cannot be transferred with postMessage; it can be shared). `out` may be shared (written in
   * place) or an ordinary array (chunks are copied into it). With `dtype: "float16" | "bfloat16"`
   * the result is the Uint16Array of bits (or the caller's `out`), as the synchronous call gives:
   * each worker runs the same call with the dtype, so the rounding is the initializer's own.
   *
   * Rejects before any worker starts, with the synchronous call's TypeError/RangeError, on bad
   * input. A worker that stops during the fill (terminated, out of memory) rejects it with an
   * Error saying so; the pool starts a new worker in its place.
   *
   * @example
   * const pool = createPool();
   * const wte = await pool.fill(normal, [50257, 768], { std: 0.02, generator: g });
   * await pool.close();
   */
  fill<const O extends object = TensorOptions>(
    // O comes from the options, as in fillAsync (the initializers are generic in theirs, so they cannot give it)
    initializer: ((shape: Shape, options?: NoInfer<Omit<O, keyof PoolFillOptions>>) => unknown) | string, shape: Shape,
    options?: O & PoolFillOptions): Promise<InitOutput<O>> {
    try {
      return this.#fill(initializer, shape, options) as Promise<InitOutput<O>>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Ends the workers. Fills still running reject once their workers have stopped; later fills
   * reject. Resolves when every worker has stopped.
   */
  close(): Promise<void> {
    return (this.#closing ??= this.#shutDown(new Error("nninit pool: the pool was closed")));
  }

  /** @internal For tests: stops worker `index` as a crash would (the pool finds out as it would then). */
  killWorkerForTest(index: number): void {
    this.#slots[index]?.handle?.kill();
  }

  /**
   * @internal The calling thread works as one more worker: it claims chunks of the running shared
   * elementwise fills (oldest first, with the workers' own atomic counter, so each chunk is
   * written once, by whoever claims it first) and fills them with the same call a worker makes,
   * until none is left to claim. Returns the elements it wrote. A fill whose chunks are all
   * written settles at once, even if a worker has not started yet (its share then finds nothing
   * left), so a pool is useful from its first fill rather than after its workers' start-up.
   * Blocks the calling thread meanwhile: for callers with nothing better to do (the checkpoint
   * writer, whose file writes run on libuv's threads) on a machine whose cores the workers do not
   * fill already.
   */
  help(): number {
    this.#helpers = 1;
    let wrote = 0;
    for (const job of [...this.#helpable]) {
      const control = job.control!;
      while (!job.failure && !job.settled && Atomics.load(control, STOP) === 0) {
        const start = job.start + Atomics.add(control, NEXT_CHUNK, 1) * job.chunk;
        const end = Math.min(job.start + job.total, start + job.chunk);
        if (start >= end) break;
        try {
          job.reservation.fill(start, end, job.words!.subarray(start - job.start, end - job.start));
        } catch (error) {
          Atomics.store(control, STOP, 1);
          this.#fail(job, error);
          break;
        }
        wrote += end - start;
        this.#progress(job, end - start);
        this.#settle(job);
      }
    }
    return wrote;
  }

  #fill(initializer: unknown, shape: Shape, options: (object & PoolFillOptions) | undefined): Promise<Output> {
    const fn = "pool.fill";
    const entry = typeof initializer === "string" ? entryByName(initializer) : entryOf(initializer);
    if (!entry) {
      throw typeError(fn, "initializer", "one of nninit's initializers (such as normal or kaimingUniform) or its name", initializer);
    }
    const r = reserve({
      fn, name: entry.name, initializer: entry.fn, shape, options, portable: true,
      check: () => {
        if (this.#unusable) throw this.#unusable;
      },
    });
    const { total, given, onProgress, signal } = r;
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

    const perThread = this.#running > 0 ? CHUNKS_PER_THREAD_QUEUED : CHUNKS_PER_THREAD;
    const chunk = entry.kind === "whole-tensor" ? total : chunkSize(total, this.#threads + this.#helpers, perThread);
    return new Promise<Output>((resolve, reject) => {
      const job: Job = {
        entry, reservation: r, source: r.source(), start: r.start, total, dtype: r.dtype, result, words,
        shared: shared ? { buffer: words!.buffer as SharedArrayBuffer, byteOffset: words!.byteOffset } : null,
        control: shared ? new Int32Array(new SharedArrayBuffer(8)) : null, chunk,
        queued: 0, inFlight: 0, done: 0, failure: null, resentAfter: null, settled: false, onProgress,
        stopListening: () => {}, resolve, reject,
      };
      if (signal) {
        const onAbort = () => this.#fail(job, abortReason(fn, signal));
        signal.addEventListener("abort", onAbort, { once: true });
        job.stopListening = () => signal.removeEventListener("abort", onAbort);
      }
      this.#running++;
      if (shared && entry.kind === "elementwise") this.#helpable.push(job);
      const chunks = Math.ceil(total / chunk);
      if (shared) {
        // One share per worker that has a chunk to take; each share goes to a different worker.
        job.queued = Math.min(this.#threads, chunks);
        for (let i = 0; i < job.queued; i++) {
          this.#queue.push({ id: this.#nextId++, job, start: r.start, end: r.end, buffer: null, share: true });
        }
      } else {
        job.queued = chunks;
        for (let s = r.start; s < r.end; s += chunk) {
          this.#queue.push({ id: this.#nextId++, job, start: s, end: Math.min(r.end, s + chunk), buffer: null, share: false });
        }
      }
      this.#pump();
    });
  }

  /** Sends the queued tasks that a worker can take now; the rest wait for a reply or a new worker. */
  #pump(): void {
    if (this.#queue.length === 0) return;
    const waiting: Task[] = [];
    for (const task of this.#queue) {
      if (task.job.failure || task.job.settled) continue;
      const slot = this.#slotFor(task);
      if (slot) this.#send(slot, task);
      else waiting.push(task);
    }
    this.#queue = waiting.filter((t) => !t.job.failure && !t.job.settled);
  }

  /** The least busy worker that can take `task`: one without a share of the same fill, or with room for a fallback chunk. */
  #slotFor(task: Task): Slot | null {
    let best: Slot | null = null;
    for (const s of this.#slots) {
      if (!s.handle) continue;
      if (task.share ? s.inFlight.some((t) => t.job === task.job) : s.inFlight.length >= DEPTH) continue;
      if (!best || s.inFlight.length < best.inFlight.length) best = s;
    }
    return best;
  }

  #send(slot: Slot, task: Task): void {
    const { job } = task;
    job.queued--;
    const n = task.end - task.start;
    let target: TaskTarget;
    if (job.shared) {
      target = { kind: "shared", buffer: job.shared.buffer, byteOffset: job.shared.byteOffset, control: job.control!, chunk: job.chunk,
        report: job.onProgress !== undefined };
    } else if (job.entry.kind === "elementwise") {
      task.buffer = this.#spare(n * bytesOf(job.dtype));
      target = { kind: "transfer", buffer: task.buffer };
    } else {
      target = { kind: "transfer", buffer: null };
    }
    const message: TaskMessage = {
      type: "task", id: task.id, name: job.entry.name, source: job.source, start: task.start, end: task.end, target,
    };
    try {
      slot.handle!.post(message, task.buffer ? [task.buffer] : []);
    } catch (error) {
      // e.g. an option value that cannot be cloned: nothing was sent, nothing was transferred.
      this.#fail(job, error);
      return;
    }
    job.inFlight++;
    slot.inFlight.push(task);
    slot.handle!.setBusy(true);
  }

  /** A buffer of at least `bytes` for the fallback: a returned one when there is one. */
  #spare(bytes: number): ArrayBuffer {
    const i = this.#spares.findIndex((b) => b.byteLength >= bytes);
    return i >= 0 ? this.#spares.splice(i, 1)[0] : new ArrayBuffer(bytes);
  }

  #reply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === "ready") {
      slot.ready = true;
      slot.failedStarts = 0;
      if (slot.inFlight.length === 0) slot.handle?.setBusy(false);
      this.#checkReady();
      return;
    }
    const at = slot.inFlight.findIndex((t) => t.id === reply.id);
    if (at < 0) return;
    if (reply.type === "progress") {
      this.#progress(slot.inFlight[at].job, reply.count);
      return;
    }
    const [task] = slot.inFlight.splice(at, 1);
    if (slot.inFlight.length === 0 && slot.ready) slot.handle?.setBusy(false);
    const { job } = task;
    job.inFlight--;
    const n = task.end - task.start;
    if (reply.type === "failed") {
      this.#fail(job, rebuildError(reply.errorName, reply.message));
    } else if (!job.failure) {
      if (job.shared && reply.count > 0) this.#progress(job, reply.count);
      if (!job.shared && reply.buffer) {
        const values = wordsOver(job.dtype !== "float32", reply.buffer, 0, n);
        if (job.words) (job.words as Float32Array).set(values as Float32Array, task.start - job.start);
        else job.result = job.words = values; // a whole-tensor result in the worker's own buffer: no copy
        this.#progress(job, n);
      }
    }
    if (task.buffer && reply.buffer && this.#spares.length < this.#threads * DEPTH) this.#spares.push(reply.buffer);
    this.#settle(job);
    this.#pump();
  }

  /** `count` more elements of `job` are written. */
  #progress(job: Job, count: number): void {
    if (job.failure || job.settled) return;
    job.done += count;
    if (job.done === job.total && job.queued > 0) {
      // Shares not sent yet have nothing left to claim.
      this.#queue = this.#queue.filter((t) => t.job !== job);
      job.queued = 0;
    }
    try {
      job.onProgress?.(job.done, job.total);
    } catch (error) {
      this.#fail(job, error);
    }
  }

  /** Marks a job failed: its queued tasks are dropped, workers on it stop after their chunk; it settles once they have. */
  #fail(job: Job, reason: unknown): void {
    if (job.failure || job.settled) return;
    job.failure = { reason };
    if (job.control) Atomics.store(job.control, STOP, 1);
    this.#queue = this.#queue.filter((t) => t.job !== job);
    job.queued = 0;
    this.#settle(job);
  }

  #settle(job: Job): void {
    if (job.settled) return;
    // Every element of a shared fill written (and counted: workers count theirs when they reply)
    // means every chunk is claimed: no worker can write to it any more, so it need not wait for
    // the replies of shares that found nothing left (a worker still starting).
    const complete = job.shared !== null && !job.failure && job.done === job.total;
    if (!complete && (job.queued > 0 || job.inFlight > 0)) return;
    if (!job.failure && job.done < job.total) {
      // Every task answered and elements are missing: a stopped worker had claimed a chunk.
      // Fail rather than wait for chunks that nobody will write.
      job.failure = { reason: job.resentAfter ?? new Error("nninit pool: a fill ended with elements missing") };
    }
    job.settled = true;
    this.#running--;
    const helpable = this.#helpable.indexOf(job);
    if (helpable >= 0) this.#helpable.splice(helpable, 1);
    job.stopListening();
    if (job.failure) {
      job.reservation.cancel();
      job.reject(job.failure.reason);
    } else {
      job.resolve(job.result!);
    }
  }

  #start(slot: Slot): Promise<void> {
    slot.ready = false;
    slot.starting = spawnWorker(`nninit-pool-${slot.index}`, {
      message: (reply) => this.#reply(slot, reply),
      stopped: (reason) => this.#stopped(slot, reason),
    }).then((handle) => {
      if (this.#unusable) {
        void handle.terminate();
        return;
      }
      slot.handle = handle;
      handle.setBusy(true); // starting counts as busy (so `await pool.ready()` keeps Node running), until "ready"
      this.#pump();
    }, (error: unknown) => {
      this.#break(error instanceof Error ? error : new Error(String(error)));
    });
    return slot.starting;
  }

  /**
   * A worker stopped on its own: the fill it was working on (its oldest task: a worker runs its
   * tasks in order) fails; its later tasks had not started and are sent again; the worker is
   * replaced (unless workers keep failing to start).
   */
  #stopped(slot: Slot, reason: string): void {
    if (!slot.handle) return;
    const what = slot.ready ? "stopped" : "could not start";
    if (!slot.ready) slot.failedStarts++;
    slot.handle = null;
    const lost = slot.inFlight.splice(0);
    const error = new Error(`nninit pool: worker ${slot.index} ${what} (${reason})` +
      (lost.length ? "; the fill it was working on was abandoned" : ""));
    const resend: Task[] = [];
    lost.forEach((task, i) => {
      const { job } = task;
      job.inFlight--;
      if (i === 0) this.#fail(job, error);
      if (job.failure || job.settled) {
        this.#settle(job);
        return;
      }
      job.resentAfter = error;
      job.queued++;
      task.buffer = null; // it went down with the worker
      resend.push(task);
    });
    this.#queue.unshift(...resend);
    if (this.#unusable) return;
    if (slot.failedStarts >= MAX_FAILED_STARTS) {
      this.#break(new Error(`nninit pool: workers stop before they start (${reason}); the pool is unusable`));
      return;
    }
    void this.#start(slot);
  }

  /** The pool cannot work (a worker cannot start): every fill rejects with `error` from now on. */
  #break(error: Error): void {
    if (this.#unusable) return;
    this.#closing ??= this.#shutDown(error);
  }

  async #shutDown(reason: Error): Promise<void> {
    this.#unusable = reason;
    this.#checkReady();
    for (const task of this.#queue.splice(0)) this.#fail(task.job, reason);
    await Promise.all(this.#slots.map(async (slot) => {
      await slot.starting;
      const handle = slot.handle;
      slot.handle = null;
      await handle?.terminate();
      // The worker can no longer write: its tasks' fills may settle now.
      for (const task of slot.inFlight.splice(0)) {
        task.job.inFlight--;
        this.#fail(task.job, reason);
        this.#settle(task.job);
      }
    }));
  }
}

/**
 * Creates a pool of `threads` workers (default: the machine's parallelism) running this
 * package's own code: Node worker_threads or Web Workers, nothing to configure or serve. The
 * workers start at once (their start-up overlaps with the caller's work).
 *
 * @example
 * const pool = createPool({ threads: 4 });
 * const g = new Generator(42);
 * const w = await pool.fill(kaimingNormal, [4096, 4096], { generator: g }); // same bits as kaimingNormal(...)
 * await pool.close();
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

/** `length` words at `byteOffset` of `buffer`: float32 values, or (half) 16-bit patterns. */
function wordsOver(half: boolean, buffer: ArrayBufferLike, byteOffset: number, length: number): Float32Array | Uint16Array {
  return half ? new Uint16Array(buffer, byteOffset, length) : new Float32Array(buffer, byteOffset, length);
}

function isShared(x: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === "function" && x.buffer instanceof SharedArrayBuffer;
}

/** The worker's error as the same class on this thread (TypeError and RangeError keep their class). */
function rebuildError(name: string, message: string): Error {
  if (name === "TypeError") return new TypeError(message);
  if (name === "RangeError") return new RangeError(message);
  const error = new Error(message);
  if (name && name !== "Error") error.name = name;
  return error;
}

export type { AnyInitializer };
