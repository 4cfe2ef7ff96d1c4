// The engine-agnostic checks (./vectors.ts, on the sources) as one ES module, for engines that
// vitest does not run: esbuild bundles them into a temporary folder with a page that runs them.
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface VectorsBundle {
  /** The folder: vectors.js (exports runVectors) and index.html (runs it, sets globalThis.__nninit). */
  dir: string;
  remove: () => void;
}

export async function bundleVectors(): Promise<VectorsBundle> {
  const dir = mkdtempSync(join(tmpdir(), "nninit-engines-"));
  await build({
    entryPoints: [fileURLToPath(new URL("./vectors.ts", import.meta.url))], outfile: join(dir, "vectors.js"),
    bundle: true, format: "esm", platform: "neutral", target: "es2022", logLevel: "silent",
  });
  writeFileSync(join(dir, "main.js"), `import { runVectors } from "./vectors.js";
try { globalThis.__nninit = runVectors(); } catch (e) { globalThis.__nninit = { error: String(e && e.stack || e) }; }
`);
  writeFileSync(join(dir, "index.html"), `<!doctype html><title>vectors</title><script type="module" src="./main.js"></script>`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
