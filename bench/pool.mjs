// The pool's targets (issue 11), measured in one run: `npm run bench:pool` (builds first).
//   normal / uniform / truncNormal, 64M elements: the synchronous call vs a pool of 2, both into
//   a preallocated array (the pool's shared), runs interleaved so that both see the same noise;
//   normal with the pool vs Float32Array.fill; GPT-2 small whole-model init, synchronous loop vs
//   the pool; pool creation + first 1M fill in a fresh Node process; and in headless Chromium,
//   normal 16M synchronous vs a pool of 2 on a page served with COOP/COEP and on one without.
// Medians of REPS runs; prints the machine, the load average before and after, and each target.
// Node rows also give CPU time (every thread of the process): a pool's efficiency (sync CPU time /
// pool CPU time) does not depend on what else runs on the machine, its wall-clock ratio does.
//   node bench/pool.mjs [--reps=N] [--only=node|browser]

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { GPT2_SMALL, WEIGHT_STD, gpt2Tensors, numelOf } from "./models/gpt2.mjs";

const bundleUrl = new URL("../dist/esm/index.js", import.meta.url);
const nninit = await import(bundleUrl);
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const REPS = Number(arg("reps", 7));
const only = arg("only", "");
const M64 = 64 << 20;
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(1)} ms`;
const results = [];
/** FNV-1a over the float bits: equal digests, same bits (up to a 2^-32 chance). */
function digest(x) {
  const w = new Uint32Array(x.buffer, x.byteOffset, x.length);
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i], 0x01000193);
  return h >>> 0;
}
const target = (text, value, ok, detail) => results.push({ text, value, ok, detail });

console.log(`machine: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores (shared with other work), load ${load()}; ` +
  `Node ${process.versions.node}; ${new Date().toISOString()}; medians of ${REPS} runs`);

/** CPU time of this process, every thread (the pool's workers included), in ms. */
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
/** The last ab()'s median CPU times [a, b]: on a loaded machine wall-clock ratios say little, CPU time per run still does. */
let lastCpu = [0, 0];

/** Times `a` and `b` alternately (after one warm-up each), so slow phases of the machine hit both. */
async function ab(a, b, reps = REPS) {
  await a(); await b();
  const ta = [], tb = [], ca = [], cb = [];
  for (let r = 0; r < reps; r++) {
    let c = cpuMs(), t = performance.now(); await a(); ta.push(performance.now() - t); ca.push(cpuMs() - c);
    c = cpuMs(); t = performance.now(); await b(); tb.push(performance.now() - t); cb.push(cpuMs() - c);
  }
  lastCpu = [median(ca), median(cb)];
  return [median(ta), median(tb)];
}
/**
 * The CPU-time figures of the last ab() with a pool of `threads` as b: its efficiency (a's CPU
 * time / b's: 1 = the pool does no extra work) and the ratio it would reach with `threads`
 * idle cores (threads x efficiency), what the wall-clock ratio tends to on a quiet machine.
 */
const cpuDetail = (threads = 2) => {
  const eff = lastCpu[0] / lastCpu[1];
  return `CPU: sync ${ms(lastCpu[0])}, pool ${ms(lastCpu[1])}, efficiency ${eff.toFixed(2)}, on ${threads} idle cores ≈ ${(threads * eff).toFixed(2)}×`;
};

if (only !== "browser") {
  const pool = nninit.createPool({ threads: 2 });
  await pool.ready();
  const out = new Float32Array(M64);
  const shared = new Float32Array(new SharedArrayBuffer(M64 * 4));
  const fills = { normal: { std: 1 }, uniform: { a: -1, b: 1 }, truncNormal: { std: 1, a: -2, b: 2 } };
  const min = { normal: 1.8, uniform: 1.6, truncNormal: 1.8 };
  let normalPool = 0;
  for (const [fn, params] of Object.entries(fills)) {
    const g = new nninit.Generator(1), h = new nninit.Generator(1);
    const [sync, par] = await ab(() => nninit[fn](M64, { ...params, generator: g, out }), () => pool.fill(nninit[fn], M64, { ...params, generator: h, out: shared }));
    if (fn === "normal") normalPool = par;
    const ratio = sync / par;
    target(`${fn} 64M: pool of 2 ≥ ${min[fn]}× the synchronous call`, ratio.toFixed(2), ratio >= min[fn], `sync ${ms(sync)}, pool ${ms(par)}; ${cpuDetail()}`);
  }
  // What the fallback costs (bench/results/pool.md): the same pool size with chunks transferred back and copied
  // on the calling thread, into an ordinary array; for information, no target.
  {
    const transfer = nninit.createPool({ threads: 2, shared: false });
    await transfer.ready();
    const g = new nninit.Generator(1), h = new nninit.Generator(1);
    const [par, fallback] = await ab(() => pool.fill(nninit.normal, M64, { generator: g, out: shared }), () => transfer.fill(nninit.normal, M64, { generator: h, out }));
    target("normal 64M, pool of 2: transfer fallback time / shared-memory time (information)", (fallback / par).toFixed(2), true, `shared ${ms(par)}, fallback ${ms(fallback)}`);
    await transfer.close();
  }
  const fillTimes = [];
  for (let r = 0; r < REPS + 1; r++) { const t = performance.now(); out.fill(r); if (r) fillTimes.push(performance.now() - t); }
  const fillMs = median(fillTimes);
  target("normal 64M with 2 threads within 10× of Float32Array.fill", (normalPool / fillMs).toFixed(2), normalPool / fillMs <= 10, `pool ${ms(normalPool)}, fill ${ms(fillMs)}`);

  // GPT-2 small: every tensor into preallocated arrays, one generator for the model.
  const tensors = gpt2Tensors(GPT2_SMALL);
  const plain = tensors.map((t) => new Float32Array(numelOf(t.shape)));
  const sharedOuts = tensors.map((t) => new Float32Array(new SharedArrayBuffer(numelOf(t.shape) * 4)));
  const optionsOf = (t, generator, o) => (t.init === "normal" ? { std: WEIGHT_STD, generator, out: o } : { out: o });
  const syncModel = () => {
    const generator = new nninit.Generator(7);
    tensors.forEach((t, i) => { nninit[t.init](t.shape, optionsOf(t, generator, plain[i])); });
  };
  const poolModel = () => {
    const generator = new nninit.Generator(7);
    return Promise.all(tensors.map((t, i) => pool.fill(nninit[t.init], t.shape, optionsOf(t, generator, sharedOuts[i]))));
  };
  const [syncM, poolM] = await ab(syncModel, poolModel);
  target("GPT-2 small whole-model init: pool ≥ 1.6× the synchronous loop", (syncM / poolM).toFixed(2), syncM / poolM >= 1.6,
    `${tensors.length} tensors, sync ${ms(syncM)}, pool ${ms(poolM)}; ${cpuDetail()}`);
  const same = plain.every((x, i) => Buffer.compare(Buffer.from(x.buffer), Buffer.from(sharedOuts[i].buffer)) === 0);
  if (!same) throw new Error("GPT-2 through the pool differs from the synchronous loop");
  await pool.close();

  // Start-up, in fresh processes: createPool + the first 1M fill (the module is imported first).
  const script = `const m = await import(${JSON.stringify(bundleUrl.href)});
const t = performance.now(); const pool = m.createPool({ threads: 2 });
await pool.fill(m.normal, 1 << 20); console.log(performance.now() - t); await pool.close();`;
  const starts = [];
  for (let r = 0; r < REPS; r++) starts.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })));
  target("Node: createPool + first 1M fill < 150 ms", ms(median(starts)), median(starts) < 150, `runs ${starts.map((x) => x.toFixed(0)).join(", ")} ms`);
}

if (only !== "node") {
  const N = 16 << 20;
  const distDir = fileURLToPath(new URL("../dist/esm/", import.meta.url));
  const isolated = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
  let headers = isolated;
  const server = createServer((req, res) => {
    // /index.js and the chunks it imports, straight from dist/esm/.
    const js = /^\/[\w.-]+\.js$/.test(req.url);
    res.writeHead(200, { ...headers, "content-type": js ? "text/javascript" : "text/html" }).end(js ? readFileSync(distDir + req.url.slice(1)) : "<!doctype html>");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  /** In the page: sync vs pool of 2 on normal 16M into preallocated arrays (interleaved, after warm-ups), and a digest of both. */
  async function inPage(n, reps) {
    const m = await import("/index.js");
    const pool = m.createPool({ threads: 2 });
    await pool.ready();
    // Both into preallocated arrays (a fresh 64 MB array costs its page faults, ~1 s on a loaded
    // machine, in either case): the pool's is shared when the page is cross-origin isolated.
    const out = new Float32Array(n);
    const poolOut = pool.shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
    const digest = DIGEST;
    let got;
    const ts = [], tp = [];
    for (let r = 0; r < reps + 5; r++) { // Chromium tiers wasm up late: 5 warm-up rounds
      let t = performance.now(); m.normal(n, { generator: new m.Generator(3), out }); const s = performance.now() - t;
      t = performance.now(); got = await pool.fill(m.normal, n, { generator: new m.Generator(3), out: poolOut }); const p = performance.now() - t;
      if (r >= 5) { ts.push(s); tp.push(p); }
    }
    const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const result = { sync: med(ts), pool: med(tp), shared: pool.shared, isolated: crossOriginIsolated, poolDigest: digest(got), syncDigest: digest(out) };
    await pool.close();
    return result;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  try {
    const x = nninit.normal(N, { generator: new nninit.Generator(3) });
    const nodeDigest = digest(x);
    for (const [name, h] of [["COOP/COEP", isolated], ["no COOP/COEP (fallback)", {}]]) {
      headers = h;
      const page = await browser.newPage();
      await page.goto(url);
      const r = await page.evaluate(`(${inPage.toString().replace("DIGEST", digest.toString())})(${N}, ${REPS})`);
      await page.close();
      const same = r.poolDigest === nodeDigest && r.syncDigest === nodeDigest;
      const ratio = r.sync / r.pool;
      const detail = `Chromium ${browser.version()}: shared memory ${r.shared}, sync ${ms(r.sync)}, pool ${ms(r.pool)}, same bits as Node: ${same}`;
      if (name === "COOP/COEP") target("Chromium COOP/COEP normal 16M: pool of 2 ≥ 1.6× sync, same bits", ratio.toFixed(2), ratio >= 1.6 && same && r.shared, detail);
      else target("Chromium without COOP/COEP: same bits through the fallback (ratio for information)", ratio.toFixed(2), same && !r.shared, detail);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

console.log(`load at the end ${load()}\n`);
for (const r of results) console.log(`- [${r.ok ? "MET" : "MISSED"}] ${r.text}: ${r.value} (${r.detail})`);
