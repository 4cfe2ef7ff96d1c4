// Finding and running Debian's torch (python3-torch 1.13.1, python3-torchvision 0.14.1) for the
// live tests. /usr/bin/python3 is the interpreter those packages install into; a python3 earlier
// on PATH may not see them.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PYTHON = "/usr/bin/python3";
export const SCRIPT = fileURLToPath(new URL("../../scripts/torch-models-reference.py", import.meta.url));

/** Whether torch and torchvision import. */
export const hasTorch = spawnSync(PYTHON, ["-c", "import torch, torchvision"], { stdio: "ignore" }).status === 0;

/** Runs the reference script with `args`; returns its standard output. */
export function runScript(args: string[]): string {
  const r = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${SCRIPT} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
