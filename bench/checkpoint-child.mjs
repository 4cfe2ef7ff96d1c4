// One timed write in a fresh process (so that its peak RSS is its own), for bench/checkpoint.mjs:
//   node bench/checkpoint-child.mjs raw <bytes> <path>    the baseline: fs.writeSync of the same byte
//       count from a preallocated buffer of the writer's chunk size (DEFAULT_CHUNK_BYTES), already
//       used once for a write before the clock starts; the clock covers open, the writes and close
//   node bench/checkpoint-child.mjs raw-cold <bytes> <path>    the baseline as first measured: a
//       64 MiB buffer filled before the clock starts but first handed to the kernel inside it
//   node bench/checkpoint-child.mjs cli <model> <dtype> <threads|default> <path>
//       run `nninit init` (dist/esm/cli.js) under /usr/bin/time
//   node bench/checkpoint-child.mjs nninit <model> <dtype> <path>    writeSafetensorsFile, in process
// Prints one JSON line: { seconds, bytes, peakRssBytes, cpuSeconds } (cli: seconds as the command
// reports them, from after planning to the last byte, pool start-up included; cpuSeconds and
// processSeconds: the whole process, Node's start-up included; raw: cpuSeconds of the timed part).
//
// Why the baseline warms its buffer: on the benchmark's VM, memory touched for the first time
// costs ~5 ms per MiB (a page fault per 4 KiB, served by the host), and the kernel's first read of
// a user buffer for a write costs ~3.5 ms per MiB again; later writes of the same buffer run at
// 3-5 GB/s. The first baseline handed a fresh 64 MiB buffer to the kernel inside its clock: a fixed
// ~0.2 s that a 249 MB file (GPT-2) cannot amortize (1.2 GB/s) and a 2.2 GB file (llama-1b) can
// (3.8 GB/s). "From a preallocated buffer" means that buffer is ready: its first use is not part
// of writing the file. nninit's own buffers are allocated and first used inside its clock.
import { openSync, writeSync, closeSync, readFileSync, rmSync, statSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [mode, ...args] = process.argv.slice(2);
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
const cpuSeconds = () => { const r = process.resourceUsage(); return (r.userCPUTime + r.systemCPUTime) / 1e6; };

/** Writes `bytes` bytes to a new file at `path` from `buffer`, one writeSync per buffer length. */
function writeFrom(buffer, bytes, path) {
  const fd = openSync(path, "w");
  for (let done = 0; done < bytes;) done += writeSync(fd, buffer, 0, Math.min(buffer.length, bytes - done));
  closeSync(fd);
}

if (mode === "raw" || mode === "raw-cold") {
  const [bytesText, path] = args;
  const bytes = Number(bytesText);
  let buffer;
  if (mode === "raw") {
    const { DEFAULT_CHUNK_BYTES } = await import("../dist/esm/checkpoint.js");
    buffer = randomFillSync(Buffer.alloc(DEFAULT_CHUNK_BYTES));
    writeFrom(buffer, buffer.length, `${path}.warm`); // the buffer's first write, before the clock
    rmSync(`${path}.warm`);
  } else {
    buffer = randomFillSync(Buffer.alloc(64 << 20));
  }
  const c0 = cpuSeconds(), t0 = performance.now();
  writeFrom(buffer, bytes, path);
  const seconds = (performance.now() - t0) / 1000, cpu = cpuSeconds() - c0;
  rmSync(path);
  console.log(JSON.stringify({ seconds, bytes, peakRssBytes: peakRss(), cpuSeconds: cpu }));
} else if (mode === "cli") {
  const [model, dtype, threads, path] = args;
  const cli = fileURLToPath(new URL("../dist/esm/cli.js", import.meta.url));
  // GNU time writes "<peak RSS KiB> <wall s> <user s> <sys s>" as the last line of stderr; the command's summary goes to stdout.
  const r = spawnSync("/usr/bin/time", ["-f", "%M %e %U %S", process.execPath, cli, "init", model, "--dtype", dtype, ...(threads === "default" ? [] : ["--threads", threads]), "-o", path],
    { encoding: "utf8", maxBuffer: 1 << 24 });
  const m = / in ([\d.]+) s \(/.exec(r.stdout);
  const t = /(\d+) ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m || !t) throw new Error(`nninit init failed or printed something unexpected: ${r.stdout}${r.stderr.slice(-2000)}`);
  const bytes = statSync(path).size;
  rmSync(path);
  console.log(JSON.stringify({ seconds: Number(m[1]), bytes, peakRssBytes: Number(t[1]) * 1024, processSeconds: Number(t[2]), cpuSeconds: Number(t[3]) + Number(t[4]) }));
} else {
  const [model, dtype, path] = args;
  const { resolveConfig, buildRecipe, tensorSources, safetensorsLayout } = await import("../dist/esm/checkpoint.js");
  const { writeSafetensorsFile } = await import("../dist/esm/checkpoint/node.js");
  const { ready } = await import("../dist/esm/index.js");
  await ready();
  const recipe = buildRecipe(resolveConfig(model));
  const sources = tensorSources(recipe, 0, dtype);
  const c0 = cpuSeconds(), t0 = performance.now();
  const bytes = await writeSafetensorsFile(path, sources, { metadata: { nninit_recipe: recipe.recipe } });
  const seconds = (performance.now() - t0) / 1000, cpu = cpuSeconds() - c0;
  rmSync(path);
  console.log(JSON.stringify({ seconds, bytes, peakRssBytes: peakRss(), cpuSeconds: cpu, layoutBytes: safetensorsLayout(sources).totalBytes }));
}
