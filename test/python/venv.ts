// The reference Python frameworks for the live tests: a venv built from .ci/python-requirements.txt
// (torch 2.x, transformers, safetensors, jax, flax, keras). .ci/run creates it under
// ~/.cache/nninit/venv-<first 12 hex digits of the file's sha256>, outside the clone, so a clean
// clone reuses it; NNINIT_PYTHON overrides the interpreter. A second venv, from
// .ci/python-requirements-transformers4.txt (transformers 4.57 on the same torch), is found the
// same way (NNINIT_PYTHON_TRANSFORMERS4 overrides it). Debian's torch 1.13 is separate
// (/usr/bin/python3, test/torch-models/torch-python.ts).

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const requirements = (name: string) => fileURLToPath(new URL(`../../.ci/${name}`, import.meta.url));
const REQUIREMENTS = requirements("python-requirements.txt");
const REQUIREMENTS_TRANSFORMERS4 = requirements("python-requirements-transformers4.txt");

/** The venv's directory for a requirements file (whether or not it exists). */
function venvOf(file: string): string {
  const hash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12);
  return join(homedir(), ".cache", "nninit", `venv-${hash}`);
}

/** The venv's directory for the current requirements file (whether or not it exists). */
export function venvDir(): string {
  return venvOf(REQUIREMENTS);
}

/** `given` (an environment override), else the venv's python when it exists, else null. */
function interpreter(given: string | undefined, file: string): string | null {
  if (given) return given;
  const python = join(venvOf(file), "bin", "python");
  return existsSync(python) ? python : null;
}

/** The reference interpreter, or null when there is none on this machine. */
export const REF_PYTHON: string | null = interpreter(process.env.NNINIT_PYTHON, REQUIREMENTS);

/** The transformers 4.57 interpreter (torch 2.13, transformers 4.57.6), or null when there is none. */
export function transformers4Python(): string | null {
  return interpreter(process.env.NNINIT_PYTHON_TRANSFORMERS4, REQUIREMENTS_TRANSFORMERS4);
}

const importable = new Map<string, boolean>();

/** Whether the reference interpreter imports every one of `modules` (cached per set). */
export function hasModules(...modules: string[]): boolean {
  if (REF_PYTHON === null) return false;
  const key = modules.join(",");
  let ok = importable.get(key);
  if (ok === undefined) {
    const env = { ...process.env, JAX_PLATFORMS: "cpu", KERAS_BACKEND: "jax" };
    ok = spawnSync(REF_PYTHON, ["-c", `import ${key}`], { stdio: "ignore", env }).status === 0;
    importable.set(key, ok);
  }
  return ok;
}

/** Runs `python script args` with the reference interpreter (JAX on CPU, Keras on JAX); stdout. */
export function runReference(script: string, args: string[], input?: string): string {
  if (REF_PYTHON === null) throw new Error("no reference Python venv (run .ci/run, or set NNINIT_PYTHON)");
  return runPython(REF_PYTHON, script, args, input);
}

/** Runs `python script args` with a given interpreter, one thread; stdout. */
export function runPython(python: string, script: string, args: string[], input?: string): string {
  const env = { ...process.env, JAX_PLATFORMS: "cpu", KERAS_BACKEND: "jax", OMP_NUM_THREADS: "1" };
  const r = spawnSync(python, [script, ...args], { encoding: "utf8", maxBuffer: 1 << 30, env, input });
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
