// An esbuild browser bundle of a plain `import { ... } from "nninit"` (minified, as an app would
// ship it) runs in headless Chromium with the same bits as Node; tree-shaking keeps it small.

import { afterAll, expect, it } from "vitest";
import { build } from "esbuild";
import { statSync } from "node:fs";
import { join } from "node:path";
import { tempProject, esmEntry, expectedProbe, runDirInChromium, BROWSER_REPORT, type ProbeResult } from "./harness.js";

const project = tempProject({
  "main.js": esmEntry(BROWSER_REPORT),
  "public/index.html": `<!doctype html><title>esbuild</title><script type="module" src="./main.js"></script>`,
});
afterAll(project.remove);

it("an esbuild browser bundle runs in Chromium with the same bits as Node", async () => {
  await build({
    absWorkingDir: project.dir, entryPoints: ["main.js"], outfile: "public/main.js",
    bundle: true, platform: "browser", format: "esm", minify: true, logLevel: "silent",
  });
  const size = statSync(join(project.dir, "public/main.js")).size;
  expect(size).toBeLessThan(64 * 1024);
  expect(await runDirInChromium<ProbeResult>(join(project.dir, "public"))).toEqual(expectedProbe());
});
