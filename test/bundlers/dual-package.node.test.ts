// One process that both `require`s and `import`s nninit loads two copies of it (dist/cjs and
// dist/esm: the dual package hazard). The first copy registers its Generator class and default
// generator under Symbol.for("nninit.Generator.v1"); the other copy exports the same objects. So
// a Generator from one copy works with the other's functions, and manualSeed in one reseeds the
// default generator of both (issue 9, defect 9). Run on the built package, as installed.

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { tempProject } from "./harness.js";

const PROBE = `
const hex = (x) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length), (w) => w.toString(16)).join(" ");
export function probe(first, second) {
  const g = new first.Generator(7);
  const crossed = second.kaimingNormal([4, 4], { generator: g });
  const same = first.kaimingNormal([4, 4], { generator: new first.Generator(7) });
  const fake = Object.create(second.Generator.prototype);
  let fakeError = null;
  try { first.normal(2, { generator: fake }); } catch (e) { fakeError = e.constructor.name + ": " + e.message; }
  first.manualSeed(5);
  const fromDefault = second.normal(4);
  second.manualSeed(5);
  const again = first.normal(4);
  return {
    sameClass: first.Generator === second.Generator,
    instanceOf: g instanceof second.Generator,
    sameDefault: first.defaultGenerator === second.defaultGenerator,
    crossed: hex(crossed), same: hex(same), position: g.position,
    clone: g.clone() instanceof first.Generator,
    seededDefault: hex(fromDefault) === hex(again),
    fakeError,
  };
}`;

const project = tempProject({
  "probe.mjs": PROBE,
  "require-first.mjs": `import { createRequire } from "node:module";
import { probe } from "./probe.mjs";
const cjs = createRequire(import.meta.url)("nninit");
const esm = await import("nninit");
console.log(JSON.stringify({ distinct: cjs !== esm, ...probe(cjs, esm) }));`,
  "import-first.mjs": `import * as esm from "nninit";
import { createRequire } from "node:module";
import { probe } from "./probe.mjs";
const cjs = createRequire(import.meta.url)("nninit");
console.log(JSON.stringify({ distinct: cjs !== esm, ...probe(esm, cjs) }));`,
});
afterAll(project.remove);

describe("require and import of nninit in one process", () => {
  it.each(["require-first.mjs", "import-first.mjs"])("%s: one Generator class, one default generator, the same bits", (file) => {
    const r = JSON.parse(execFileSync(process.execPath, [file], { cwd: project.dir, encoding: "utf8" }));
    expect(r.distinct).toBe(true); // two module copies really are loaded
    expect(r.sameClass).toBe(true);
    expect(r.instanceOf).toBe(true);
    expect(r.sameDefault).toBe(true);
    expect(r.crossed).toBe(r.same);
    expect(r.position).toBe(16);
    expect(r.clone).toBe(true);
    expect(r.seededDefault).toBe(true);
    expect(r.fakeError).toMatch(/^TypeError: normal: generator must be a Generator made by new Generator\(seed\)/);
  });
});
