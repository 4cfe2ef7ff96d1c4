// The messages between a pool and its workers. Everything here is structured-cloneable: the
// initializer travels by name, the generator as its state, the output as a SharedArrayBuffer
// (workers write in place) or an ArrayBuffer lent to the worker and transferred back.

import type { SegmentSource } from "../stream/reserve.js";

/** Indices into a shared task's `control` words. */
export const NEXT_CHUNK = 0;
export const STOP = 1;

/** Where a task's values go. */
export type TaskTarget =
  /**
   * Straight into shared memory, element `start` at `byteOffset` of `buffer`. Every worker given
   * the task claims chunks of `chunk` elements with `Atomics.add(control, NEXT_CHUNK, 1)` until
   * none are left or `control[STOP]` is set, so no message goes through the calling thread
   * between chunks. With `report`, it posts a progress message after each chunk (the caller
   * gave onProgress); without, it only says how many elements it wrote when done (a model's
   * worth of fills would otherwise send hundreds of messages, each waking the calling thread).
   */
  | { kind: "shared"; buffer: SharedArrayBuffer; byteOffset: number; control: Int32Array; chunk: number; report: boolean }
  /** Into this buffer (transferred to the worker and back); null: the worker allocates. */
  | { kind: "transfer"; buffer: ArrayBuffer | null };

/** Pool -> worker: compute elements [start, end) of `name(shape, { ...options, generator })`. */
export interface TaskMessage {
  type: "task";
  id: number;
  name: string;
  /** The reserved segment: shape, the caller's own options, and the generator's kind and state at the call. */
  source: SegmentSource;
  start: number;
  end: number;
  target: TaskTarget;
}

/**
 * Pool -> worker, before the first task whose generator kind comes from an optional module
 * (../stream/kinds.ts, WorkerModule): the module's script and its data, run once per worker.
 */
export interface LoadMessage {
  type: "load";
  name: string;
  source: string;
  data: unknown;
}

/** What a worker is sent. */
export type PoolMessage = TaskMessage | LoadMessage;

/** Worker -> pool, after each chunk of a shared task: `count` more elements are written. */
export interface ProgressMessage {
  type: "progress";
  id: number;
  count: number;
}

/** Worker -> pool: the task is written (into shared memory, or into `buffer`, transferred back). */
export interface DoneMessage {
  type: "done";
  id: number;
  buffer: ArrayBuffer | null;
  /** A shared task without `report`: the elements this worker wrote (not yet counted by progress messages). */
  count: number;
}

/** Worker -> pool: the initializer threw; rethrown on the calling thread with the same class and message. */
export interface FailedMessage {
  type: "failed";
  id: number;
  errorName: string;
  message: string;
  /** The lent buffer, given back. */
  buffer: ArrayBuffer | null;
}

/** Worker -> pool, once, when the worker's code has loaded and its kernels compiled. */
export interface ReadyMessage {
  type: "ready";
  build: string;
}

export type WorkerReply = ProgressMessage | DoneMessage | FailedMessage | ReadyMessage;
