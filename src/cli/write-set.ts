// Writes a set of files into a directory as one step: every file under a hidden temporary name
// first, then, once all are complete, renamed to their final names and the previous set's other
// files removed. An interrupt or error before that leaves the directory as it was (the temporary
// files removed, a directory this run created removed); the renames themselves (milliseconds)
// finish before an exit (cleanup.ts).

import { mkdir, open, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import { fileHandleSink } from "../io/node.js";
import type { ByteSink } from "../io/write.js";
import { commit, removeTracked, trackDir, trackFile, untrackDirs, untrackFile } from "./cleanup.js";

export interface SetFile {
  /** Base name in the directory. */
  name: string;
  /** Writes the file's bytes to `sink`. */
  produce(sink: ByteSink): Promise<void>;
}

/** The hidden name a file is written under: beside it, unique to this process. */
export function temporaryName(dir: string, name: string): string {
  return join(dir, `.${name}.nninit-${process.pid}.partial`);
}

/**
 * Creates the directories `create` (outermost first), writes `files` into `dir` under temporary
 * names, then renames them into place and removes `replaced` (base names). A --shard run's files
 * (its share of a set) are published together too: a task stopped part way leaves none of them.
 */
export async function writeSet(dir: string, create: readonly string[], files: readonly SetFile[], replaced: readonly string[], signal?: AbortSignal): Promise<void> {
  try {
    for (const d of create) {
      trackDir(d);
      await mkdir(d).catch((e: NodeJS.ErrnoException) => { if (e.code !== "EEXIST") throw e; });
    }
    const done: [string, string][] = [];
    for (const f of files) {
      const temp = temporaryName(dir, f.name);
      trackFile(temp);
      const handle = await open(temp, "w");
      // After an abort the writer returns without waiting for a chunk still on its way to the
      // sink (a stalled sink must not hold the abort up): that write, once it comes, must not
      // touch the closed handle. The file is being discarded; its bytes no longer matter.
      const sink = fileHandleSink(handle);
      let closed = false;
      try {
        await f.produce({ write: (bytes) => (closed ? undefined : sink.write(bytes)) });
      } finally {
        closed = true;
        await handle.close();
      }
      if (signal?.aborted) throw signal.reason;
      done.push([temp, f.name]);
    }
    if (signal?.aborted) throw signal.reason;
    await commit(async () => {
      await publish(done, dir);
      for (const r of replaced) await unlink(join(dir, r)).catch(() => undefined);
    });
    untrackDirs();
  } catch (error) {
    removeTracked();
    throw error;
  }
}

async function publish(pairs: readonly [string, string][], dir: string): Promise<void> {
  for (const [temp, name] of pairs) {
    await rename(temp, join(dir, name));
    untrackFile(temp);
  }
}
