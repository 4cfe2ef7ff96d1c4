// The demo page (demo/) as both demo tests open it: a Vite production build into a temporary
// folder, served by `vite preview` on 127.0.0.1 (port 0), opened in headless Chromium with page
// errors and console errors collected. Everything is closed and removed when the test that opened it finishes
// (call it inside the test).

import { onTestFinished } from "vitest";
import { build, preview, type PreviewServer } from "vite";
import { chromium, type Browser, type Page } from "playwright";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../browser/chromium.js";
import { ROOT, requireBuilt } from "../bundlers/harness.js";

export interface DemoPage {
  page: Page;
  /** The URL the page was opened at. */
  url: string;
  /** Page errors and console errors, in order; a passing test expects none. */
  errors: string[];
}

/** Builds and serves the demo, and opens it in a fresh headless Chromium at `viewport`. */
export async function openDemoPage(viewport: { width: number; height: number }): Promise<DemoPage> {
  requireBuilt();
  const configFile = join(ROOT, "demo/vite.config.js");
  const outDir = mkdtempSync(join(tmpdir(), "nninit-demo-"));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  onTestFinished(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });
  await build({ configFile, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile, logLevel: "silent", build: { outDir }, preview: { port: 0, open: false } });
  const url = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  await page.goto(url);
  return { page, url, errors };
}
