// The GPU rows of `npm run bench`: bench/gpu.mjs in a child process (after the CPU rows, never
// at the same time: SwiftShader runs on the same cores), its JSON parsed. Without the webgpu
// package or an adapter the child says why, and the run goes on with that note instead of rows.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../gpu.mjs", import.meta.url));

/** Runs bench/gpu.mjs --json; returns { ok: true, adapter, software, load, rows } or { ok: false, note }. */
export function runGpu({ quick }) {
  const sizes = quick ? ["--n=65536", "--exact-normal-n=4096"] : ["--n=1048576", "--exact-normal-n=65536"];
  const child = spawnSync(process.execPath, [SCRIPT, "--json", ...sizes], { encoding: "utf8", timeout: 1_200_000, maxBuffer: 16 << 20 });
  if (child.error) return { ok: false, note: `GPU rows skipped: bench/gpu.mjs did not run (${child.error.code ?? child.error.message})` };
  const line = child.stdout.trim().split("\n").pop() ?? "";
  try {
    const report = JSON.parse(line);
    return report.ok ? report : { ok: false, note: `GPU rows skipped: ${report.note}` };
  } catch {
    return { ok: false, note: `GPU rows skipped: bench/gpu.mjs failed (exit ${child.status}): ${child.stderr.trim().split("\n").pop() ?? ""}` };
  }
}

/** The rows as a markdown table: G values/s, each GPU row with the adapter's name. */
export function gpuTable({ adapter, rows }) {
  const g = (x) => (x / 1e9).toPrecision(3);
  return [
    "| fill | elements | where | G values/s |",
    "|---|---:|---|---:|",
    ...rows.map((r) => `| ${r.fill} | ${r.n} | ${r.where.startsWith("CPU") ? r.where : `${r.where}, ${adapter}`} | ${g(r.rate)} |`),
  ].join("\n");
}

/** The GPU section of the results page. */
export function gpuSection(gpu) {
  if (!gpu) return "";
  if (!gpu.ok) return `## On the GPU\n\n${gpu.note}`;
  const what = gpu.software
    ? `a CPU implementation of WebGPU (these rows measure emulation on the CPU, not a GPU; no real GPU has been measured)`
    : "a GPU";
  return [
    "## On the GPU",
    `nninit/webgpu fills (\`npm run bench:gpu\`) on the adapter ${gpu.adapter}, ${what}, beside the same fills on the CPU, one thread. ` +
      `Median of 5 runs after a warm-up; a GPU run is encode + submit + onSubmittedWorkDone. Load average (1 min) ${gpu.load[0][0]} before and ${gpu.load[1][0]} after.`,
    gpuTable(gpu),
  ].join("\n\n");
}
