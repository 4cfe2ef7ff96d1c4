// npm start: initialize every weight of GPT-2 small with nninit, then print per-tensor statistics
// (measured outside the timed region) and the throughput.
import { Generator, normal, ones, zeros, activeBuild } from "../dist/esm/index.js";
import { gpt2SmallTensors } from "./gpt2-small.mjs";

const fill = { normal: (shape, t, generator) => normal(shape, { std: t.std, generator }), ones: (shape) => ones(shape), zeros: (shape) => zeros(shape) };

function stats(x) {
  let sum = 0, sum2 = 0, maxAbs = 0;
  for (let i = 0; i < x.length; i++) { const v = x[i]; sum += v; sum2 += v * v; maxAbs = Math.max(maxAbs, Math.abs(v)); }
  const mean = sum / x.length;
  return { mean, std: Math.sqrt(Math.max(0, sum2 / x.length - mean * mean)), maxAbs };
}

const tensors = gpt2SmallTensors();
const generator = new Generator(0);
const results = [];
const t0 = performance.now();
for (const t of tensors) {
  const start = performance.now();
  const values = fill[t.init](t.shape, t, generator);
  results.push({ ...t, values, ms: performance.now() - start });
}
const totalMs = performance.now() - t0;

const row = (cells, widths) => cells.map((c, i) => String(c)[i < 3 ? "padEnd" : "padStart"](widths[i])).join("  ");
const widths = [26, 12, 7, 10, 11, 10, 8];
console.log(`nninit demo: GPT-2 small, seed 0, ${activeBuild()} kernels\n`);
console.log(row(["tensor", "shape", "init", "expected", "mean", "std", "ms"], widths));
let params = 0;
for (const r of results) {
  params += r.values.length;
  if (/^h\.([1-9]|1[01])\./.test(r.name)) continue; // blocks 1-11 look like block 0
  const s = stats(r.values);
  const expected = r.init === "normal" ? `std ${r.std.toFixed(5)}` : r.init === "ones" ? "1" : "0";
  console.log(row([r.name, r.shape.join("x"), r.init, expected, s.mean.toExponential(2), s.std.toFixed(5), r.ms.toFixed(2)], widths));
}
console.log(`(blocks h.1 .. h.11 omitted: same shapes as h.0)\n`);
console.log(`${tensors.length} tensors, ${params.toLocaleString("en-US")} parameters in ${totalMs.toFixed(1)} ms: ${(params / totalMs / 1e3).toFixed(0)} M parameters/s`);
