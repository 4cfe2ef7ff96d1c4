// Node resolves the installed package by its `exports` map: `import` gets dist/esm, `require`
// gets dist/cjs, TypeScript (NodeNext) finds the matching declarations, and without WebAssembly
// both load and fail clearly at first use.

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { tempProject, esmEntry, expectedProbe, PROBE, NAMES, NO_WASM_MESSAGE, ROOT } from "./harness.js";

const PRINT = "console.log(JSON.stringify(result));";
const project = tempProject({
  "esm.mjs": esmEntry(PRINT),
  "cjs.cjs": `const { ${NAMES} } = require("nninit");\nconst result = (${PROBE})({ ${NAMES} });\n${PRINT}\n`,
  "resolved.cjs": `console.log(JSON.stringify({ require: require.resolve("nninit") }));`,
  // Node 24's V8 no longer has --no-expose-wasm: there, a preload removes the global instead.
  "drop-wasm.cjs": `delete globalThis.WebAssembly;`,
  "no-wasm.mjs": `import { normal, ones } from "nninit";
const loaded = Array.from(ones(2));
try { normal(2); console.log(JSON.stringify({ loaded })); } catch (e) { console.log(JSON.stringify({ loaded, error: e.message })); }`,
  "no-wasm.cjs": `const { normal, ones } = require("nninit");
const loaded = Array.from(ones(2));
try { normal(2); console.log(JSON.stringify({ loaded })); } catch (e) { console.log(JSON.stringify({ loaded, error: e.message })); }`,
  "types.mts": `import { normal, Generator, fillAsync, type NormalOptions } from "nninit";
const o: NormalOptions = { std: 0.02, generator: new Generator(1) };
const w: Float32Array = normal([2, 2], o);
const p: Promise<Float32Array> = fillAsync(normal, [2, 2], { std: 1, chunkSize: 2 });
export { w, p };`,
  "types.cts": `import nninit = require("nninit");
const w: Float32Array = nninit.uniform(3, { a: -1, b: 1 });
export = w;`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["types.mts", "types.cts"] }),
});
afterAll(project.remove);

function node(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: project.dir, encoding: "utf8" }));
}

describe("Node", () => {
  it("ESM: import { ... } from \"nninit\" gives the same bits as the sources", () => {
    expect(node(["esm.mjs"])).toEqual(expectedProbe());
  });

  it("CJS: require(\"nninit\") gives the same bits as the sources", () => {
    expect(node(["cjs.cjs"])).toEqual(expectedProbe());
    expect(node(["resolved.cjs"])).toEqual({ require: join(ROOT, "dist/cjs/index.cjs") });
  });

  it.each(["no-wasm.mjs", "no-wasm.cjs"])("%s: loads without WebAssembly (node --no-expose-wasm, or without the global), fails clearly at first use", (file) => {
    const noWasm = Number(process.versions.node.split(".")[0]) >= 24 ? ["--require", "./drop-wasm.cjs"] : ["--no-expose-wasm"];
    expect(node([...noWasm, file])).toEqual({ loaded: [1, 1], error: NO_WASM_MESSAGE });
  });

  it("TypeScript (NodeNext) type-checks an ESM and a CJS consumer against the shipped declarations", () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
