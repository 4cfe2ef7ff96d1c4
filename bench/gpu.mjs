// `npm run bench:gpu`: nninit/webgpu fills on whatever WebGPU adapter Node finds (Dawn's `webgpu`
// package; on a machine without a GPU, SwiftShader from Debian's chromium package), beside the same
// fills on the CPU (one thread). Median of 5 timed runs after one warm-up (which compiles the
// shader); a GPU run is encode + submit + onSubmittedWorkDone. Values per second, and the adapter's
// name: on SwiftShader the GPU rows measure a CPU emulating a GPU, not a GPU.
//   node bench/gpu.mjs [--n=1048576] [--exact-normal-n=65536]

import { existsSync } from "node:fs";
import { createGpuInit } from "../dist/esm/webgpu.js";
import { Generator, uniform, normal, truncNormal } from "../dist/esm/index.js";
import { loadAverage } from "./report/machine.mjs";

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const N = arg("n", 2 ** 20);
const EXACT_NORMAL_N = arg("exact-normal-n", 2 ** 16);
const ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";
if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;

const webgpu = await import("webgpu");
Object.assign(globalThis, webgpu.globals);
const gpu = webgpu.create([]);
globalThis.__nninitKeepGpu = gpu; // Dawn's object must outlive the process's GPU work
const adapter = await gpu.requestAdapter();
if (!adapter) { console.error("no WebGPU adapter"); process.exit(1); }
const device = await adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize } });
const name = `${adapter.info.vendor} ${adapter.info.architecture}`.trim();
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
for (const [label, fn, options] of [["uniform", uniform, {}], ["normal", normal, {}], ["truncNormal", truncNormal, {}]]) {
  for (const precision of ["fast", "exact"]) {
    const n = precision === "exact" && label !== "uniform" ? EXACT_NORMAL_N : N;
    rows.push([label, n, `GPU ${precision}`, await timeGpu(label, n, { ...options, precision })]);
  }
  rows.push([label, N, "CPU (1 thread)", timeCpu(fn, N, options)]);
}
const g = (x) => (x / 1e9).toPrecision(3);
console.log(`GPU adapter: ${name} (no real GPU measured); load ${load0} -> ${loadAverage()}\n`);
console.log("| fill | elements | where | G values/s |\n|---|---:|---|---:|");
for (const [label, n, where, rate] of rows) console.log(`| ${label} | ${n} | ${where === "CPU (1 thread)" ? where : `${where}, ${name}`} | ${g(rate)} |`);
process.exit(0);
