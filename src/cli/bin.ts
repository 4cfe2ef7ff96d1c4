#!/usr/bin/env node
// The executable: wires process streams, signals and the exit code to main().
// SIGINT, SIGTERM and SIGHUP abort the run (it stops at the next chunk, removes its temporary
// files and exits 128 + the signal's number: 130, 143, 129); a second one quits at once, after
// removing the temporary files synchronously (cleanup.ts).
import { main } from "./main.js";
import { exitNow, removeTracked } from "./cleanup.js";
import { Interrupted } from "./context.js";

const controller = new AbortController();
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
for (const [name, number] of Object.entries(SIGNALS)) {
  process.on(name, () => {
    if (controller.signal.aborted) {
      process.stderr.write(`\nnninit: ${name} again: quitting now; temporary files removed\n`);
      exitNow(128 + number);
    } else {
      process.stderr.write(`\nnninit: ${name}: stopping after the current chunk (again to quit at once)\n`);
      controller.abort(new Interrupted(name, 128 + number));
    }
  });
}
// The reader of our output went away (`nninit inspect DIR | head`): stop as a C tool's SIGPIPE
// would, quietly, with 128 + 13, after removing the temporary files, instead of an unhandled
// EPIPE error with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    exitNow(141);
  });
}
// Whatever else ends the process (an uncaught error): the temporary files go too.
process.on("exit", removeTracked);

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, quiet: false, signal: controller.signal })
  .then((code) => { process.exitCode = code; }, (error) => { process.stderr.write(`nninit: ${error?.stack ?? error}\n`); process.exitCode = 1; });
