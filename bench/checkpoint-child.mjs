// One timed write in a fresh process (so that its peak RSS is its own), for bench/checkpoint.mjs:
//   node bench/checkpoint-child.mjs nninit <model> <dtype> <path>   write the checkpoint with nninit
//   node bench/checkpoint-child.mjs raw <bytes> <path>              fs.writeSync the same byte count
//   node bench/checkpoint-child.mjs cli <model> <dtype> <threads> <path>
//                                   run `nninit init` (dist/esm/cli.js) under /usr/bin/time
// Prints one JSON line: { seconds, bytes, peakRssBytes } (cli: seconds as the command reports
// them, from after planning to the last byte, pool start-up included; processSeconds: the whole
// process, Node's start-up included).
import { openSync, writeSync, closeSync, readFileSync, rmSync, statSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [mode, ...args] = process.argv.slice(2);
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;

if (mode === "raw") {
  const [bytesText, path] = args;
  const bytes = Number(bytesText);
  // the disk baseline: a preallocated 64 MiB buffer written again and again, one writeSync each
  const buffer = randomFillSync(Buffer.alloc(64 << 20));
  const t0 = performance.now();
  const fd = openSync(path, "w");
  for (let done = 0; done < bytes;) done += writeSync(fd, buffer, 0, Math.min(buffer.length, bytes - done));
  closeSync(fd);
  const seconds = (performance.now() - t0) / 1000;
  rmSync(path);
  console.log(JSON.stringify({ seconds, bytes, peakRssBytes: peakRss() }));
} else if (mode === "cli") {
  const [model, dtype, threads, path] = args;
  const cli = fileURLToPath(new URL("../dist/esm/cli.js", import.meta.url));
  // GNU time writes "<peak RSS KiB> <wall s>" as the last line of stderr; the command's summary goes to stdout.
  const r = spawnSync("/usr/bin/time", ["-f", "%M %e", process.execPath, cli, "init", model, "--dtype", dtype, "--threads", threads, "-o", path],
    { encoding: "utf8", maxBuffer: 1 << 24 });
  const m = / in ([\d.]+) s \(/.exec(r.stdout);
  const t = /(\d+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m || !t) throw new Error(`nninit init failed or printed something unexpected: ${r.stdout}${r.stderr.slice(-2000)}`);
  const bytes = statSync(path).size;
  rmSync(path);
  console.log(JSON.stringify({ seconds: Number(m[1]), bytes, peakRssBytes: Number(t[1]) * 1024, processSeconds: Number(t[2]) }));
} else {
  const [model, dtype, path] = args;
  const { resolveConfig, buildRecipe, tensorSources, safetensorsLayout } = await import("../dist/esm/checkpoint.js");
  const { writeSafetensorsFile } = await import("../dist/esm/checkpoint/node.js");
  const { ready } = await import("../dist/esm/index.js");
  await ready();
  const recipe = buildRecipe(resolveConfig(model));
  const sources = tensorSources(recipe, 0, dtype);
  const t0 = performance.now();
  const bytes = await writeSafetensorsFile(path, sources, { metadata: { nninit_recipe: recipe.recipe } });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(path);
  console.log(JSON.stringify({ seconds, bytes, peakRssBytes: peakRss(), layoutBytes: safetensorsLayout(sources).totalBytes }));
}
