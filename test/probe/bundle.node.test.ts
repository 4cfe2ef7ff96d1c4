// nninit/probe is a subpath so that the main entry's bundles don't grow: an esbuild bundle of
// `import { kaimingNormal } from "nninit"` carries neither the gemm wasm nor the probe, and one of
// `import { probe } from "nninit/probe"` carries both.

import { afterAll, expect, it } from "vitest";
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempProject } from "../bundlers/harness.js";
import { SIMD_BASE64 } from "../../src/wasm/gemm.generated.js";

const project = tempProject({
  "main.js": `import { kaimingNormal } from "nninit";\nconsole.log(kaimingNormal([4, 4])[0]);\n`,
  "probe.js": `import { probe, formatProbeTable } from "nninit/probe";\nconsole.log(formatProbeTable(probe({ layers: 2, width: 8, batch: 8 })));\n`,
});
afterAll(project.remove);

it("the main entry's bundle has no gemm module; nninit/probe's has it", async () => {
  const bundle = async (entry: string) => {
    await build({
      absWorkingDir: project.dir, entryPoints: [entry], outfile: `out/${entry}`,
      bundle: true, platform: "browser", format: "esm", minify: true, logLevel: "silent",
    });
    return readFileSync(join(project.dir, "out", entry), "utf8");
  };
  const main = await bundle("main.js"), withProbe = await bundle("probe.js");
  const gemmPrefix = SIMD_BASE64.slice(0, 200); // the header and type section, unique to this module
  expect(main.includes(gemmPrefix)).toBe(false);
  expect(main).not.toContain("formatProbeTable");
  expect(withProbe.includes(gemmPrefix)).toBe(true);
  console.log(`esbuild, minified: main entry (kaimingNormal) ${main.length} B, nninit/probe ${withProbe.length} B`);
});
