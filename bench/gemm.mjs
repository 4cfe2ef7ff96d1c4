// The probe's matrix product (build/gemm.*.wasm, assembly/gemm.ts) against plain-JS triple loops,
// square n x n x n, timed by benchmark.js; medians, GFLOP/s = 2 n^3 / median, and each candidate's
// ratio to the plain-JS i-j-p loop (the "plain-JS triple loop" of issue 13) of the same size.
//
// Run after `npm run build`: node bench/gemm.mjs [--sizes 128,256,512]. Prints a markdown table.
import Benchmark from "benchmark";
import { readFileSync } from "node:fs";
import { median } from "./stats.mjs";

const arg = process.argv.indexOf("--sizes");
const SIZES = arg > 0 ? process.argv[arg + 1].split(",").map(Number) : [128, 256, 512];

function wasmGemm(build) {
  const bytes = readFileSync(new URL(`../build/gemm.${build}.wasm`, import.meta.url));
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  return (n) => {
    const base = exports.heap_base(), bytes4 = n * n * 4;
    const need = base + 3 * bytes4 + 64;
    if (exports.memory.buffer.byteLength < need) exports.memory.grow(Math.ceil((need - exports.memory.buffer.byteLength) / 65536));
    const a = base, b = a + bytes4, c = b + bytes4;
    fillRandom(new Float32Array(exports.memory.buffer, a, n * n));
    fillRandom(new Float32Array(exports.memory.buffer, b, n * n));
    return { run: () => exports.gemm(a, b, c, n, n, n, n, n, n), out: () => new Float32Array(exports.memory.buffer, c, n * n) };
  };
}

/** The loop anyone writes first: for i, for j, dot product over p (B read down a column). */
function jsIJP(n) {
  const a = fillRandom(new Float32Array(n * n)), b = fillRandom(new Float32Array(n * n)), c = new Float32Array(n * n);
  return {
    run() {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += a[i * n + p] * b[p * n + j];
        c[i * n + j] = s;
      }
    },
    out: () => c,
  };
}

/** The cache-friendly plain-JS order: for i, for p, c[i, :] += a[i, p] b[p, :]. */
function jsIPJ(n) {
  const a = fillRandom(new Float32Array(n * n)), b = fillRandom(new Float32Array(n * n)), c = new Float32Array(n * n);
  return {
    run() {
      c.fill(0);
      for (let i = 0; i < n; i++) for (let p = 0; p < n; p++) {
        const s = a[i * n + p], ci = i * n, bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j] += s * b[bp + j];
      }
    },
    out: () => c,
  };
}

let state = 12345;
function fillRandom(x) {
  for (let i = 0; i < x.length; i++) { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; x[i] = state / 2 ** 32 - 0.5; }
  return x;
}

const candidates = [
  ["nninit gemm, wasm SIMD", wasmGemm("simd")],
  ["nninit gemm, wasm scalar", wasmGemm("scalar")],
  ["plain JS, i-j-p loop", jsIJP],
  ["plain JS, i-p-j loop", jsIPJ],
];

const rows = [];
for (const n of SIZES) {
  const medians = [];
  for (const [label, make] of candidates) {
    const job = make(n);
    // Warm up (the JIT's tiers for the JS loops) outside the timed samples.
    for (let w = 0; w < 3; w++) job.run();
    const bench = new Benchmark(label, job.run, { minSamples: 5, maxTime: 2, initCount: 1 });
    bench.run();
    const t = median(bench.stats.sample);
    medians.push(t);
    rows.push({ n, label, t, gflops: (2 * n ** 3) / t / 1e9, samples: bench.stats.sample.length });
  }
  const base = medians[2];
  for (const r of rows.slice(-candidates.length)) r.ratio = base / r.t;
}
console.log("| n | candidate | median | GFLOP/s | × plain JS i-j-p | samples |\n|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.n} | ${r.label} | ${(r.t * 1e3).toFixed(2)} ms | ${r.gflops.toFixed(2)} | ${r.ratio.toFixed(1)} | ${r.samples} |`);
}
