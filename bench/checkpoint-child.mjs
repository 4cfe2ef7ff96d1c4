// One timed write in a fresh process (so that its peak RSS is its own), for bench/checkpoint.mjs:
//   node bench/checkpoint-child.mjs nninit <model> <dtype> <path>   write the checkpoint with nninit
//   node bench/checkpoint-child.mjs raw <bytes> <path>              fs.writeSync the same byte count
// Prints one JSON line: { seconds, bytes, peakRssBytes }.
import { openSync, writeSync, closeSync, readFileSync, rmSync } from "node:fs";
import { randomFillSync } from "node:crypto";

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
