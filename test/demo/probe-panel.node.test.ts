// The demo page's probe panel (demo/src/probe-panel.ts), built and served like test/demo's other
// test, in headless Chromium: the default comparison (relu, 8 layers of 256; normal(0, 0.01),
// xavierNormal, kaimingNormal (relu), zeros) runs in a Worker while the page keeps answering,
// then draws, and the panel's screenshot lands in test-results/probe-panel.png
// (docs/probe-panel.png is a committed copy of one, shown in the README).

import { afterAll, expect, it } from "vitest";
import { build, preview, type PreviewServer } from "vite";
import { chromium, type Browser } from "playwright";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "../browser/chromium.js";
import { ROOT, requireBuilt } from "../bundlers/harness.js";

const configFile = join(ROOT, "demo/vite.config.js");
const outDir = mkdtempSync(join(tmpdir(), "nninit-demo-probe-"));
let server: PreviewServer | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

it("the probe panel compares four initializers in a Worker and draws histograms, gradients and loss curves", async () => {
  requireBuilt();
  await build({ configFile, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile, logLevel: "silent", build: { outDir }, preview: { port: 0, open: false } });
  const url = server.resolvedUrls!.local[0]!;

  browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  await page.goto(url);

  await page.fill("#probe-layers", "8");
  await page.selectOption("#probe-width", "256");
  await page.selectOption("#probe-activation", "relu");
  await page.click("#probe-run");
  // The page answers while the worker computes.
  expect(await page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(document.body.dataset.probeDone === undefined))))).toBe(true);
  await page.waitForSelector("body[data-probe-done]", { timeout: 300_000 });

  const status = (await page.textContent("#probe-status"))!;
  expect(status).toMatch(/^done in [\d.]+ s/);
  // zeros: 1 unit left and no progress from ln 2; He (relu) learns.
  expect(status).toMatch(/hidden units after 3 gradient steps \(dead ReLUs count as one\): .*zeros 1\./);
  const finals = status.slice(status.indexOf("Final loss"));
  expect(finals).toMatch(/zeros 0\.693/);
  const he = Number(/kaimingNormal\(\{"nonlinearity":"relu"\}\) ([\d.]+)/.exec(finals)?.[1]);
  expect(he).toBeLessThan(0.6);
  const canvases = await page.$$eval("section.probe canvas", (cs) => (cs as HTMLCanvasElement[]).map((c) => ({ id: c.id, w: c.width, h: c.height })));
  expect(canvases.map((c) => c.id)).toEqual(["probe-histograms", "probe-grads", "probe-loss"]);
  for (const c of canvases) expect(c.w * c.h).toBeGreaterThan(0);

  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  await page.locator("section.probe").screenshot({ path: join(ROOT, "test-results/probe-panel.png") });
  expect(errors).toEqual([]);
}, 400_000);
