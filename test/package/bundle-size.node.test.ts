// Tree-shaking, measured the way an app ships: esbuild bundles a one-line app that imports from
// the installed package (minified, for the browser) and the test compares its size with the same
// app without nninit. The package is `sideEffects: false` and its top-level values are pure, so
// what an app pays follows what it imports; the QR kernels (their own wasm module) come only with
// orthogonal, and the wasm only with something that fills.
import { afterAll, expect, it } from "vitest";
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { tempProject } from "../bundlers/harness.js";

const project = tempProject({});
afterAll(project.remove);

async function bundle(contents: string): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: project.dir }, bundle: true, minify: true, write: false,
    format: "esm", platform: "browser", logLevel: "silent",
  });
  return out.outputFiles[0]!.text;
}

/** What importing `name` from nninit and calling it adds to a minified app, in bytes (and gzip). */
async function added(name: string, call: string): Promise<{ text: string; bytes: number; gzip: number }> {
  const base = await bundle(`console.log(0);`);
  const text = await bundle(`import { ${name} } from "nninit";\nconsole.log(${call});`);
  return { text, bytes: text.length - base.length, gzip: gzipSync(text).length - gzipSync(base).length };
}

/** The linalg module's name as its loader declares it: present only where the QR is bundled. */
const LINALG = /name:"linalg"/;

it("an app importing only calculateGain adds < 2 KB minified, without any wasm", async () => {
  const r = await added("calculateGain", `calculateGain("leaky_relu", 0.2)`);
  console.log(`calculateGain adds ${r.bytes} B minified (${r.gzip} B gzip)`);
  expect(r.bytes).toBeLessThan(2 * 1024);
  expect(r.text).not.toMatch(/WebAssembly/);
});

// Issue 9's target: < 30 KB. The dtype work had brought it to 33.9 KB; the core wasm then lost
// its duplicated code (one tape generator shared by every fill, one copy of the truncated
// normal's quantile, SIMD constants only in the SIMD build) and is back under it.
it("an app importing one elementwise initializer (kaimingNormal) adds < 30 KB minified, without the QR module", async () => {
  const r = await added("kaimingNormal", `kaimingNormal([256, 128])`);
  console.log(`kaimingNormal adds ${r.bytes} B minified (${r.gzip} B gzip)`);
  expect(r.bytes).toBeLessThan(30 * 1024);
  expect(r.text).toMatch(/WebAssembly/);
  expect(r.text).not.toMatch(LINALG);
});

it("orthogonal brings the QR module (so the check above can see it)", async () => {
  const r = await added("orthogonal", `orthogonal([64, 64])`);
  console.log(`orthogonal adds ${r.bytes} B minified (${r.gzip} B gzip)`);
  expect(r.text).toMatch(LINALG);
});
