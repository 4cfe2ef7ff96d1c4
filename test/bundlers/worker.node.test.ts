// A module Web Worker that imports nninit (a plain `import`, bundled by esbuild with code
// splitting, so the worker really loads a shared ES module chunk) fills arrays in Chromium and
// sends them back: same bits as Node. A second Worker, whose WebAssembly is deleted before it
// loads nninit, imports fine and gets the clear error at first use.

import { afterAll, expect, it } from "vitest";
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempProject, expectedProbe, runDirInChromium, PROBE, NAMES, NO_WASM_MESSAGE } from "./harness.js";
import { Generator, normal, uniform } from "../../src/index.js";

const project = tempProject({
  "main.js": `import { activeBuild } from "nninit";
const run = (url) => new Promise((resolve, reject) => {
  const worker = new Worker(url, { type: "module" });
  worker.onmessage = (e) => { resolve(e.data); worker.terminate(); };
  worker.onerror = (e) => reject(new Error(e.message));
});
const hex = (buffer) => Array.from(new Uint32Array(buffer), (w) => w.toString(16));
const filled = await run(new URL("./fill-worker.js", import.meta.url));
const noWasm = await run(new URL("./no-wasm-worker.js", import.meta.url));
globalThis.__nninit = { mainBuild: activeBuild(), probe: filled.probe, normal: hex(filled.normal), uniform: hex(filled.uniform), noWasm };
`,
  "fill-worker.js": `import { ${NAMES}, fillAsync } from "nninit";
const probe = (${PROBE})({ ${NAMES} });
const g = new Generator(7);
const a = normal([64, 64], { generator: g, std: 0.5 });
const b = await fillAsync(uniform, [64, 64], { generator: g, chunkSize: 1000 });
postMessage({ probe, normal: a.buffer, uniform: b.buffer }, [a.buffer, b.buffer]);
`,
  "no-wasm-worker.js": `delete globalThis.WebAssembly;
const { normal, ones } = await import("nninit");
const loaded = Array.from(ones(2));
try { normal(2); postMessage({ loaded }); } catch (e) { postMessage({ loaded, error: e.message }); }
`,
  "public/index.html": `<!doctype html><title>worker</title><script type="module" src="./main.js"></script>`,
});
afterAll(project.remove);

it("module Workers import nninit and fill arrays with the same bits as Node; without WebAssembly it fails clearly", async () => {
  await build({
    absWorkingDir: project.dir, entryPoints: ["main.js", "fill-worker.js", "no-wasm-worker.js"], outdir: "public",
    bundle: true, splitting: true, platform: "browser", format: "esm", logLevel: "silent",
  });
  // The worker is an ES module that imports the shared nninit chunk, not a self-contained script.
  expect(readFileSync(join(project.dir, "public/fill-worker.js"), "utf8")).toMatch(/^import\s*\{[^}]*\}\s*from\s*"\.\/chunk-\w+\.js"/m);

  const got = await runDirInChromium<Record<string, unknown>>(join(project.dir, "public"));
  const g = new Generator(7);
  const hex = (x: Float32Array) => Array.from(new Uint32Array(x.buffer), (w) => w.toString(16));
  expect(got).toEqual({
    mainBuild: "simd",
    probe: expectedProbe(),
    normal: hex(normal([64, 64], { generator: g, std: 0.5 })),
    uniform: hex(uniform([64, 64], { generator: g })),
    noWasm: { loaded: [1, 1], error: NO_WASM_MESSAGE },
  });
});
