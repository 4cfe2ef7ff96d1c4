// Runs one documentation sample as written, in Node, from the repository: the script file lives
// in test/docs/.run/ (gitignored) inside the package, so `import "nninit"`, "nninit/torch" ...
// resolve to the built dist/ through package.json's exports, as they do for an installed package;
// its working directory is a temporary folder (one per document, shared by its samples in order,
// so a file written by one sample can be read by the next).
//   ts  transformed by esbuild (types stripped, ESM, top-level await allowed), run as .mjs
//   js  run as .mjs (`cjs` flag: .cjs)
//   sh  run by bash -e -o pipefail with `nninit` on PATH (the built bin, dist/esm/cli.js) and
//       `npx nninit ...` running that same bin; any other npx, and npm, fail (no registry access)
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";
import type { Sample } from "./extract.js";
import { SWIFTSHADER_ICD } from "../webgpu/device.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RUN_DIR = join(ROOT, "test/docs/.run");
const BIN_DIR = join(RUN_DIR, "bin");
const GPU_ENV = join(ROOT, "test/docs/gpu-env.mjs");

/** Whether `gpu` samples can run here (Dawn needs the SwiftShader driver, or a VK_ICD_FILENAMES). */
export const gpuAvailable = Boolean(process.env.VK_ICD_FILENAMES) || existsSync(SWIFTSHADER_ICD);

// A sample never reaches the registry: npx runs only nninit, npm nothing (an `npm install` or
// `npm run` sample is repository or registry work: mark it no-run with the reason).
const GUARDS = `npx() {
  if [ "$1" = nninit ]; then shift; nninit "$@"; return; fi
  echo "docs sample: npx $1 is not available to samples (only npx nninit)" >&2; return 127
}
npm() { echo "docs sample: npm $1 cannot run in a sample (mark the block no-run with a reason)" >&2; return 127; }
`;

function prepare(): void {
  mkdirSync(BIN_DIR, { recursive: true });
  const shim = join(BIN_DIR, "nninit");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "dist/esm/cli.js")}" "$@"\n`);
  chmodSync(shim, 0o755);
}

export interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** The script's file name: the sample's place, readable in a stack trace. */
function scriptName(s: Sample, ext: string): string {
  return `${s.file.replace(/[^\w.-]+/g, "_")}-${s.line}${ext}`;
}

/** Runs a sample in `cwd`; its status, and stdout + stderr for the failure message. */
export async function runSample(s: Sample, cwd: string, timeoutMs = 90_000): Promise<Outcome> {
  prepare();
  const env = { ...process.env, PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ""}`, NODE_NO_WARNINGS: "1" };
  let command: string;
  let args: string[];
  if (s.lang === "sh") {
    const script = join(RUN_DIR, scriptName(s, ".sh"));
    writeFileSync(script, `${GUARDS}${s.code}`);
    command = "bash";
    args = ["-e", "-o", "pipefail", script];
  } else {
    const ext = s.flags.has("cjs") ? ".cjs" : ".mjs";
    const code = s.lang === "ts" ? transformSync(s.code, { loader: "ts", format: "esm", target: "es2022", sourcefile: `${s.file}:${s.line}` }).code : s.code;
    const script = join(RUN_DIR, scriptName(s, ext));
    writeFileSync(script, code);
    command = process.execPath;
    args = [...(s.flags.has("gpu") ? ["--import", GPU_ENV] : []), script];
  }
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, killSignal: "SIGKILL" });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { output += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { output += d; });
    child.on("error", (e) => { output += String(e); });
    child.on("close", (status, signal) => resolve({ status, signal, output }));
  });
}

/** The exit status a sample expects: its `exit=N` flag, else 0. */
export function expectedStatus(s: Sample): number {
  const flag = [...s.flags].find((f) => f.startsWith("exit="));
  return flag ? Number(flag.slice(5)) : 0;
}
