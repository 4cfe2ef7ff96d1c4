// The "nninit/tfjs" subpath as installed: the main entry never references tfjs; the tfjs entry
// keeps tfjs external and imports the chunk the main entry runs (one nninit instance:
// `manualSeed` from "nninit" drives the unseeded classes); ESM import, CJS require and
// TypeScript (NodeNext) all resolve it, with real types from CommonJS; a bundler keeps the class
// registrations whenever anything of the module is used.

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { build } from "esbuild";
import { readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { tempProject, ROOT } from "../bundlers/harness.js";
import { catalog } from "../../src/index.js";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** Unseeded HeNormal after manualSeed(5) from "nninit" equals heNormal after manualSeed(5). */
const probe = (nninit: string, tfjs: string) => `${nninit}
${tfjs}
const tf = core;
tf.env().set("IS_TEST", true);
const hex = (x) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length), (w) => w.toString(16)).join(",");
manualSeed(5);
const viaTfjs = hex(new HeNormal().apply([4, 4]).dataSync());
manualSeed(5);
const direct = hex(heNormal([4, 4]));
console.log(JSON.stringify({ same: viaTfjs === direct, className: new HeNormal({ seed: 1 }).getClassName() }));`;

const project = tempProject({
  "esm.mjs": probe(
    `import { manualSeed, heNormal } from "nninit";\nimport * as core from "@tensorflow/tfjs-core";\nimport "@tensorflow/tfjs-backend-cpu";`,
    `import { HeNormal } from "nninit/tfjs";`),
  "cjs.cjs": probe(
    `const { manualSeed, heNormal } = require("nninit");\nconst core = require("@tensorflow/tfjs-core");\nrequire("@tensorflow/tfjs-backend-cpu");`,
    `const { HeNormal } = require("nninit/tfjs");`),
  "types.mts": `import * as tf from "@tensorflow/tfjs-layers";
import { HeNormal, Orthogonal, VarianceScaling, NninitInitializer, type SeedConfig } from "nninit/tfjs";
const seed: SeedConfig = { seed: 1 };
const layer = tf.layers.dense({ units: 4, kernelInitializer: new HeNormal(seed) });
const lstm = tf.layers.lstm({ units: 4, recurrentInitializer: new Orthogonal({ gain: 2, seed: 3 }) });
const v: NninitInitializer = new VarianceScaling({ scale: 2, mode: "fan_out", distribution: "uniform" });
export { layer, lstm, v };`,
  "types.cts": `import nt = require("nninit/tfjs");
const init = new nt.GlorotNormal({ seed: 2 });
// Real types from CommonJS too: a misspelt option is an error (it was \`any\` once).
// @ts-expect-error sead is not an option of HeNormal
const typo = new nt.HeNormal({ sead: 1 });
export = [init, typo];`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["types.mts", "types.cts"] }),
});
// The peers, as a consumer would have them installed.
symlinkSync(join(ROOT, "node_modules/@tensorflow"), join(project.dir, "node_modules/@tensorflow"), "dir");
afterAll(project.remove);

describe("the nninit/tfjs entry", () => {
  it("the main entry never references tfjs", () => {
    // No @tensorflow package and no nninit/tfjs bundle. (The catalog's `tfjs` field, the class
    // names nninit/tfjs reads, is data in the main entry, not a reference.)
    for (const file of ["dist/esm/index.js", "dist/cjs/index.cjs", "dist/esm/index.d.ts", "dist/cjs/index.d.cts"]) {
      expect(read(file)).not.toMatch(/tensorflow|tfjs\.c?js|nninit\/tfjs|tfjs\/index/);
    }
  });

  it("the tfjs entry imports tfjs and the chunk the main entry runs, bundling neither", () => {
    const esm = read("dist/esm/tfjs.js"), cjs = read("dist/cjs/tfjs.cjs");
    expect(esm).toMatch(/from "@tensorflow\/tfjs-core"/);
    expect(esm).toMatch(/from "@tensorflow\/tfjs-layers"/);
    expect(cjs).toMatch(/require\("@tensorflow\/tfjs-layers"\)/);
    // One module instance: every local module the tfjs entry imports is one the main entry
    // imports, or (keras: "jax", Keras's initializers) one the nninit/jax entry imports.
    const local = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
    const ESM = /from "(\.\/[^"]+)"/g, CJS = /require\("(\.\/[^"]+)"\)/g;
    const esmImports = local(esm, ESM), cjsImports = local(cjs, CJS);
    expect(esmImports.length).toBeGreaterThan(0);
    expect(cjsImports.length).toBeGreaterThan(0);
    const esmShared = [...local(read("dist/esm/index.js"), ESM), ...local(read("dist/esm/jax.js"), ESM)];
    const cjsShared = [...local(read("dist/cjs/index.cjs"), CJS), ...local(read("dist/cjs/jax.cjs"), CJS)];
    for (const m of esmImports) expect(esmShared).toContain(m);
    for (const m of cjsImports) expect(cjsShared).toContain(m);
    // No second copy of the kernels: the shared chunk carries the inlined wasm (base64 of "\0asm"
    // starts "AGFzbQ"), and this entry stays small (its size is mostly the JSDoc kept in dist).
    for (const file of ["dist/esm/tfjs.js", "dist/cjs/tfjs.cjs"]) {
      expect(read(file)).not.toMatch(/AGFzbQ/);
      expect(statSync(join(ROOT, file)).size).toBeLessThan(40_000);
    }
    expect(esm).not.toMatch(/WebAssembly/);
    expect(cjs).not.toMatch(/WebAssembly/);
  });

  it.each(["esm.mjs", "cjs.cjs"])("%s: resolves nninit/tfjs and shares nninit's default generator", (file) => {
    const out = execFileSync(process.execPath, [file], { cwd: project.dir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ same: true, className: "nninit>HeNormal" });
  });

  it("a bundle keeps every class registration when a class or register() is used (nninit has sideEffects: false)", async () => {
    // Bundles `contents` (tfjs external), runs it, and counts the "nninit>" classes tfjs then knows.
    let bundles = 0;
    const registered = async (contents: string) => {
      const count = `import { serialization } from "@tensorflow/tfjs-core";
console.log(Object.keys(serialization.SerializationMap.getMap().classNameMap).filter((k) => k.startsWith("nninit>")).length);`;
      const outfile = join(project.dir, `bundle-${bundles++}.mjs`);
      await build({ stdin: { contents: `${contents}\n${count}`, resolveDir: project.dir }, bundle: true, outfile, format: "esm", platform: "neutral", external: ["@tensorflow/*"], logLevel: "silent" });
      return Number(execFileSync(process.execPath, [outfile], { cwd: project.dir, encoding: "utf8" }).trim().split("\n").pop());
    };
    expect(await registered(`import { HeNormal } from "nninit/tfjs"; console.log(String(new HeNormal().seed));`)).toBe(catalog.length);
    expect(await registered(`import { register } from "nninit/tfjs"; register();`)).toBe(catalog.length);
    // What docs/tfjs.md warns about: a bare import is dropped.
    expect(await registered(`import "nninit/tfjs";`)).toBe(0);
  });

  it("TypeScript (NodeNext) accepts the classes as tfjs-layers initializers, from ESM and CJS", () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
