// A Vite production build (vite's JS API, no config file, no plugin) of a tiny page with a plain
// `import { ... } from "nninit"` runs in headless Chromium with the same bits as Node.

import { afterAll, expect, it } from "vitest";
import { build } from "vite";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { tempProject, esmEntry, expectedProbe, runDirInChromium, BROWSER_REPORT, type ProbeResult } from "./harness.js";

const project = tempProject({
  "index.html": `<!doctype html><title>vite</title><script type="module" src="/main.js"></script>`,
  "main.js": esmEntry(BROWSER_REPORT),
});
afterAll(project.remove);

it("a Vite production build runs in Chromium with the same bits as Node", async () => {
  await build({ root: project.dir, configFile: false, logLevel: "silent", mode: "production" });
  // The wasm is inlined: the build emits the page and its script, no .wasm asset to serve.
  expect(readdirSync(join(project.dir, "dist/assets")).filter((f) => !f.endsWith(".js"))).toEqual([]);
  expect(await runDirInChromium<ProbeResult>(join(project.dir, "dist"))).toEqual(expectedProbe());
});
