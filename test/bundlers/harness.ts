// Shared by the bundler tests: a throwaway project that depends on nninit exactly as an
// installed package (node_modules/nninit -> this repo, so the package.json `exports` map decides
// what loads), a static HTTP server, and Debian's headless Chromium driven by playwright.
// Every test runs the same probe, written as plain JS, and compares it with the probe run
// here on the sources.

import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../browser/chromium.js";
import * as nninit from "../../src/index.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The names the probe uses: every entry imports exactly these from "nninit". */
export const NAMES = "normal, uniform, truncNormal, Generator, activeBuild";

/** What every entry computes: a few fills from one generator, as hex words, and the build that ran them. */
export const PROBE = `({ normal, uniform, truncNormal, Generator, activeBuild }) => {
  const hex = (x) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length), (w) => w.toString(16));
  const g = new Generator(42);
  return {
    normal: hex(normal([4, 4], { generator: g, std: 0.02 })),
    uniform: hex(uniform(70000, { generator: g, a: -1, b: 1, range: [65530, 65540] })),
    truncNormal: hex(truncNormal(16, { generator: g })),
    position: g.position,
    build: activeBuild(),
  };
}`;

export type ProbeResult = { normal: string[]; uniform: string[]; truncNormal: string[]; position: number; build: string };

/** The probe on the sources, in this process: what every build must reproduce. */
export function expectedProbe(): ProbeResult {
  return (new Function(`return ${PROBE}`)() as (m: typeof nninit) => ProbeResult)(nninit);
}

/** Entry source: a plain ESM import of the package, the probe, and `report(result)`. */
export function esmEntry(report: string): string {
  return `import { ${NAMES} } from "nninit";\nconst result = (${PROBE})({ ${NAMES} });\n${report}\n`;
}

/** Fails early with a clear message when the package was not built (npm test builds first). */
export function requireBuilt(): void {
  for (const file of ["dist/esm/index.js", "dist/cjs/index.cjs", "dist/esm/index.d.ts", "dist/cjs/index.d.cts"]) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
}

/** A temporary project with nninit installed (symlinked) and the given files. */
export function tempProject(files: Record<string, string>): { dir: string; remove: () => void } {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), "nninit-bundler-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "nninit"), "dir");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const MIME: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".map": "application/json" };

/** The headers that make a page cross-origin isolated (SharedArrayBuffer available). */
export const CROSS_ORIGIN_ISOLATED: Record<string, string> = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

/** Serves `dir` over http://127.0.0.1 (module scripts and module Workers need an http origin), with extra response `headers`. */
export async function serve(dir: string, headers: Record<string, string> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)));
    const file = path.endsWith(sep) ? join(path, "index.html") : path;
    if (file === join(dir, "favicon.ico")) {
      res.writeHead(204).end();
      return;
    }
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...headers, "content-type": MIME[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** How a page is run: the server's extra response headers; whether console errors are expected (a CSP report). */
export interface PageOptions { headers?: Record<string, string>; consoleErrors?: boolean }

/**
 * Opens `url` in headless Chromium and waits until the page sets `globalThis.__nninit`; returns
 * it. A page error, a console error (unless expected) or a failed request fails the run with that error.
 */
async function runInChromium<T>(url: string, options: PageOptions = {}): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
  try {
    const page: Page = await browser.newPage();
    const failure = new Promise<never>((_, reject) => {
      page.on("pageerror", (e) => reject(new Error(`page error: ${e.message}`)));
      page.on("response", (r) => { if (r.status() >= 400) reject(new Error(`HTTP ${r.status()} for ${r.url()}`)); });
      page.on("console", (m) => {
        if (m.type() === "error" && !options.consoleErrors && !m.text().startsWith("Failed to load resource")) reject(new Error(`console error: ${m.text()}`));
      });
    });
    failure.catch(() => {}); // errors after the result are not this run's concern
    await page.goto(url);
    const done = page.waitForFunction(() => (globalThis as { __nninit?: unknown }).__nninit !== undefined, null, { timeout: 20_000 });
    await Promise.race([done, failure]);
    return await page.evaluate(() => (globalThis as unknown as { __nninit: T }).__nninit);
  } finally {
    await browser.close();
  }
}

/** Serves `dir` and runs its index.html in Chromium (see runInChromium). */
export async function runDirInChromium<T>(dir: string, options: PageOptions = {}): Promise<T> {
  const server = await serve(dir, options.headers);
  try {
    return await runInChromium<T>(server.url, options);
  } finally {
    await server.close();
  }
}

/** The page that reports in the browser: a module script setting `globalThis.__nninit`. */
export const BROWSER_REPORT = "globalThis.__nninit = result;";

/** The message every entry point throws at first use when the engine has no WebAssembly. */
export const NO_WASM_MESSAGE = "nninit: this environment has no WebAssembly; nninit needs WebAssembly (any browser or Node since 2017)";
