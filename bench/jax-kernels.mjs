// `node bench/jax-kernels.mjs A.wasm B.wasm ...`: the jax module's kernels (bits, uniform, normal,
// truncated normal(-2, 2), each fused with its threefry words as nninit/jax calls them) from
// several builds of build/jax.simd.wasm, alternated round by round, 16M float32 in 64 Ki
// windows. Prints per build and law the median rate of wall time and of this process's CPU
// time (the machine is shared: CPU time is the steadier figure), with the load average.

import { readFileSync } from "node:fs";
import { loadavg, cpus } from "node:os";

const N = 1 << 24, W = 1 << 16;
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const files = process.argv.slice(2);
if (files.length === 0) files.push(new URL("../build/jax.simd.wasm", import.meta.url).pathname);
const laws = {
  bits: (e, at, i) => e.jax_bits(1, 2, 0, i, at, W),
  uniform: (e, at, i) => e.jax_uniform(1, 2, 0, i, at, W, -1, 2),
  normal: (e, at, i) => e.jax_normal(1, 2, 0, i, at, W),
  // a, range, lo, hi of truncated_normal(-2, 2) (src/jax/random.ts computes them; any values time the same).
  truncated: (e, at, i) => e.jax_truncated(1, 2, 0, i, at, W, -0.9544997215270996, 1.9089994430541992, -1.9999998807907104, 1.9999998807907104),
};
const mods = files.map((f) => {
  const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(f)), {});
  const at = (e.heap_base() + 15) & ~15;
  const need = at + W * 4;
  if (e.memory.buffer.byteLength < need) e.memory.grow(Math.ceil((need - e.memory.buffer.byteLength) / 65536));
  return { f, e, at };
});
const times = mods.map(() => Object.fromEntries(Object.keys(laws).map((k) => [k, { wall: [], cpu: [] }])));
const load0 = loadavg()[0];
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, law] of Object.entries(laws)) {
    for (let m = 0; m < mods.length; m++) {
      const { e, at } = mods[m];
      if (r === 0) for (let i = 0; i < N; i += W) law(e, at, i); // warm up
      const c0 = process.cpuUsage(), t0 = performance.now();
      for (let i = 0; i < N; i += W) law(e, at, i);
      const t1 = performance.now(), c1 = process.cpuUsage(c0);
      times[m][name].wall.push((t1 - t0) / 1e3);
      times[m][name].cpu.push((c1.user + c1.system) / 1e6);
    }
  }
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const rate = (s) => `${(N / s / 1e6).toFixed(0)} M/s`;
console.log(`| build | ${Object.keys(laws).map((k) => `${k} wall / cpu`).join(" | ")} |`);
console.log(`|---|${Object.keys(laws).map(() => "---").join("|")}|`);
mods.forEach(({ f }, m) => {
  console.log(`| ${f} | ${Object.keys(laws).map((k) => `${rate(med(times[m][k].wall))} / ${rate(med(times[m][k].cpu))}`).join(" | ")} |`);
});
console.log(`\nload average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (shared machine); medians of ${ROUNDS} alternated rounds, 16M values each.`);
