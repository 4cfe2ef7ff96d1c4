// Builds the package's JavaScript and type declarations with tsdown (rolldown + its .d.ts
// bundler): dist/esm/<name>.js + .d.ts (ESM) and dist/cjs/<name>.cjs + .d.cts (CommonJS) for
// every entry in ENTRIES, and writes package.json's `exports` (and main/module/types) from the
// same list, so the two never disagree.
//
// ADDING AN ENTRY (a subpath such as "nninit/torch", or a command): one line in ENTRIES below,
// then `npm run build` (it rewrites package.json's exports; commit that too). A command (`bin`)
// takes `subpath: null` and a line in package.json's "bin" pointing at dist/esm/<name>.js.
//
// All entries are built together, so code they share (the initializers, the generator, the
// inlined wasm) lands in one shared chunk that every entry imports: "nninit" and "nninit/tfjs"
// run one module instance (one default generator, one wasm instance), and a subpath's bundle
// carries no second copy of the kernels. Packages under dependencies and peerDependencies
// (tfjs) stay external.
import { build } from "tsdown";
import { readFileSync, rmSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { buildPoolWorker } from "./build-pool-worker.mjs";

/** Every entry of the package: `subpath` in package.json's exports (null: not exported), its source, its file name in dist/. */
export const ENTRIES = [
  { subpath: ".", source: "src/index.ts", name: "index" },
  { subpath: "./tfjs", source: "src/tfjs/index.ts", name: "tfjs" },
  { subpath: "./probe", source: "src/probe/index.ts", name: "probe" },
  { subpath: "./checkpoint", source: "src/checkpoint.ts", name: "checkpoint" },
  { subpath: "./checkpoint/node", source: "src/checkpoint-node.ts", name: "checkpoint/node" },
  { subpath: null, source: "src/cli/bin.ts", name: "cli" },
  { subpath: "./torch", source: "src/torch/index.ts", name: "torch" },
  { subpath: "./jax", source: "src/jax/index.ts", name: "jax" },
  { subpath: "./webgpu", source: "src/webgpu/index.ts", name: "webgpu" },
];

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Build into a staging folder and swap it in at the end, so that a build never leaves a
// half-written dist/ for a test run or another build going on at the same time.
const staging = join(root, "dist.next");
rmSync(staging, { recursive: true, force: true });

// The pool's worker script, a string constant the entries inline (see build-pool-worker.mjs).
await buildPoolWorker(root);

const common = {
  config: false,
  cwd: root,
  entry: Object.fromEntries(ENTRIES.map((e) => [e.name, e.source])),
  platform: "neutral",
  target: "es2022",
  dts: true,
  fixedExtension: false,
  clean: false,
  logLevel: "warn",
  deps: { neverBundle: [/^node:/] },
  checks: { pluginTimings: false },
};
await build({ ...common, format: "esm", outDir: join(staging, "esm") });
await build({ ...common, format: "cjs", outDir: join(staging, "cjs") });

// A command (subpath null) ships as dist/esm/<name>.js only: package.json's "bin" names nothing else.
for (const e of ENTRIES.filter((x) => x.subpath === null)) {
  for (const file of [`esm/${e.name}.d.ts`, `cjs/${e.name}.cjs`, `cjs/${e.name}.d.cts`]) rmSync(join(staging, file), { force: true });
}

const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
renameSync(staging, dist);

// package.json: one exports block per exported entry, types beside each format's code.
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const exportsOf = (name) => ({
  import: { types: `./dist/esm/${name}.d.ts`, default: `./dist/esm/${name}.js` },
  require: { types: `./dist/cjs/${name}.d.cts`, default: `./dist/cjs/${name}.cjs` },
});
const exported = ENTRIES.filter((e) => e.subpath !== null);
const expected = {
  main: "./dist/cjs/index.cjs",
  module: "./dist/esm/index.js",
  types: "./dist/cjs/index.d.cts",
  exports: { ...Object.fromEntries(exported.map((e) => [e.subpath, exportsOf(e.name)])), "./package.json": "./package.json" },
};
// TypeScript's node10 resolution ignores `exports`: typesVersions gives it the subpaths' types.
const subpaths = exported.filter((e) => e.subpath !== ".");
if (subpaths.length > 0) expected.typesVersions = { "*": Object.fromEntries(subpaths.map((e) => [e.subpath.slice(2), [`./dist/cjs/${e.name}.d.cts`]])) };
const wrong = Object.keys(expected).filter((k) => JSON.stringify(pkg[k]) !== JSON.stringify(expected[k]));
if (wrong.length > 0) {
  console.error(`ts: package.json's ${wrong.join(", ")} disagree with ENTRIES in scripts/build-ts.mjs; put these in package.json:`);
  console.error(JSON.stringify(Object.fromEntries(wrong.map((k) => [k, expected[k]])), null, 2));
  process.exit(1);
}
console.error(`ts: ${ENTRIES.map((e) => `dist/{esm,cjs}/${e.name}`).join(", ")}`);
