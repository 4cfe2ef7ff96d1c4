// The pool's scheduler: its workers (one slot each: started, restarted after a crash, stopped)
// and the queue of tasks waiting for one. It sends tasks and routes the workers' replies to the
// jobs (./job.ts), which alone count and settle; where values go is the transport's business
// (./shared-memory.ts, ./transfer.ts).

import { spawnWorker, type WorkerHandle } from "./spawn.js";
import type { LoadMessage, TaskMessage, WorkerReply } from "./protocol.js";
import type { Job, Task } from "./job.js";
import { DEPTH } from "./transfer.js";

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
  /** The optional generator kinds whose worker module this slot's worker was sent. */
  loaded: Set<string>;
}

/** Workers in a row that may stop before they are ready before the pool gives up (a crash is retried once). */
const MAX_FAILED_STARTS = 2;

export class Scheduler {
  readonly threads: number;
  readonly #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextId = 1;
  /** Jobs submitted and not yet settled. */
  readonly running = new Set<Job>();
  /** Set once the pool is closed or broken: every later fill rejects with it. */
  #unusable: Error | null = null;
  #closing: Promise<void> | null = null;
  /** Callers of ready() waiting for every worker to say "ready". */
  #readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(threads: number) {
    this.threads = threads;
    for (let index = 0; index < threads; index++) {
      const slot: Slot = { index, handle: null, starting: null, inFlight: [], ready: false, failedStarts: 0, loaded: new Set() };
      this.#slots.push(slot);
      void this.#start(slot);
    }
  }

  /** Why the pool cannot take fills (closed, or its workers cannot start), or null. */
  get unusable(): Error | null {
    return this.#unusable;
  }

  ready(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#readyWaiters.push({ resolve, reject });
      this.#checkReady();
    });
  }

  /** Queues `job`'s tasks, cut by its transport, and sends what workers can take now. */
  submit(job: Job): void {
    this.running.add(job);
    const parts = job.transport.cut(job, this.threads);
    job.queued(parts.length);
    for (const part of parts) this.#queue.push({ ...part, id: this.#nextId++, job, buffer: null });
    this.#pump();
  }

  /** A job settled: forget it. */
  forget(job: Job): void {
    this.running.delete(job);
  }

  close(reason: Error): Promise<void> {
    return (this.#closing ??= this.#shutDown(reason));
  }

  /** For tests: stops worker `index` as a crash would. */
  kill(index: number): void {
    this.#slots[index]?.handle?.kill();
  }

  /** Sends the queued tasks that a worker can take now; the rest wait for a reply or a new worker. */
  #pump(): void {
    if (this.#queue.length === 0) return;
    const waiting: Task[] = [];
    for (const task of this.#queue) {
      if (task.job.over) continue;
      const slot = this.#slotFor(task);
      if (slot) this.#send(slot, task);
      else waiting.push(task);
    }
    this.#queue = waiting.filter((t) => !t.job.over);
  }

  /** The least busy worker that can take `task`: one without a share of the same fill, or with room for a transfer chunk. */
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
    const message: TaskMessage = {
      type: "task", id: task.id, name: job.entry.name, source: job.source, start: task.start, end: task.end, target: job.transport.target(task),
    };
    try {
      this.#load(slot, job);
      slot.handle!.post(message, task.buffer ? [task.buffer] : []);
    } catch (error) {
      // e.g. an option value that cannot be cloned: nothing was sent, nothing was transferred.
      job.fail(error);
      return;
    }
    job.sent();
    slot.inFlight.push(task);
    slot.handle!.setBusy(true);
  }

  /**
   * Sends the worker module of the job's generator kind (an optional module's, ../stream/kinds.ts)
   * before the worker's first task of that kind; the worker runs its messages in order.
   */
  #load(slot: Slot, job: Job): void {
    const { kind } = job.reservation;
    if (!kind.worker || slot.loaded.has(kind.name)) return;
    const message: LoadMessage = { type: "load", name: kind.name, source: kind.worker.source(), data: kind.worker.data?.() };
    slot.handle!.post(message, []);
    slot.loaded.add(kind.name);
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
      slot.inFlight[at].job.progress(reply.count);
      return;
    }
    const [task] = slot.inFlight.splice(at, 1);
    if (slot.inFlight.length === 0 && slot.ready) slot.handle?.setBusy(false);
    const { job } = task;
    job.answered();
    if (reply.type === "failed") job.fail(rebuildError(reply.errorName, reply.message));
    job.transport.answered(task, reply);
    job.settle();
    this.#pump();
  }

  #checkReady(): void {
    if (this.#readyWaiters.length === 0) return;
    if (!this.#unusable && !this.#slots.every((s) => s.handle && s.ready)) return;
    for (const w of this.#readyWaiters.splice(0)) {
      if (this.#unusable) w.reject(this.#unusable);
      else w.resolve();
    }
  }

  #start(slot: Slot): Promise<void> {
    slot.ready = false;
    slot.loaded = new Set(); // a new worker has loaded nothing
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
      job.lost();
      if (i === 0) job.fail(error);
      if (job.over) {
        job.settle();
        return;
      }
      job.requeued(error);
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
    for (const task of this.#queue.splice(0)) task.job.fail(reason);
    await Promise.all(this.#slots.map(async (slot) => {
      await slot.starting;
      const handle = slot.handle;
      slot.handle = null;
      await handle?.terminate();
      // The worker can no longer write: its tasks' fills may settle now.
      for (const task of slot.inFlight.splice(0)) {
        task.job.lost();
        task.job.fail(reason);
        task.job.settle();
      }
    }));
  }
}

/** The worker's error as the same class on this thread (TypeError and RangeError keep their class). */
function rebuildError(name: string, message: string): Error {
  if (name === "TypeError") return new TypeError(message);
  if (name === "RangeError") return new RangeError(message);
  const error = new Error(message);
  if (name && name !== "Error") error.name = name;
  return error;
}
