// Every code sample of the documentation runs as written (test/docs/extract.ts says which blocks
// and flags, test/docs/run.ts how): README.md, docs/**/*.md and the JSDoc @example blocks of
// src/. A sample that fails here is a sample a reader would copy and see fail. Samples flagged
// `no-run` (they need a page or real Python) and `gpu` samples on a machine without SwiftShader
// are skipped, counted and listed at the end of the run. NNINIT_DOCS_VERBOSE=1 prints what each
// sample printed (to check that its comments say what it prints).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allSamples, unknownFlag, type Sample } from "./extract.js";
import { expectedStatus, gpuAvailable, ROOT, runSample } from "./run.js";

const samples = allSamples(ROOT);
const notRun: string[] = [];
let ran = 0;

const where = (s: Sample) => `${s.file}:${s.line}`;

it("finds the samples, and every flag is known and every no-run sample says why", () => {
  expect(samples.filter((s) => s.file === "README.md").length).toBeGreaterThan(3);
  expect(samples.filter((s) => s.file.startsWith("src/")).length).toBeGreaterThan(0);
  const bad = samples.flatMap((s) => {
    const flag = unknownFlag(s);
    if (flag) return [`${where(s)}: unknown flag "${flag}"`];
    if (s.flags.has("no-run") && s.reason === "") return [`${where(s)}: no-run without a "// no-run: REASON" comment`];
    return [];
  });
  expect(bad).toEqual([]);
});

/** Runs one sample in `dir` (or, with none, a folder of its own) and checks its exit. */
function check(s: Sample, dir: () => string) {
  const name = `${where(s)} (${s.lang})`;
  if (s.flags.has("no-run")) {
    notRun.push(`${where(s)}: no-run: ${s.reason}`);
    it.skip(name, () => {});
  } else if (s.flags.has("gpu") && !gpuAvailable) {
    notRun.push(`${where(s)}: gpu sample, no SwiftShader driver on this machine`);
    it.skip(name, () => {});
  } else {
    it(name, async () => {
      const own = dir() === "";
      const cwd = own ? mkdtempSync(join(tmpdir(), "nninit-docs-")) : dir();
      try {
        const r = await runSample(s, cwd);
        ran++;
        if (process.env.NNINIT_DOCS_VERBOSE) console.info(`${name}:\n${r.output}`);
        expect({ status: r.status, signal: r.signal }, `${name} printed:\n${r.output}`).toEqual({ status: expectedStatus(s), signal: null });
      } finally {
        if (own) rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
}

// A document's samples run in order in one folder (a later one may read what an earlier one
// wrote).
const documents = new Map<string, Sample[]>();
for (const s of samples.filter((x) => !x.file.startsWith("src/"))) documents.set(s.file, [...(documents.get(s.file) ?? []), s]);
for (const [file, list] of documents) {
  describe(file, () => {
    let dir = "";
    beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "nninit-docs-")); });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const s of list) check(s, () => dir);
  });
}

// JSDoc examples are independent: they run side by side, each in a folder of its own.
describe.concurrent("JSDoc @example blocks of src/", () => {
  for (const s of samples.filter((x) => x.file.startsWith("src/"))) check(s, () => "");
});

afterAll(() => {
  console.info(`docs samples: ${samples.length} found, ${ran} run, ${notRun.length} not run${notRun.length ? `:\n  ${notRun.join("\n  ")}` : ""}`);
});
