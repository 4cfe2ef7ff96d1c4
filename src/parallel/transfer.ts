// The transfer transport, where SharedArrayBuffer is not available (pages that are not
// cross-origin isolated) or not wanted: the calling thread hands out chunks; each is filled into
// a buffer lent to the worker, transferred back, copied into the output and lent again. A
// whole-tensor fill is one task whose worker allocates the result, which is then adopted as is.

import { bytesOf } from "../dtype.js";
import type { TaskTarget } from "./protocol.js";
import type { Job, Task, Transport } from "./job.js";

/** Transfer tasks sent to a worker ahead of its replies, so that it never waits for the next message. */
export const DEPTH = 2;

/** A transfer transport for a pool of `threads` workers: it keeps the buffers workers give back, to lend again. */
export function transfer(threads: number): Transport {
  const spares: ArrayBuffer[] = [];
  /** A buffer of at least `bytes`: a returned one when there is one. */
  const spare = (bytes: number): ArrayBuffer => {
    const i = spares.findIndex((b) => b.byteLength >= bytes);
    return i >= 0 ? spares.splice(i, 1)[0] : new ArrayBuffer(bytes);
  };
  return {
    cut(job: Job) {
      const parts = [];
      for (let s = job.start; s < job.start + job.total; s += job.chunk) {
        parts.push({ start: s, end: Math.min(job.start + job.total, s + job.chunk), share: false });
      }
      return parts;
    },

    target(task: Task): TaskTarget {
      if (task.job.entry.kind !== "elementwise") return { kind: "transfer", buffer: null };
      task.buffer = spare((task.end - task.start) * bytesOf(task.job.dtype));
      return { kind: "transfer", buffer: task.buffer };
    },

    answered(task, reply) {
      const { job } = task;
      if (!reply.buffer) return;
      if (reply.type === "done" && !job.over) {
        const n = task.end - task.start;
        const values = job.dtype !== "float32" ? new Uint16Array(reply.buffer, 0, n) : new Float32Array(reply.buffer, 0, n);
        if (job.words) (job.words as Float32Array).set(values as Float32Array, task.start - job.start);
        else job.result = job.words = values; // a whole-tensor result in the worker's own buffer: no copy
        job.progress(n);
      }
      if (task.buffer && spares.length < threads * DEPTH) spares.push(reply.buffer);
    },
  };
}
