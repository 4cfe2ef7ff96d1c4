// The reference venv's python (torch 2, transformers, jax, flax, keras), named as
// test/python/venv.ts and .ci/run name it: ~/.cache/nninit/venv-<hash of
// .ci/python-requirements.txt>/bin/python, or NNINIT_PYTHON.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REQUIREMENTS = fileURLToPath(new URL("../../.ci/python-requirements.txt", import.meta.url));

/** The venv's python (it may not exist: callers check). */
export function venvPython() {
  if (process.env.NNINIT_PYTHON) return process.env.NNINIT_PYTHON;
  const hash = createHash("sha256").update(readFileSync(REQUIREMENTS)).digest("hex").slice(0, 12);
  return join(homedir(), ".cache", "nninit", `venv-${hash}`, "bin", "python");
}
