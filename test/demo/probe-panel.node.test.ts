// The demo page's probe panel (demo/src/probe-panel.ts), built and served by test/demo/serve.ts,
// in headless Chromium. Without a click, the default comparison (relu, 8 layers of 128;
// normal(0, 0.01), xavierNormal, kaimingNormal (relu), zeros) runs in a Worker on load while the
// page keeps answering, draws, and says what it shows: He keeps the activations' spread, Xavier
// and the small normal shrink it, zeros collapse and do not learn. The screenshots of the page as
// loaded land in test-results/demo.png and test-results/probe-panel.png (docs/ holds committed
// copies, shown in the README). Then the button runs another comparison (tanh).

import { expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { openDemoPage } from "./serve.js";

it("the probe panel runs on load, draws, and its summary states the lesson; the button runs another comparison", async () => {
  const { page, errors } = await openDemoPage({ width: 1000, height: 900 });

  // The page answers while the worker computes (nothing clicked).
  expect(await page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(document.body.dataset.probeDone === undefined))))).toBe(true);
  const t0 = Date.now();
  await page.waitForSelector("body[data-probe-done]", { timeout: 120_000 });
  const seconds = (Date.now() - t0) / 1000;

  expect(await page.inputValue("#probe-layers")).toBe("8");
  expect(await page.inputValue("#probe-width")).toBe("128");
  expect(await page.inputValue("#probe-activation")).toBe("relu");
  const lesson = (await page.textContent("#probe-lesson"))!;
  expect(lesson).toMatch(/^Through 8 relu layers of 128, only kaimingNormal \(relu\) keeps the activations' spread \(std 0\.\d+ at layer 1, 0\.\d+ at layer 8, ×(0\.9\d|1\.\d\d) a layer\)\./);
  expect(lesson).toMatch(/xavierNormal shrinks it ×0\.7\d a layer/);
  expect(lesson).toMatch(/normal\(0, 0\.01\) shrinks it ×0\.\d+ a layer/);
  expect(lesson).toMatch(/zeros collapses: every activation is 0 and all 128 units of a layer are identical \(1 distinct\)/);
  const training = (await page.textContent("#probe-training"))!;
  expect(training).toMatch(/^Training a small relu network \(2-16-16-1\) from each for 200 steps, final loss: /);
  // zeros: no progress from ln 2; He (relu) learns.
  expect(training).toMatch(/zeros 0\.693 \(no progress\)/);
  const he = Number(/kaimingNormal \(relu\) ([\d.]+)/.exec(training)?.[1]);
  expect(he).toBeLessThan(0.35);
  expect(training).toMatch(/kaimingNormal \(relu\) learn/);
  expect(training).toMatch(/zeros do(es)? not\.$/);
  expect(await page.textContent("#probe-status")).toMatch(/^done in [\d.]+ s, in a worker\.$/);
  expect(await page.$$eval("#probe-legend span", (s) => s.map((x) => x.textContent))).toEqual(["normal(0, 0.01)", "xavierNormal", "kaimingNormal (relu)", "zeros"]);
  const canvases = await page.$$eval("section.probe canvas", (cs) => (cs as HTMLCanvasElement[]).map((c) => ({ id: c.id, w: c.width, h: c.height })));
  expect(canvases.map((c) => c.id)).toEqual(["probe-histograms", "probe-grads", "probe-loss"]);
  for (const c of canvases) expect(c.w * c.h).toBeGreaterThan(0);

  // The page as loaded, down to the probe panel's legend; and the panel alone.
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const bottom = await page.$eval("#probe-legend", (e) => Math.ceil(e.getBoundingClientRect().bottom + window.scrollY + 12));
  await page.screenshot({ path: join(ROOT, "test-results/demo.png"), fullPage: true, clip: { x: 0, y: 0, width: 1000, height: bottom } });
  const box = (await page.locator("section.probe").boundingBox())!;
  await page.screenshot({ path: join(ROOT, "test-results/probe-panel.png"), fullPage: true, clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });

  // The button: tanh, 6 layers of 64, Xavier with tanh's gain against the small normal.
  await page.selectOption("#probe-activation", "tanh");
  await page.fill("#probe-layers", "6");
  await page.selectOption("#probe-width", "64");
  await page.selectOption("#probe-init-0", "xavierNormal (tanh)");
  await page.selectOption("#probe-init-1", "normal(0, 0.01)");
  await page.selectOption("#probe-init-2", "");
  await page.selectOption("#probe-init-3", "");
  await page.click("#probe-run");
  await page.waitForSelector("body[data-probe-done]", { timeout: 120_000 });
  expect(await page.textContent("#probe-lesson")).toMatch(/^Through 6 tanh layers of 64, only xavierNormal \(tanh\) keeps the activations' spread .*normal\(0, 0\.01\) shrinks it/);
  expect(errors).toEqual([]);
  console.log(`probe panel on load: done ${seconds.toFixed(1)} s after the page loaded`);
}, 400_000);
