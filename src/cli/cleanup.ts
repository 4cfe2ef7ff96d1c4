// What a run must undo if the process ends early: the temporary files it is writing and the
// directories it created. The first interrupt (Ctrl-C, SIGTERM, SIGHUP) aborts the write, whose
// own error path removes them; a second Ctrl-C quits at once, and `exitNow` removes them
// synchronously first. While a finished set of files is being renamed into place (a few
// milliseconds), an exit waits for the renames to end: the old set or the new one, never a mix.

import { rmdirSync, unlinkSync } from "node:fs";

const files = new Set<string>();
const dirs: string[] = [];
let committing = 0;
let pendingExit: number | undefined;

/** A temporary file this run is about to create (registered before it exists). */
export function trackFile(path: string): void {
  files.add(path);
}

/** The file was renamed to its final name or removed: nothing to undo any more. */
export function untrackFile(path: string): void {
  files.delete(path);
}

/** A directory this run created: removed on failure if it is still empty. */
export function trackDir(path: string): void {
  dirs.push(path);
}

export function untrackDirs(): void {
  dirs.length = 0;
}

/** Removes every tracked temporary file and (empty) created directory, synchronously. */
export function removeTracked(): void {
  for (const f of files) {
    try {
      unlinkSync(f);
    } catch {
      // already gone
    }
  }
  files.clear();
  for (const d of dirs.splice(0).reverse()) {
    try {
      rmdirSync(d);
    } catch {
      // not empty (the user's files appeared) or gone: left as it is
    }
  }
}

/** Quits with `code` after removing the temporary files; during a commit, once it has ended. */
export function exitNow(code: number): void {
  if (committing > 0) {
    pendingExit ??= code;
    return;
  }
  removeTracked();
  process.exit(code);
}

/** Runs the renames that publish a finished set; an exit asked for meanwhile waits for them. */
export async function commit(run: () => Promise<void>): Promise<void> {
  committing++;
  try {
    await run();
  } finally {
    committing--;
    if (committing === 0 && pendingExit !== undefined) exitNow(pendingExit);
  }
}
