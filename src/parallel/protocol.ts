// The messages between a pool and its workers. Everything here is structured-cloneable: the
// initializer travels by name, the generator as its state, the output as a SharedArrayBuffer
// (workers write in place) or an ArrayBuffer lent to the worker and transferred back.

/** Where a task's values go. */
export type TaskTarget =
  /** Straight into shared memory: `length` floats at `byteOffset` of `buffer`. */
  | { kind: "shared"; buffer: SharedArrayBuffer; byteOffset: number }
  /** Into this buffer (transferred to the worker and back); null: the worker allocates. */
  | { kind: "transfer"; buffer: ArrayBuffer | null };

/** Pool -> worker: compute elements [start, end) of `name(shape, { ...options, generator })`. */
export interface TaskMessage {
  type: "task";
  id: number;
  name: string;
  shape: unknown;
  /** The caller's own options, without generator, out, range and the pool's own options. */
  options: Record<string, unknown>;
  seed: bigint;
  /** The generator's position when the fill was called (the tensor's element 0 is drawn there). */
  position: number;
  start: number;
  end: number;
  target: TaskTarget;
}

/** Worker -> pool: the task is written (into shared memory, or into `buffer`, transferred back). */
export interface DoneMessage {
  type: "done";
  id: number;
  buffer: ArrayBuffer | null;
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

export type WorkerReply = DoneMessage | FailedMessage | ReadyMessage;
