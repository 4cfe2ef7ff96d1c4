// npm start: initialize every weight of GPT-2 small and ResNet-50 (torchvision's and Keras's
// conventions) with nninit, then print a per-layer table: shape, initializer, the spread the
// framework's initializer must give, the measured std and max |x| (measured after the timed
// loop), and totals with throughput. `--all` lists constant tensors (biases, norms) too.
import * as nninit from "../dist/esm/index.js";
import { gpt2Small, resnet50Torch, resnet50Keras } from "./models.mjs";

const showAll = process.argv.includes("--all");

function stats(x) {
  let sum = 0, sum2 = 0, maxAbs = 0;
  for (let i = 0; i < x.length; i++) { const v = x[i]; sum += v; sum2 += v * v; maxAbs = Math.max(maxAbs, Math.abs(v)); }
  const mean = sum / x.length;
  return { std: Math.sqrt(Math.max(0, sum2 / x.length - mean * mean)), maxAbs };
}

/** Expected std of the tensor's law, and whether the measurement is within sampling error. */
function check(t, s, n) {
  const { std, bound, value } = t.expect;
  if (value !== undefined) return { expected: `= ${value}`, ok: s.std === 0 && s.maxAbs === Math.abs(value) };
  const sigma = std ?? bound / Math.sqrt(3);
  // SE of a sample std is sigma / sqrt(2n) for a normal and smaller for a uniform; allow 6 SE
  const stdOk = Math.abs(s.std / sigma - 1) < 6 / Math.sqrt(2 * n);
  const boundOk = bound === undefined || (s.maxAbs <= Math.fround(bound) && s.maxAbs > bound * (1 - 20 / n));
  return { expected: std !== undefined ? `std ${std.toPrecision(4)}` : `bound ${bound.toPrecision(4)}`, ok: stdOk && boundOk };
}

const pad = (cells, widths) => cells.map((c, i) => String(c)[i < 3 ? "padEnd" : "padStart"](Math.abs(widths[i]))).join("  ");
const WIDTHS = [30, 16, 14, 16, 10, 9, 4];

function run(title, tensors, seed) {
  const generator = new nninit.Generator(seed);
  const layout = title.includes("Keras") ? "keras" : "torch";
  const values = [];
  const t0 = performance.now();
  for (const t of tensors) {
    const options = t.fn === "ones" || t.fn === "zeros" ? {} : { ...t.options, generator };
    values.push(nninit[t.fn](t.shape, options));
  }
  const ms = performance.now() - t0;
  // Re-initializing the same arrays (e.g. a reset between runs) skips the allocation, whose
  // first-touch page faults dominate the first pass on many machines.
  const t1 = performance.now();
  tensors.forEach((t, i) => {
    const options = t.fn === "ones" || t.fn === "zeros" ? {} : { ...t.options, generator };
    nninit[t.fn](t.shape, { ...options, out: values[i] });
  });
  const refillMs = performance.now() - t1;

  console.log(`\n${title} (seed ${seed}, ${layout} layout)`);
  console.log(pad(["tensor", "shape", "initializer", "expected", "std", "max |x|", "ok"], WIDTHS));
  let params = 0, failures = 0, hidden = 0;
  tensors.forEach((t, i) => {
    const x = values[i];
    params += x.length;
    const s = stats(x);
    const c = check(t, s, x.length);
    if (!c.ok) failures++;
    if (!showAll && t.expect.value !== undefined && c.ok) { hidden++; return; }
    console.log(pad([t.name, t.shape.join("x"), t.fn, c.expected, s.std.toPrecision(4), s.maxAbs.toPrecision(4), c.ok ? "yes" : "NO"], WIDTHS));
  });
  if (hidden) console.log(`(${hidden} constant tensors, biases and norm scales, all exact; --all lists them)`);
  console.log(`${tensors.length} tensors, ${params.toLocaleString("en-US")} parameters in ${ms.toFixed(1)} ms: ` +
    `${(params / ms / 1e3).toFixed(0)} M parameters/s; re-initialized in place in ${refillMs.toFixed(1)} ms: ` +
    `${(params / refillMs / 1e3).toFixed(0)} M parameters/s${failures ? `; ${failures} tensors off their law` : ""}`);
  return { title, tensors, seed, values, params, ms, refillMs, failures };
}

console.log(`nninit ${nninit.activeBuild()} kernels, Node ${process.versions.node}`);
const results = [
  run("GPT-2 small, Hugging Face init", gpt2Small(), 0),
  run("ResNet-50, torchvision init", resnet50Torch(), 0),
  run("ResNet-50, Keras applications init", resnet50Keras(), 0),
];
const params = results.reduce((a, r) => a + r.params, 0);
const ms = results.reduce((a, r) => a + r.ms, 0);
const refillMs = results.reduce((a, r) => a + r.refillMs, 0);
const failures = results.reduce((a, r) => a + r.failures, 0);
console.log(`\nTotal: ${params.toLocaleString("en-US")} parameters in ${ms.toFixed(0)} ms (${(params / ms / 1e3).toFixed(0)} M/s, allocation included), ` +
  `${refillMs.toFixed(0)} ms in place (${(params / refillMs / 1e3).toFixed(0)} M/s)` +
  (failures ? `; ${failures} tensors off their law` : "; every tensor matches its law"));

// Every core: the same models through a pool of workers (createPool), into preallocated shared
// arrays, against one thread re-initializing in place: best of 3 each, and the same bits.
const pool = nninit.createPool();
await pool.ready();
console.log(`\nOne thread vs a pool of ${pool.threads} workers (in place, best of 3):`);
let mismatches = 0;
for (const { title, tensors, seed, values } of results) {
  const optionsOf = (t, generator) => (t.fn === "ones" || t.fn === "zeros" ? {} : { ...t.options, generator });
  const shared = values.map((x) => new Float32Array(new SharedArrayBuffer(x.byteLength)));
  const best = async (once) => {
    let fastest = Infinity;
    for (let r = 0; r < 3; r++) { const t0 = performance.now(); await once(); fastest = Math.min(fastest, performance.now() - t0); }
    return fastest;
  };
  const oneMs = await best(() => {
    const generator = new nninit.Generator(seed);
    tensors.forEach((t, i) => { nninit[t.fn](t.shape, { ...optionsOf(t, generator), out: values[i] }); });
  });
  const poolMs = await best(() => {
    const generator = new nninit.Generator(seed);
    return Promise.all(tensors.map((t, i) => pool.fill(nninit[t.fn], t.shape, { ...optionsOf(t, generator), out: shared[i] })));
  });
  const same = values.every((x, i) => Buffer.compare(Buffer.from(x.buffer), Buffer.from(shared[i].buffer)) === 0);
  if (!same) mismatches++;
  console.log(`${title.padEnd(36)} one thread ${oneMs.toFixed(1).padStart(7)} ms, pool ${poolMs.toFixed(1).padStart(7)} ms: ` +
    `${(oneMs / poolMs).toFixed(2)}x, ${same ? "same bits" : "BITS DIFFER"}`);
}
await pool.close();
process.exitCode = failures || mismatches ? 1 : 0;
