#!/usr/bin/env node
// The executable: wires process streams, Ctrl-C and the exit code to main().
import { main } from "./main.js";

const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  // the first Ctrl-C stops the write at the next chunk and removes the temporary file; a second one quits at once
  if (++interrupts > 1) process.exit(130);
  controller.abort(new Error("interrupted"));
});
process.on("SIGTERM", () => controller.abort(new Error("terminated")));

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, quiet: false, signal: controller.signal })
  .then((code) => { process.exitCode = code; }, (error) => { process.stderr.write(`nninit: ${error?.stack ?? error}\n`); process.exitCode = 1; });
