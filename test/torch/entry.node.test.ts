// The "nninit/torch" subpath as installed: the main entry and the chunk it runs carry no torch
// code; the torch entry imports that same chunk (one instance: the initializers of "nninit"
// accept its generator) and carries its own wasm; ESM import, CJS require and TypeScript
// (NodeNext) resolve it.

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempProject, ROOT } from "../bundlers/harness.js";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** torch.manual_seed(0); torch.empty(4).uniform_(): the bits, from torch 1.13.1. */
const probe = (imports: string) => `${imports}
const g = new TorchGenerator(0);
const x = uniform([4], { generator: g });
console.log(JSON.stringify({ words: g.words, first: Array.from(x, (v) => v.toFixed(7)) }));`;

const project = tempProject({
  "esm.mjs": probe(`import { uniform } from "nninit";\nimport { TorchGenerator } from "nninit/torch";`),
  "cjs.cjs": probe(`const { uniform } = require("nninit");\nconst { TorchGenerator } = require("nninit/torch");`),
  "types.mts": `import { kaimingUniform } from "nninit";
import { TorchGenerator, type TorchGeneratorState } from "nninit/torch";
const g = new TorchGenerator(1337n, { build: "default" });
const w: Float32Array = kaimingUniform([4, 4], { a: Math.sqrt(5), generator: g });
const s: TorchGeneratorState = g.getState();
export { w, s };`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["types.mts"] }),
});
afterAll(project.remove);

describe("the nninit/torch entry", () => {
  const local = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
  const esmLocal = (file: string) => local(read(file), /from "\.\/([^"]+)"/g).map((f) => `dist/esm/${f}`);
  const cjsLocal = (file: string) => local(read(file), /require\("\.\/([^"]+)"\)/g).map((f) => `dist/cjs/${f}`);

  it("the main entry and the chunk it runs carry no torch code (no mt19937, no torch kernels)", () => {
    const files = ["dist/esm/index.js", "dist/cjs/index.cjs", ...esmLocal("dist/esm/index.js"), ...cjsLocal("dist/cjs/index.cjs")];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) expect(read(file), file).not.toMatch(/mt19937|torch_normal|torch_uniform|log256|TORCH_DEFAULT_SEED|class TorchGenerator/);
  });

  // The torch code may sit in a chunk the torch entry shares with the `nninit` command (which
  // writes --torch checkpoints); everything else it imports is the main entry's.
  it.each([["dist/esm/torch.js", "dist/esm/index.js"], ["dist/cjs/torch.cjs", "dist/cjs/index.cjs"]])(
    "%s imports the main entry's chunks and carries its own kernels, not the core ones", (entry, main) => {
      const local = entry.endsWith(".js") ? esmLocal : cjsLocal;
      // every chunk the main entry runs, transitively (the bundler may split a shared module,
      // such as validate, into its own chunk under another one)
      const mainChunks: string[] = [];
      for (const queue = local(main); queue.length > 0;) {
        const m = queue.pop()!;
        if (mainChunks.includes(m)) continue;
        mainChunks.push(m);
        queue.push(...local(m));
      }
      const own = [entry, ...local(entry).filter((m) => !mainChunks.includes(m))];
      for (const file of own) for (const m of local(file)) expect([...mainChunks, ...own], `${file} imports ${m}`).toContain(m);
      expect(mainChunks.length).toBeGreaterThan(0);
      const text = own.map(read).join("\n");
      expect(text).toMatch(/torch_normal/);
      // The core samplers (the tape) stay in the shared chunk only.
      expect(text).not.toMatch(/fill_trunc_normal/);
    });

  it.each(["esm.mjs", "cjs.cjs"])("%s: nninit's uniform draws torch's values with a TorchGenerator", (file) => {
    const out = execFileSync(process.execPath, [file], { cwd: project.dir, encoding: "utf8" });
    // torch.manual_seed(0); torch.empty(4).uniform_() -> [0.4962566, 0.7682218, 0.0884774, 0.1320305]
    expect(JSON.parse(out)).toEqual({ words: 4, first: ["0.4962566", "0.7682218", "0.0884774", "0.1320305"] });
  });

  it("TypeScript (NodeNext) resolves nninit/torch's types", () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
