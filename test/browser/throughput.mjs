// Fill throughput in headless Chromium next to Node, the same code on the same built bundle
// (dist/esm/index.js): normal and uniform, 16M elements into a preallocated array (the steady
// state of re-initializing a model; a fresh array adds the OS's page-fault cost on first touch),
// SIMD and scalar builds. Not a test: run `npm run build && node test/browser/throughput.mjs`.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bundle = `${root}dist/esm/index.js`;
const N = 16 * 2 ** 20;
const REPS = 15;
const WARMUP = 5; // Chromium tiers wasm up later than Node: its first runs are 3-10x slower
// The same args as test/browser/chromium.ts (a .mjs script cannot import the .ts file).
const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic"];

/** Runs in both engines: median and best M elements/s per (build, fill). Must be self-contained. */
async function measure(url, n, reps, warmup) {
  const m = await import(url);
  const out = new Float32Array(n);
  const rows = [];
  for (const build of ["simd", "scalar"]) {
    m.useBuild(build);
    for (const fn of ["normal", "uniform"]) {
      const rates = [];
      for (let r = 0; r < reps + warmup; r++) {
        const t = performance.now();
        m[fn](n, { out });
        const rate = n / (performance.now() - t) / 1e3;
        if (r >= warmup) rates.push(rate);
      }
      rates.sort((a, b) => a - b);
      rows.push({ build: m.activeBuild(), fn, median: rates[rates.length >> 1], best: rates[rates.length - 1] });
    }
  }
  m.useBuild("auto");
  return rows;
}

const node = await measure(pathToFileURL(bundle).href, N, REPS, WARMUP);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args, headless: true });
let page, inChromium, version;
try {
  page = await browser.newPage();
  await page.route("http://nninit.test/**", (route) => {
    const isBundle = route.request().url().endsWith("/index.js");
    route.fulfill({ contentType: isBundle ? "text/javascript" : "text/html", body: isBundle ? readFileSync(bundle, "utf8") : "<!doctype html>" });
  });
  await page.goto("http://nninit.test/");
  inChromium = await page.evaluate(`(${measure})("/index.js", ${N}, ${REPS}, ${WARMUP})`);
  version = browser.version();
} finally {
  await browser.close();
}

const fmt = (x) => x.toFixed(0).padStart(6);
console.log(`${N / 2 ** 20}M elements into a preallocated Float32Array, median (best) of ${REPS} after ${WARMUP} warm-up runs, M elements/s`);
console.log(`machine: ${cpus()[0]?.model ?? "?"} x${cpus().length}, load ${loadavg().map((x) => x.toFixed(1)).join(" ")}; ` +
  `Node ${process.versions.node} (V8 ${process.versions.v8}); Chromium ${version}; ${new Date().toISOString().slice(0, 10)}`);
console.log("build   fill      Node              Chromium          Chromium/Node");
for (let i = 0; i < node.length; i++) {
  const a = node[i], b = inChromium[i];
  console.log(`${a.build.padEnd(7)} ${a.fn.padEnd(8)} ${fmt(a.median)} (${fmt(a.best)})   ${fmt(b.median)} (${fmt(b.best)})   ${(b.median / a.median).toFixed(2)}`);
}
