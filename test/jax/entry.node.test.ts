// The "nninit/jax" subpath as installed: the main entry and its chunks carry no jax code; the
// jax entry carries its own kernels; ESM import, CJS require and TypeScript (NodeNext) resolve it
// and give jax's values (jax.random.normal(jax.random.key(0), (3,)) from jax 0.10.2).

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempProject, ROOT } from "../bundlers/harness.js";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

const probe = (imports: string) => `${imports}
const x = normal(key(0), [3]);
console.log(JSON.stringify(Array.from(new Uint32Array(x.buffer))));`;

const project = tempProject({
  "esm.mjs": probe(`import { key, normal } from "nninit/jax";`),
  "cjs.cjs": probe(`const { key, normal } = require("nninit/jax");`),
  "types.mts": `import { key, split, initializers, nnx, type JaxKey } from "nninit/jax";
const [k1, k2]: JaxKey[] = split(key(1));
const w: Float32Array = initializers.glorotNormal()(k1, [4, 4]);
const { kernel } = nnx.linear(3, 2, new nnx.Rngs(0));
export { w, k2, kernel };`,
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["types.mts"] }),
});
afterAll(project.remove);

/** jax.random.normal(jax.random.key(0), (3,)) in jax 0.10.2, float32 bits. */
const KEY0_NORMAL3 = [1070576317, 1073847792, 3202220055];

describe("the nninit/jax entry", () => {
  const local = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);
  const esmLocal = (file: string) => local(read(file), /from "\.\/([^"]+)"/g).map((f) => `dist/esm/${f}`);

  it("the main entry and the chunks it runs carry no jax code", () => {
    const files = ["dist/esm/index.js", ...esmLocal("dist/esm/index.js")];
    for (const file of files) expect(read(file), file).not.toMatch(/jax_normal|threefry|class JaxKey/);
  });

  it("the jax entry carries the jax kernels", () => {
    const own = ["dist/esm/jax.js", ...esmLocal("dist/esm/jax.js")].map(read).join("\n");
    expect(own).toMatch(/jax_normal/);
  });

  it.each(["esm.mjs", "cjs.cjs"])("%s: normal(key(0), [3]) is jax's", (file) => {
    const out = execFileSync(process.execPath, [file], { cwd: project.dir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual(KEY0_NORMAL3);
  });

  it("TypeScript (NodeNext) resolves nninit/jax's types", () => {
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
