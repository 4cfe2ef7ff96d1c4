// The demo page (demo/): a Vite production build, served by `vite preview` on 127.0.0.1, opened
// in headless Chromium. It draws one initializer (statistics next to their expected values),
// offers every catalog entry and draws each one's preset against its law, runs the benchmark
// (three contestants with a rate each), and leaves a screenshot in
// test-results/demo.png (docs/demo.png is a committed copy of one).

import { expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { F32_EPSILON } from "../stats.js";
import { TRUNCATED_STD, catalog } from "../../src/index.js";
import { openDemoPage } from "./serve.js";

it("the demo page draws an initializer against its law and runs the benchmark", async () => {
  const { page, url, errors } = await openDemoPage({ width: 1100, height: 740 });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  // One initializer: He normal on a Keras conv kernel, seed 7.
  await page.selectOption("#init", "heNormal");
  await page.fill("#shape", "3, 3, 64, 128");
  await page.fill("#seed", "7");
  await page.click("#draw");
  const cell = (k: string, c = "v") => page.textContent(`#stats tr[data-k="${k}"] .${c}`);
  await page.waitForSelector('#stats tr[data-k="std"]');
  expect(await cell("n")).toBe("73,728");
  expect(await cell("fans")).toBe("576 / 1152");
  const std = Number(await cell("std")), expected = Math.sqrt(2 / 576);
  expect(await cell("std", "e")).toBe(`expected ${expected.toPrecision(5)}`);
  expect(Math.abs(std / expected - 1)).toBeLessThan(0.02); // 73,728 values: sampling error ~0.3%
  expect(Math.abs(Number(await cell("mean")))).toBeLessThan(0.002);
  const bound = (2 * expected) / TRUNCATED_STD;
  expect(Number(await cell("max"))).toBeLessThanOrEqual(bound * (1 + F32_EPSILON));
  expect(Number(await cell("min"))).toBeGreaterThanOrEqual(-bound * (1 + F32_EPSILON));
  expect(await cell("bounds")).toBe(`[${(-bound).toPrecision(5)}, ${bound.toPrecision(5)}]`);
  expect(await page.textContent("#error")).toBe("");
  // a fill too fast for the clock is repeated until measurable: a rate or a range, never Infinity
  await page.fill("#shape", "2, 2");
  await page.click("#draw");
  await page.waitForFunction(() => document.querySelector('#stats tr[data-k="n"] .v')?.textContent === "4");
  expect(await cell("time", "e")).toMatch(/^(> )?\d+(\.\d+)?(–\d+(\.\d+)?)? M elements\/s, allocation included, mean of \d+ fills$/);

  // Every catalog entry is offered, and its preset draws against its law without an error.
  expect(await page.$$eval("#init option", (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(catalog.map((e) => e.name));
  for (const { name } of catalog) {
    await page.selectOption("#init", name);
    expect(await page.textContent("#error"), name).toBe("");
    expect(await cell("law"), name).toMatch(/\S/);
    expect(Number((await cell("n"))!.replace(/,/g, "")), name).toBeGreaterThan(0);
  }

  // One benchmark, on 2^20 elements.
  await page.selectOption("#bench-size", String(1 << 20));
  await page.click("#bench");
  await page.waitForSelector("body[data-bench-done]", { timeout: 40_000 });
  const rows = await page.$$eval("#bench-results tr[data-name]", (trs) => trs.map((tr) => ({ name: tr.dataset.name, rate: Number(tr.dataset.rate), shown: tr.querySelector(".v")?.textContent })));
  expect(rows.map((r) => r.name)).toEqual(["nninit", "tfjs", "plain JS"]);
  for (const r of rows) {
    expect(r.rate).toBeGreaterThan(0);
    expect(Number.isFinite(r.rate)).toBe(true);
    expect(r.shown).toMatch(/^(> )?\d+(\.\d+)?(–\d+(\.\d+)?)? M\/s$/);
  }
  expect(await page.textContent("#bench-summary")).toMatch(/^nninit: [\d.]+× tfjs, [\d.]+× plain JS$/);

  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "test-results/demo.png"), fullPage: true });
  expect(errors).toEqual([]);
}, 60_000);
