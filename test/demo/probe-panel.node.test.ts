// The demo page's probe panel (demo/src/probe-panel.ts), built and served by test/demo/serve.ts,
// in headless Chromium: the default comparison (relu, 8 layers of 256; normal(0, 0.01),
// xavierNormal, kaimingNormal (relu), zeros) runs in a Worker while the page keeps answering,
// then draws, and the panel's screenshot lands in test-results/probe-panel.png
// (docs/probe-panel.png is a committed copy of one, shown in the README).

import { expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { openDemoPage } from "./serve.js";

it("the probe panel compares four initializers in a Worker and draws histograms, gradients and loss curves", async () => {
  const { page, errors } = await openDemoPage({ width: 1100, height: 900 });

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
