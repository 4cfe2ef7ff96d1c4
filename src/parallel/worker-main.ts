// What runs inside each pool worker: the package's own initializers, called with `range` on a
// generator rebuilt from the caller's state. The build bundles this file (with everything it
// imports: the initializers and the inlined kernels) into a script that the pool starts as a
// Worker, so the workers and the calling thread run the same code, of the same version.

import { Generator } from "../random/generator.js";
import { activeBuild } from "../runtime.js";
import { entryByName } from "./registry.js";
import type { TaskMessage, WorkerReply } from "./protocol.js";

/** The worker's side of its channel, adapted by the host (worker_threads parentPort or a Web Worker's self). */
export interface WorkerPort {
  post(message: WorkerReply, transfer: Transferable[]): void;
  listen(handler: (message: TaskMessage) => void): void;
}

/** Runs one task; the reply carries the lent buffer (or the worker's own result) back. */
function run(task: TaskMessage): { reply: WorkerReply; transfer: Transferable[] } {
  const { target } = task;
  const lent = target.kind === "transfer" ? target.buffer : null;
  try {
    const entry = entryByName(task.name);
    if (!entry) throw new TypeError(`nninit pool worker: unknown initializer ${JSON.stringify(task.name)}`);
    const generator = new Generator(task.seed).setState({ seed: task.seed, position: task.position });
    const n = task.end - task.start;
    const out = target.kind === "shared" ? new Float32Array(target.buffer, target.byteOffset, n)
      : lent ? new Float32Array(lent, 0, n) : undefined;
    const got = entry.fn(task.shape, { ...task.options, generator, range: [task.start, task.end], out });
    if (target.kind === "shared") return { reply: { type: "done", id: task.id, buffer: null }, transfer: [] };
    const buffer = got.buffer as ArrayBuffer;
    return { reply: { type: "done", id: task.id, buffer }, transfer: [buffer] };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { reply: { type: "failed", id: task.id, errorName: e.name, message: e.message, buffer: lent }, transfer: lent ? [lent] : [] };
  }
}

/** Serves tasks on `port` until the worker is terminated; says "ready" once the kernels are compiled. */
export function serve(port: WorkerPort): void {
  port.listen((task) => {
    const { reply, transfer } = run(task);
    port.post(reply, transfer);
  });
  port.post({ type: "ready", build: activeBuild() }, []);
}
