// The shared-memory transport: workers write straight into the output (a SharedArrayBuffer), and
// every worker given a fill claims its next chunk with an atomic counter (protocol.ts), so nothing
// waits for the calling thread between chunks: a busy page or event loop does not slow the workers.
// The calling thread can claim chunks the same way (`pool.help()`).

import { NEXT_CHUNK, STOP, type TaskTarget } from "./protocol.js";
import type { Job, Task, Transport } from "./job.js";

export const SHARED_MEMORY: Transport = {
  /** One share per worker that has a chunk to take; each share goes to a different worker. */
  cut(job: Job, threads: number) {
    const shares = Math.min(threads, Math.ceil(job.total / job.chunk));
    return Array.from({ length: shares }, () => ({ start: job.start, end: job.start + job.total, share: true }));
  },

  target(task: Task): TaskTarget {
    const { job } = task;
    const shared = job.shared!;
    return { kind: "shared", buffer: shared.buffer, byteOffset: shared.byteOffset, control: shared.control, chunk: job.chunk, report: job.reports };
  },

  /** Without `report`, a worker counts what it wrote in its reply. */
  answered(task, reply) {
    if (reply.type === "done" && reply.count > 0) task.job.progress(reply.count);
  },
};

/**
 * The calling thread claims and fills chunks of `job` (with the workers' own counter, so each
 * chunk is written once, by whoever claims it first) until none is left. Returns the elements it wrote.
 */
export function claimChunks(job: Job): number {
  const { control } = job.shared!;
  let wrote = 0;
  while (!job.over && Atomics.load(control, STOP) === 0) {
    const start = job.start + Atomics.add(control, NEXT_CHUNK, 1) * job.chunk;
    const end = Math.min(job.start + job.total, start + job.chunk);
    if (start >= end) break;
    try {
      job.reservation.fill(start, end, job.words!.subarray(start - job.start, end - job.start));
    } catch (error) {
      job.fail(error);
      break;
    }
    wrote += end - start;
    job.progress(end - start);
    job.settle();
  }
  return wrote;
}
