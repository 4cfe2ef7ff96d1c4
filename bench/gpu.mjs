// `npm run bench:gpu`, and the GPU rows of `npm run bench` (bench/peers/gpu.mjs runs this file
// with --json in a child process): nninit/webgpu fills on whatever WebGPU adapter Node finds
// (Dawn's `webgpu` package; on a machine without a GPU, SwiftShader from Debian's chromium
// package), beside the same fills on the CPU (one thread). Median of 5 timed runs after one
// warm-up (which compiles the shader); a GPU run is encode + submit + onSubmittedWorkDone. Values
// per second, and the adapter's name: on SwiftShader the GPU rows measure a CPU emulating a GPU.
// Without the package or an adapter it says so in one line (JSON: { ok: false, note }) and exits 0.
//   node bench/gpu.mjs [--n=1048576] [--exact-normal-n=65536] [--json]

import { existsSync } from "node:fs";
import { createGpuInit } from "../dist/esm/webgpu.js";
import { Generator, uniform, normal, truncNormal } from "../dist/esm/index.js";
import { loadAverage } from "./report/machine.mjs";
import { gpuTable } from "./peers/gpu.mjs";

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const N = arg("n", 2 ** 20);
const EXACT_NORMAL_N = arg("exact-normal-n", 2 ** 16);
const JSON_OUT = process.argv.includes("--json");
const ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;

/** Ends the run without GPU rows: one clear line (or JSON for bench/run.mjs). */
function noGpu(note) {
  console.log(JSON_OUT ? JSON.stringify({ ok: false, note }) : `GPU rows skipped: ${note}`);
  process.exit(0);
}

let webgpu;
try {
  webgpu = await import("webgpu");
} catch (error) {
  noGpu(`the npm package webgpu (Dawn's Node bindings, a devDependency) does not load: ${error.message.split("\n")[0]}`);
}
Object.assign(globalThis, webgpu.globals);
const gpu = webgpu.create([]);
globalThis.__nninitKeepGpu = gpu; // Dawn's object must outlive the process's GPU work
const adapter = await gpu.requestAdapter();
if (!adapter) noGpu(`no WebGPU adapter (no GPU driver found${process.env.VK_ICD_FILENAMES ? `; VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}` : `, and no SwiftShader at ${ICD}`})`);
const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
const name = `${adapter.info.vendor} ${adapter.info.architecture}`.trim() || "unnamed adapter";
const software = /swiftshader|llvmpipe|lavapipe/i.test(`${name} ${adapter.info.description ?? ""}`);
const init = createGpuInit(device);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timeGpu(initializer, n, options) {
  const buffer = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE });
  const times = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    await init.fill(initializer, buffer, [n], { ...options, generator: new Generator(1) });
    await device.queue.onSubmittedWorkDone();
    if (i > 0) times.push(performance.now() - t);
  }
  buffer.destroy();
  return n / (median(times) / 1e3);
}

function timeCpu(fn, n, options) {
  const out = new Float32Array(n);
  const times = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    fn([n], { ...options, out, generator: new Generator(1) });
    if (i > 0) times.push(performance.now() - t);
  }
  return n / (median(times) / 1e3);
}

const rows = [];
const load0 = loadAverage();
for (const [fill, fn] of [["uniform", uniform], ["normal", normal], ["truncNormal", truncNormal]]) {
  for (const precision of ["fast", "exact"]) {
    const n = precision === "exact" && fill !== "uniform" ? EXACT_NORMAL_N : N;
    rows.push({ fill, n, where: `GPU ${precision}`, rate: await timeGpu(fill, n, { precision }) });
  }
  rows.push({ fill, n: N, where: "CPU (1 thread)", rate: timeCpu(fn, N, {}) });
}
const load = [load0, loadAverage()];
if (JSON_OUT) {
  console.log(JSON.stringify({ ok: true, adapter: name, software, load, rows }));
} else {
  console.log(`GPU adapter: ${name}${software ? " (a CPU implementation of the GPU: no real GPU measured)" : ""}; load (1 min) ${load[0][0]} -> ${load[1][0]}\n`);
  console.log(gpuTable({ adapter: name, rows }));
}
process.exit(0);
