// @arethetypeswrong/cli on the packed tarball: every entry of package.json's exports resolves to
// its own declarations and code under TypeScript's node10, node16 (from CJS and from ESM) and
// bundler resolution, with no problem reported (no "Resolution failed", no masquerading format,
// no internal resolution error, no false CJS/ESM).
import { afterAll, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { pack } from "./pack.js";

const packed = pack();
afterAll(packed.remove);

interface Resolution { resolution?: { fileName: string }; implementationResolution?: { fileName: string } }
interface Report {
  problems: Record<string, unknown[]>;
  analysis: { entrypoints: Record<string, { resolutions: Record<string, Resolution> }> };
}

function attw(): Report {
  const cli = join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js");
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, packed.tarball, "--format", "json"], { encoding: "utf8" }));
  } catch (e) {
    // attw exits 1 when it finds problems; its JSON report is still on stdout.
    const stdout = (e as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout);
    throw e;
  }
}

const report = attw();
const subpaths = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).exports);

it("attw finds no problem in any entry", () => {
  expect(report.problems).toEqual({});
});

it.each(subpaths.filter((s) => s !== "./package.json"))("%s resolves to declarations and code in node10, node16-cjs, node16-esm and bundler", (subpath) => {
  const name = subpath === "." ? "index" : subpath.slice(2);
  const resolutions = report.analysis.entrypoints[subpath].resolutions;
  expect(Object.keys(resolutions).sort()).toEqual(["bundler", "node10", "node16-cjs", "node16-esm"]);
  const types = Object.fromEntries(Object.entries(resolutions).map(([kind, r]) => [kind, r.resolution?.fileName]));
  expect(types).toEqual({
    node10: `/node_modules/nninit/dist/cjs/${name}.d.cts`,
    "node16-cjs": `/node_modules/nninit/dist/cjs/${name}.d.cts`,
    "node16-esm": `/node_modules/nninit/dist/esm/${name}.d.ts`,
    bundler: `/node_modules/nninit/dist/esm/${name}.d.ts`,
  });
  expect(resolutions["node16-cjs"].implementationResolution?.fileName).toBe(`/node_modules/nninit/dist/cjs/${name}.cjs`);
  expect(resolutions["node16-esm"].implementationResolution?.fileName).toBe(`/node_modules/nninit/dist/esm/${name}.js`);
});
