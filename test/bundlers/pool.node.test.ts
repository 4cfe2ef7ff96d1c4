// The pool in Chromium, built the ways apps ship it: esbuild, Vite and webpack 5 production
// builds and a plain <script type="module"> on the package's own file, each with no
// configuration. Served with COOP/COEP (cross-origin isolated: workers write into shared memory)
// and without (the transfer fallback): the same bits as the synchronous calls in Node either way.
// A Content-Security-Policy that forbids blob: workers makes the pool say it is unusable.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { tempProject, runDirInChromium, CROSS_ORIGIN_ISOLATED, ROOT } from "./harness.js";
import { poolEntry, expectedPoolProbe, type PoolProbeResult } from "./pool-probe.js";

type PageResult = PoolProbeResult & { shared: boolean; isolated: boolean; error?: string };

const html = (script: string) => `<!doctype html><title>pool</title>${script}`;
const project = tempProject({
  "main.js": poolEntry(),
  "index.html": html(`<script type="module" src="/main.js"></script>`), // Vite's entry
  "esbuild/index.html": html(`<script type="module" src="./main.js"></script>`),
  "webpack/index.html": html(`<script src="./main.js"></script>`),
  // No bundler: the page imports the package's own ES module file (plain/nninit -> this repo).
  "plain/index.html": html(`<script type="module">${poolEntry("./nninit/dist/esm/index.js")}</script>`),
});
afterAll(project.remove);

let expected: PoolProbeResult;
beforeAll(async () => {
  expected = await expectedPoolProbe();
});

describe("esbuild", () => {
  beforeAll(async () => {
    await esbuild({
      absWorkingDir: project.dir, entryPoints: ["main.js"], outfile: "esbuild/main.js",
      bundle: true, platform: "browser", format: "esm", minify: true, logLevel: "silent",
    });
  });

  it("cross-origin isolated: workers write into shared memory, same bits as Node", async () => {
    const got = await runDirInChromium<PageResult>(join(project.dir, "esbuild"), { headers: CROSS_ORIGIN_ISOLATED });
    expect(got).toEqual({ ...expected, shared: true, isolated: true });
  });

  it("without COOP/COEP: the transfer fallback, same bits as Node", async () => {
    const got = await runDirInChromium<PageResult>(join(project.dir, "esbuild"));
    expect(got).toEqual({ ...expected, shared: false, isolated: false });
  });

  it("a Content-Security-Policy without worker-src blob: makes the pool say it cannot start workers", async () => {
    const got = await runDirInChromium<PageResult>(join(project.dir, "esbuild"), { headers: { "content-security-policy": "worker-src 'self'" }, consoleErrors: true });
    expect(got.error).toMatch(/^nninit pool: worker \d could not start \(the browser refused or lost it: a Content-Security-Policy without worker-src blob:/);
  });
});

it("Vite production build, cross-origin isolated: same bits as Node", async () => {
  await viteBuild({ root: project.dir, configFile: false, logLevel: "silent", mode: "production", build: { outDir: "vite" } });
  const got = await runDirInChromium<PageResult>(join(project.dir, "vite"), { headers: CROSS_ORIGIN_ISOLATED });
  expect(got).toEqual({ ...expected, shared: true, isolated: true });
});

it("webpack 5 production build: same bits as Node, with and without COOP/COEP", async () => {
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack({
      mode: "production", context: project.dir, entry: "./main.js",
      output: { path: join(project.dir, "webpack"), filename: "main.js" },
    }, (error, result) => (error || !result ? reject(error) : resolve(result)));
  });
  expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
  expect(stats.toJson({ all: false, warnings: true }).warnings).toEqual([]);
  const dir = join(project.dir, "webpack");
  expect(await runDirInChromium<PageResult>(dir, { headers: CROSS_ORIGIN_ISOLATED })).toEqual({ ...expected, shared: true, isolated: true });
  expect(await runDirInChromium<PageResult>(dir)).toEqual({ ...expected, shared: false, isolated: false });
});

it("a plain <script type=\"module\"> importing the package's dist/esm/index.js: same bits as Node", async () => {
  const dir = join(project.dir, "plain");
  symlinkSync(ROOT, join(dir, "nninit"), "dir");
  expect(await runDirInChromium<PageResult>(dir, { headers: CROSS_ORIGIN_ISOLATED })).toEqual({ ...expected, shared: true, isolated: true });
});
