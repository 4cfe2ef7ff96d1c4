// What runs inside each pool worker: the package's own initializers, called with `range` on a
// generator rebuilt from the caller's state. The build bundles this file (with everything it
// imports: the initializers and the inlined kernels) into a script that the pool starts as a
// Worker, so the workers and the calling thread run the same code, of the same version.

import { activeBuild } from "../runtime.js";
import { entryByName, type Entry } from "./registry.js";
import { fillSegment } from "../stream/reserve.js";
import { installWorkerKind, type WorkerHost } from "../stream/kinds.js";
import { installWorkerEntry } from "../stream/entries.js";
import { NEXT_CHUNK, STOP, type LoadMessage, type PoolMessage, type TaskMessage, type WorkerReply } from "./protocol.js";

/** The worker's side of its channel, adapted by the host (worker_threads parentPort or a Web Worker's self). */
export interface WorkerPort {
  post(message: WorkerReply, transfer: Transferable[]): void;
  listen(handler: (message: PoolMessage) => void): void;
}

/** Worker modules that failed to load here, by kind name: their tasks fail with this error. */
const failedLoads = new Map<string, Error>();

/**
 * Runs a worker module's script (../stream/kinds.ts, WorkerModule) and installs what it gives.
 * The script is evaluated as a global script (indirect eval); where a page's Content-Security-
 * Policy forbids eval, a Web Worker imports it from a blob: URL instead.
 */
function load(message: LoadMessage): void {
  const host: WorkerHost = { installWorkerKind, installWorkerEntry };
  try {
    const install = evaluate(message.source);
    if (typeof install !== "function") throw new TypeError("its source is not a function");
    install(host, message.data);
    failedLoads.delete(message.name);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    failedLoads.set(message.name, new Error(`nninit pool worker: the ${message.name} module could not load (${e.name}: ${e.message})`));
  }
}

/**
 * The value of a JavaScript expression, evaluated in the worker's global scope. The expression is
 * this package's own build output (a generated constant of an optional subpath), sent by the
 * calling thread that started this worker from the same package: no outside text is evaluated.
 */
function evaluate(source: string): unknown {
  // biome-ignore lint/security/noGlobalEval: the package's own generated module (see above); indirect, so global scope.
  const globalEval = eval;
  try {
    return globalEval(source);
  } catch (error) {
    const scope = globalThis as { importScripts?: (url: string) => void; __nninitPoolModule?: unknown };
    if (!(error instanceof EvalError) || typeof scope.importScripts !== "function") throw error;
    const url = URL.createObjectURL(new Blob([`self.__nninitPoolModule = ${source}`], { type: "text/javascript" }));
    try {
      scope.importScripts(url);
      return scope.__nninitPoolModule;
    } finally {
      URL.revokeObjectURL(url);
      delete scope.__nninitPoolModule;
    }
  }
}

/**
 * `length` words of the task's output at `byteOffset` of `buffer`: float32 values, or the bits of
 * a half dtype (the initializer itself converts, given the dtype: same call, same bits).
 */
function wordsOf(task: TaskMessage, buffer: ArrayBufferLike, byteOffset: number, length: number): Float32Array | Uint16Array {
  const dtype = task.source.options.dtype;
  return dtype === undefined || dtype === "float32" ? new Float32Array(buffer, byteOffset, length) : new Uint16Array(buffer, byteOffset, length);
}

/** Bytes per word of the task's output. */
function bytesPerWord(task: TaskMessage): number {
  const dtype = task.source.options.dtype;
  return dtype === undefined || dtype === "float32" ? 4 : 2;
}

/**
 * A shared task: claims chunks until none are left or the pool says stop, reporting each one if
 * the task asks (else counting them). Gives the elements written and not yet reported.
 */
function claimChunks(entry: Entry, task: TaskMessage, port: WorkerPort): number {
  const target = task.target as Extract<TaskMessage["target"], { kind: "shared" }>;
  const { control, chunk } = target;
  const bytes = bytesPerWord(task);
  let unreported = 0;
  while (Atomics.load(control, STOP) === 0) {
    const start = task.start + Atomics.add(control, NEXT_CHUNK, 1) * chunk;
    if (start >= task.end) break;
    const end = Math.min(task.end, start + chunk);
    fillSegment(entry.fn, task.source, start, end, wordsOf(task, target.buffer, target.byteOffset + (start - task.start) * bytes, end - start));
    if (target.report) port.post({ type: "progress", id: task.id, count: end - start }, []);
    else unreported += end - start;
  }
  return unreported;
}

/** Runs one task; the reply carries the lent buffer (or the worker's own result) back. */
function run(task: TaskMessage, port: WorkerPort): { reply: WorkerReply; transfer: Transferable[] } {
  const { target } = task;
  const lent = target.kind === "transfer" ? target.buffer : null;
  try {
    const entry = entryByName(task.name);
    if (!entry) throw new TypeError(`nninit pool worker: unknown initializer ${JSON.stringify(task.name)}`);
    const unloaded = failedLoads.get(task.source.kind);
    if (unloaded) throw unloaded;
    if (target.kind === "shared") {
      const count = claimChunks(entry, task, port);
      return { reply: { type: "done", id: task.id, buffer: null, count }, transfer: [] };
    }
    const got = fillSegment(entry.fn, task.source, task.start, task.end, lent ? wordsOf(task, lent, 0, task.end - task.start) : undefined);
    const buffer = got.buffer as ArrayBuffer;
    return { reply: { type: "done", id: task.id, buffer, count: 0 }, transfer: [buffer] };
  } catch (error) {
    if (target.kind === "shared") Atomics.store(target.control, STOP, 1); // the others stop too
    const e = error instanceof Error ? error : new Error(String(error));
    return { reply: { type: "failed", id: task.id, errorName: e.name, message: e.message, buffer: lent }, transfer: lent ? [lent] : [] };
  }
}

/** Serves tasks on `port` until the worker is terminated; says "ready" once the kernels are compiled. */
export function serve(port: WorkerPort): void {
  port.listen((message) => {
    if (message.type === "load") return load(message);
    const { reply, transfer } = run(message, port);
    port.post(reply, transfer);
  });
  port.post({ type: "ready", build: activeBuild() }, []);
}
