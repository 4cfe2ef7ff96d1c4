// One pool fill's state machine: the only code that changes a fill's counters (tasks queued and
// in flight, elements done) and settles it. The scheduler and the transports report events to
// it (a task sent, answered, lost with its worker; elements written; a failure); it decides when
// the fill is over and resolves or rejects it, putting the generator back on failure.
//
//   running --fail--> failing --(no task in flight, nothing queued)--> rejected (generator restored)
//   running --(every element written)--> resolved
//
// Shared fills: every element written (and counted) means every chunk was claimed, so no worker
// can write to the output any more; the fill resolves without waiting for shares that found
// nothing left (a worker still starting).

import type { Dtype } from "../dtype.js";
import type { HalfArray } from "../initializers/tensor-options.js";
import { abortReason, type Reservation, type SegmentSource, type Words } from "../stream/reserve.js";
import { STOP, type DoneMessage, type FailedMessage, type TaskTarget } from "./protocol.js";
import type { Entry } from "./registry.js";

/** What a fill gives: a Float32Array, or for a half dtype the Uint16Array of bits (or the caller's Float16Array `out`). */
export type Output = Float32Array | Uint16Array | HalfArray;

/** How a job is made (see Job's fields). */
export interface JobInit {
  entry: Entry;
  reservation: Reservation;
  /** What the fill resolves to (the caller's `out` as given); null until a whole-tensor transfer task brings its own buffer. */
  result: Output | null;
  /** The result as the words chunks are written into (a Float16Array `out` seen as its bits). */
  words: Words | null;
  /** Shared fills: the shared output, and the words workers claim chunks with and the stop flag (see protocol.ts). */
  shared: { buffer: SharedArrayBuffer; byteOffset: number; control: Int32Array } | null;
  /** Elements per chunk. */
  chunk: number;
  /** How values reach the output. */
  transport: Transport;
  resolve: (result: Output) => void;
  reject: (reason: unknown) => void;
  /** Called once, when the job settles (the scheduler forgets it). */
  settled: (job: Job) => void;
}

/** A part of a job sent to one worker. */
export interface Task {
  id: number;
  job: Job;
  start: number;
  end: number;
  /** The buffer lent to the worker (transfer, elementwise). */
  buffer: ArrayBuffer | null;
  /** A worker's share of a shared fill: it claims chunks of [start, end) until none are left. */
  share: boolean;
}

/** How a job's values reach its output: one per way of passing memory (./shared-memory.ts, ./transfer.ts). */
export interface Transport {
  /** The tasks a job is cut into, for `threads` workers. */
  cut(job: Job, threads: number): Omit<Task, "id" | "job" | "buffer">[];
  /** What a task tells its worker about where values go (and the buffer it lends, if any). */
  target(task: Task): TaskTarget;
  /** A worker answered its task: count the elements it wrote, copy them in if they came back in a buffer. */
  answered(task: Task, reply: DoneMessage | FailedMessage): void;
}

export class Job {
  readonly entry: Entry;
  readonly reservation: Reservation;
  /** The segment as plain data, for the workers. */
  readonly source: SegmentSource;
  /** Element of the tensor that goes to index 0 of the result. */
  readonly start: number;
  readonly total: number;
  readonly dtype: Dtype;
  readonly shared: JobInit["shared"];
  readonly chunk: number;
  readonly transport: Transport;
  result: Output | null;
  words: Words | null;
  #queued = 0;
  #inFlight = 0;
  #done = 0;
  #failure: { reason: unknown } | null = null;
  /** Set when a task was resent after its worker stopped (why the fill may end short). */
  #resentAfter: Error | null = null;
  #settled = false;
  #stopListening: () => void = () => {};
  readonly #init: JobInit;

  constructor(init: JobInit) {
    const r = init.reservation;
    this.#init = init;
    this.entry = init.entry;
    this.reservation = r;
    this.source = r.source();
    this.start = r.start;
    this.total = r.total;
    this.dtype = r.dtype;
    this.shared = init.shared;
    this.chunk = init.chunk;
    this.transport = init.transport;
    this.result = init.result;
    this.words = init.words;
    const signal = r.signal;
    if (signal) {
      const onAbort = () => this.fail(abortReason(r.fn, signal));
      signal.addEventListener("abort", onAbort, { once: true });
      this.#stopListening = () => signal.removeEventListener("abort", onAbort);
    }
  }

  /** Whether the fill wants no more work: failed, settled, or (shared) every element written. */
  get over(): boolean {
    return this.#failure !== null || this.#settled || (this.shared !== null && this.#done === this.total);
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Whether a progress message is wanted after each chunk. */
  get reports(): boolean {
    return this.reservation.onProgress !== undefined;
  }

  /** `count` tasks were queued. */
  queued(count: number): void {
    this.#queued += count;
  }

  /** A queued task went to a worker. */
  sent(): void {
    this.#queued--;
    this.#inFlight++;
  }

  /** A worker answered a task (done or failed). */
  answered(): void {
    this.#inFlight--;
  }

  /** A task in flight went down with its worker. */
  lost(): void {
    this.#inFlight--;
  }

  /** A lost task is queued again (it had not started: its worker runs tasks in order). */
  requeued(error: Error): void {
    this.#queued++;
    this.#resentAfter = error;
  }

  /** `count` more elements are written. */
  progress(count: number): void {
    if (this.#failure || this.#settled) return;
    this.#done += count;
    // Shares not sent yet have nothing left to claim (the scheduler drops them: the job is over).
    if (this.shared && this.#done === this.total) this.#queued = 0;
    try {
      this.reservation.onProgress?.(this.#done, this.total);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Marks the fill failed: queued tasks are dropped, workers on it stop after their chunk; it settles once they have. */
  fail(reason: unknown): void {
    if (this.#failure || this.#settled) return;
    this.#failure = { reason };
    if (this.shared) Atomics.store(this.shared.control, STOP, 1);
    this.#queued = 0;
    this.settle();
  }

  /** Settles the fill if nothing of it can still run. */
  settle(): void {
    if (this.#settled) return;
    const complete = this.shared !== null && !this.#failure && this.#done === this.total;
    if (!complete && (this.#queued > 0 || this.#inFlight > 0)) return;
    if (!this.#failure && this.#done < this.total) {
      // Every task answered and elements are missing: a stopped worker had claimed a chunk.
      // Fail rather than wait for chunks that nobody will write.
      this.#failure = { reason: this.#resentAfter ?? new Error("nninit pool: a fill ended with elements missing") };
    }
    this.#settled = true;
    this.#stopListening();
    this.#init.settled(this);
    if (this.#failure) {
      this.reservation.cancel();
      this.#init.reject(this.#failure.reason);
    } else {
      this.#init.resolve(this.result!);
    }
  }
}
