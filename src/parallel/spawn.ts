// Starting pool workers without anything for the user to configure or serve: the worker script
// is a string inside this package (src/parallel/worker-source.generated.ts, bundled from
// worker-main.ts by the build), started from a blob: URL in browsers and with `eval` by Node's
// worker_threads. Bundlers (Vite, webpack, esbuild, Rollup) see no worker file, no `new URL(...,
// import.meta.url)` and no import of a Node built-in, so there is nothing for them to rewrite.

import type { PoolMessage, WorkerReply } from "./protocol.js";
import { POOL_WORKER_SOURCE } from "./worker-source.generated.js";

/** One running worker, whatever the platform. */
export interface WorkerHandle {
  post(message: PoolMessage, transfer: Transferable[]): void;
  /** Node: let the process exit while this worker is idle (no-op in browsers). */
  setBusy(busy: boolean): void;
  /** Stops the thread; resolves once it can no longer write anything. Reports nothing. */
  terminate(): Promise<void>;
  /** For tests: stops the thread as a crash would, so that the stop is reported like one. */
  kill(): void;
}

/** What a handle reports: every message, and (once) the reason it stopped. */
export interface WorkerEvents {
  message(reply: WorkerReply): void;
  stopped(reason: string): void;
}

type NodeWorker = import("node:worker_threads").Worker;
type WorkerThreads = typeof import("node:worker_threads");
type NodeOs = typeof import("node:os");

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return typeof p?.versions?.node === "string" ? p : undefined;
}

/** Whether workers are Node's worker_threads (else Web Workers). */
export function isNode(): boolean {
  return nodeProcess() !== undefined && typeof (globalThis as { Worker?: unknown }).Worker !== "function";
}

/**
 * A Node built-in without a static import (which browser bundlers would try to resolve):
 * `process.getBuiltinModule` (Node >= 20.16), else a dynamic import hidden from bundlers.
 */
async function builtin<T>(id: string): Promise<T> {
  const got = nodeProcess()?.getBuiltinModule?.(id);
  if (got) return got as T;
  const specifier = id;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}

/**
 * The machine's parallelism: `navigator.hardwareConcurrency` in browsers, `os.availableParallelism()`
 * in Node (through `process.getBuiltinModule`, Node >= 20.16; older Node gets 4).
 */
export function machineThreads(): number {
  if (isNode()) {
    const os = nodeProcess()?.getBuiltinModule?.("node:os") as NodeOs | undefined;
    if (os) return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  }
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === "number" && n >= 1 ? n : 4;
}

/** Whether workers can share memory with this thread (Node always; pages only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer !== "function") return false;
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

// The last lines of the worker script: hand `serve` the platform's channel.
// Node evaluates the script as CommonJS, or as ESM when the process runs with --input-type=module.
const NODE_PORT = `
const serveOn = ({ parentPort }) =>
  __nninitPoolWorker.serve({ post: (m, t) => parentPort.postMessage(m, t), listen: (f) => parentPort.on("message", f) });
if (typeof require === "function") serveOn(require("node:worker_threads"));
else if (typeof process.getBuiltinModule === "function") serveOn(process.getBuiltinModule("node:worker_threads"));
else import("node:worker_threads").then(serveOn);`;
const WEB_PORT = `
__nninitPoolWorker.serve({ post: (m, t) => self.postMessage(m, t), listen: (f) => { self.onmessage = (e) => f(e.data); } });`;

let workerThreads: Promise<WorkerThreads> | undefined;

async function spawnNode(name: string, events: WorkerEvents): Promise<WorkerHandle> {
  const { Worker } = await (workerThreads ??= builtin<WorkerThreads>("node:worker_threads"));
  const worker: NodeWorker = new Worker(POOL_WORKER_SOURCE + NODE_PORT, { eval: true, name });
  let stopped = false;
  const stop = (reason: string) => {
    if (!stopped) { stopped = true; events.stopped(reason); }
  };
  worker.on("message", (reply: WorkerReply) => events.message(reply));
  worker.on("error", (error: Error) => stop(`it threw ${error.name}: ${error.message}`));
  worker.on("messageerror", (error: Error) => stop(`a message could not be read: ${error.message}`));
  worker.on("exit", (code: number) => stop(`it exited with code ${code}`));
  worker.unref();
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as never),
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: async () => {
      stopped = true;
      await worker.terminate();
    },
    kill: () => void worker.terminate(), // reported by the "exit" event, as a crash is
  };
}

let blobUrl: string | undefined;

function spawnWeb(name: string, events: WorkerEvents): WorkerHandle {
  // One blob: URL per page, kept: Workers load it asynchronously, so it cannot be revoked early.
  blobUrl ??= URL.createObjectURL(new Blob([POOL_WORKER_SOURCE + WEB_PORT], { type: "text/javascript" }));
  let worker: Worker;
  try {
    worker = new Worker(blobUrl, { name });
  } catch (error) {
    throw new Error(`nninit pool: could not start a Worker from a blob: URL (${(error as Error).message}); ` +
      `a Content-Security-Policy must allow worker-src blob: for the pool`);
  }
  let stopped = false;
  const stop = (reason: string) => {
    if (!stopped) { stopped = true; events.stopped(reason); }
  };
  worker.onmessage = (e: MessageEvent<WorkerReply>) => events.message(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    // A message means the script threw; none means the browser refused or lost the worker.
    stop(e.message ? `it threw: ${e.message}` : "the browser refused or lost it: a Content-Security-Policy without worker-src blob:, or out of memory");
  };
  worker.onmessageerror = () => stop("a message could not be read");
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    setBusy: () => {},
    terminate: async () => {
      stopped = true;
      worker.terminate();
    },
    kill: () => {
      worker.terminate(); // browsers report no event for this: say it here
      stop("it was terminated");
    },
  };
}

/** Starts one worker running the package's own code. */
export async function spawnWorker(name: string, events: WorkerEvents): Promise<WorkerHandle> {
  return isNode() ? spawnNode(name, events) : spawnWeb(name, events);
}
