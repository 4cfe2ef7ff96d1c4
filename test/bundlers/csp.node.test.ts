// A strict Content-Security-Policy, sent as a real response header to headless Chromium: with
// `script-src 'self'` the browser refuses to compile WebAssembly, and the first fill throws
// nninit's error saying to allow 'wasm-unsafe-eval' (not the browser's bare CompileError); with
// `script-src 'self' 'wasm-unsafe-eval'` the same page fills with the same bits as Node.
import { afterAll, beforeAll, expect, it } from "vitest";
import { build } from "esbuild";
import { join } from "node:path";
import { tempProject, NAMES, PROBE, expectedProbe, runDirInChromium, type ProbeResult } from "./harness.js";

/** The probe, or the error of its first fill, as the page's result. */
const main = `import { ${NAMES} } from "nninit";
try {
  globalThis.__nninit = { ok: (${PROBE})({ ${NAMES} }) };
} catch (e) {
  globalThis.__nninit = { error: { name: e.name, message: e.message, cause: e.cause ? String(e.cause.name) : null } };
}
`;

const project = tempProject({
  "main.js": main,
  // No inline script: under script-src 'self' only same-origin files run.
  "public/index.html": `<!doctype html><title>csp</title><script type="module" src="./main.js"></script>`,
});
afterAll(project.remove);

beforeAll(async () => {
  await build({
    absWorkingDir: project.dir, entryPoints: ["main.js"], outfile: "public/main.js",
    bundle: true, platform: "browser", format: "esm", logLevel: "silent",
  });
});

type PageResult = { ok?: ProbeResult; error?: { name: string; message: string; cause: string | null } };
const page = (csp: string) => runDirInChromium<PageResult>(join(project.dir, "public"), { headers: { "content-security-policy": csp }, consoleErrors: true });

it("script-src 'self': the first fill throws nninit's error naming 'wasm-unsafe-eval'", async () => {
  const result = await page("script-src 'self'");
  expect(result.ok).toBeUndefined();
  expect(result.error?.name).toBe("Error");
  expect(result.error?.message).toMatch(/^nninit: the page's Content-Security-Policy does not allow WebAssembly\. Add 'wasm-unsafe-eval' to its script-src/);
  // The browser's own refusal is kept as the cause.
  expect(result.error?.cause).toBe("CompileError");
});

it("script-src 'self' 'wasm-unsafe-eval': the same page fills with the same bits as Node", async () => {
  const result = await page("script-src 'self' 'wasm-unsafe-eval'");
  expect(result.error).toBeUndefined();
  expect(result.ok).toEqual(expectedProbe());
});
