// Writes a generated source file whole or not at all (a temporary file renamed over it), so that
// a test run or a second build reading it meanwhile never sees half a file.
import { renameSync, writeFileSync } from "node:fs";

export function writeGenerated(path, text) {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}
