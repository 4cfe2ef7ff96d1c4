// Checkpoint write throughput: the `nninit init` command (generate + convert + write, chunk by
// chunk) with one thread (--threads 1) and with the machine's parallelism (--threads N: the
// calling thread and N - 1 workers fill chunk k+1 while chunk k is written) and with the default
// (no --threads: one thread below init's THREADS_MIN_VALUES, else N) against writing the
// same number of bytes with fs.writeSync from a preallocated buffer, all to /dev/shm (RAM-backed,
// so the writer and not a disk is measured), each in a fresh process whose peak RSS and CPU time
// are reported. nninit's time is the one the command prints (from after planning to the last
// byte: buffers, pool start-up and wasm compiles included); the baseline's covers open, writes and
// close from a buffer of the writer's chunk size that has been written once before (see
// checkpoint-child.mjs for why, and for the first baseline, shown below the table). Medians of
// --runs=N (default 3) alternating runs.
//   node bench/checkpoint.mjs [--runs=3] [--big] [--model=llama-1b] [--fill-only]
//   (--big adds llama-1b in float32: a 4.4 GB file; --model keeps one model's rows; --fill-only
//   runs only the fill rows at the end; bench/fill-half.mjs gives those with CPU time and two builds)
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 3);
const dir = "/dev/shm/nninit-bench";
mkdirSync(dir, { recursive: true });
const onlyModel = process.argv.find((a) => a.startsWith("--model="))?.slice(8);
const cases = process.argv.includes("--fill-only") ? [] : [["gpt2", "bfloat16"], ["llama-1b", "bfloat16"], ...(process.argv.includes("--big") ? [["llama-1b", "float32"]] : [])]
  .filter(([model]) => onlyModel === undefined || model === onlyModel);
const child = (...args) => JSON.parse(execFileSync(process.execPath, [join(here, "checkpoint-child.mjs"), ...args], { encoding: "utf8", maxBuffer: 1 << 20 }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (x) => (x / 1e6).toFixed(0);

const threads = availableParallelism();
const loadBefore = loadavg()[0];
console.log(`checkpoint write, ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${cpus().length} cores, load ${loadBefore.toFixed(1)}, ${runs} runs (median)`);
console.log(`| model | dtype | file | threads | nninit init | CPU | writeSync baseline | baseline CPU | ratio | nninit peak RSS | baseline peak RSS |`);
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const firstBaseline = [];
for (const [model, dtype] of cases) {
  const ours = { 1: [], [threads]: [], default: [] }, raw = [], cold = [];
  for (let r = 0; r < runs; r++) {
    const path = join(dir, `${model}-${dtype}.safetensors`);
    for (const t of Object.keys(ours)) ours[t].push(child("cli", model, dtype, t, path));
    const bytes = String(ours[1][ours[1].length - 1].bytes);
    raw.push(child("raw", bytes, path));
    cold.push(child("raw-cold", bytes, path));
  }
  const b = raw[0].bytes / median(raw.map((o) => o.seconds));
  firstBaseline.push(`${model} ${dtype}: ${mb(cold[0].bytes / median(cold.map((o) => o.seconds)))} MB/s`);
  for (const [t, rows] of Object.entries(ours)) {
    const bytes = rows[0].bytes;
    const a = bytes / median(rows.map((o) => o.seconds));
    console.log(`| ${model} | ${dtype} | ${mb(bytes)} MB | ${t} | ${mb(a)} MB/s | ${median(rows.map((o) => o.cpuSeconds)).toFixed(2)} s | ${mb(b)} MB/s | ` +
      `${median(raw.map((o) => o.cpuSeconds)).toFixed(2)} s | ${(a / b).toFixed(2)}x | ${mb(Math.max(...rows.map((o) => o.peakRssBytes)))} MB | ${mb(Math.max(...raw.map((o) => o.peakRssBytes)))} MB |`);
  }
}
console.log(`CPU: nninit's whole process (Node's start-up included), the baseline's timed part.`);
console.log(`The first baseline (a fresh 64 MiB buffer, first written inside the clock): ${firstBaseline.join(", ")}.`);
console.log(`load ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} at the end`);
rmSync(dir, { recursive: true, force: true });

// Fill speed by dtype: the half dtypes add the conversion kernel on the window but copy out half
// the bytes, so they must not be slower than float32 (issue 12).
const nninit = await import("../dist/esm/index.js");
await nninit.ready();
const N = 1 << 24;
const outs = { float32: new Float32Array(N), float16: new Uint16Array(N), bfloat16: new Uint16Array(N) };
console.log(`\nfill of ${N} elements into a preallocated array, median of 9 (M elements/s; ratio to float32)`);
console.log("| initializer | float32 | float16 | bfloat16 |");
console.log("|---|---:|---:|---:|");
for (const fn of ["uniform", "normal", "truncNormal"]) {
  const times = { float32: [], float16: [], bfloat16: [] };
  const g = new nninit.Generator(1);
  for (let r = 0; r < 9; r++) {
    for (const dtype of Object.keys(times)) {
      const t = performance.now();
      nninit[fn](N, { generator: g, dtype, out: outs[dtype] });
      times[dtype].push(performance.now() - t);
    }
  }
  const rate = (d) => N / median(times[d]) / 1e3;
  console.log(`| ${fn} | ${rate("float32").toFixed(0)} | ${rate("float16").toFixed(0)} (${(rate("float16") / rate("float32")).toFixed(2)}x) | ${rate("bfloat16").toFixed(0)} (${(rate("bfloat16") / rate("float32")).toFixed(2)}x) |`);
}
