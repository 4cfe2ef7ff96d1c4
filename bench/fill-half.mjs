// The half-dtype fill rows of bench/checkpoint.mjs alone, with CPU time beside wall time, and
// optionally two builds side by side in one process (alternated run by run, so that both see the
// same load on a shared machine):
//   node bench/fill-half.mjs [--runs=15] [--n=16777216] [--only=uniform,truncNormal] [distA [distB]]
// distA / distB: a built dist/ folder (default: this repo's dist). Prints, per build and
// initializer, M elements/s by wall clock and by process CPU time (median of --runs), and each
// half dtype's ratio to float32 from the same build and run.
import { cpuUsage } from "node:process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const runs = Number(arg("runs", 15));
const N = Number(arg("n", 1 << 24));
const fns = arg("only", "uniform,normal,truncNormal").split(",");
const dists = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (dists.length === 0) dists.push(new URL("../dist", import.meta.url).pathname);
const builds = [];
for (const d of dists) {
  const m = await import(pathToFileURL(resolve(d, "esm/index.js")).href);
  await m.ready();
  builds.push({ name: d, m });
}
const dtypes = ["float32", "float16", "bfloat16"];
const outs = { float32: new Float32Array(N), float16: new Uint16Array(N), bfloat16: new Uint16Array(N) };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load0 = loadavg()[0];
console.log(`fill of ${N} into a preallocated array, ${runs} runs alternated (builds x dtypes), load ${load0.toFixed(1)}`);
console.log("| build | initializer | float32 wall / CPU | float16 wall / CPU (ratio wall, CPU) | bfloat16 wall / CPU (ratio wall, CPU) |");
console.log("|---|---|---:|---:|---:|");
for (const fn of fns) {
  const t = builds.map(() => Object.fromEntries(dtypes.map((d) => [d, { wall: [], cpu: [] }])));
  for (let r = 0; r < runs; r++) {
    for (const [i, { m }] of builds.entries()) {
      const g = new m.Generator(1);
      for (const dtype of dtypes) {
        const c = cpuUsage(), w = performance.now();
        m[fn](N, { generator: g, dtype, out: outs[dtype] });
        const wall = performance.now() - w, cu = cpuUsage(c);
        t[i][dtype].wall.push(wall);
        t[i][dtype].cpu.push((cu.user + cu.system) / 1e3);
      }
    }
  }
  for (const [i, { name }] of builds.entries()) {
    const rate = (d, k) => N / median(t[i][d][k]) / 1e3;
    const cell = (d) => `${rate(d, "wall").toFixed(0)} / ${rate(d, "cpu").toFixed(0)}` +
      (d === "float32" ? "" : ` (${(rate(d, "wall") / rate("float32", "wall")).toFixed(2)}x, ${(rate(d, "cpu") / rate("float32", "cpu")).toFixed(2)}x)`);
    console.log(`| ${name} | ${fn} | ${dtypes.map(cell).join(" | ")} |`);
  }
}
console.log(`load ${load0.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
