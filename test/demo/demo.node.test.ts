// The demo page (demo/): a Vite production build, served by `vite preview` on 127.0.0.1, opened
// in headless Chromium. It draws one initializer (statistics next to their expected values), in
// each dtype; a bad options box or a bad option is reported next to the box and the last good
// chart and statistics stay; it offers every catalog entry and draws each one's preset against
// its law, runs the benchmark (three contestants with a rate each), and leaves a full-page
// screenshot in test-results/demo-full.png. (docs/demo.png, the page as loaded, comes from
// probe-panel.node.test.ts.)

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

  // Invalid JSON in the options box: the error next to the box, the chart and statistics kept.
  const chart = () => page.$eval("#histogram", (c) => (c as HTMLCanvasElement).toDataURL());
  const table = () => page.innerHTML("#stats");
  const drawn = async () => Number(await page.getAttribute("body", "data-drawn"));
  const [goodChart, goodTable, draws] = [await chart(), await table(), await drawn()];
  await page.fill("#options", '{"layout": "keras"');
  await page.click("#draw");
  expect(await page.textContent("#options-error")).toMatch(/^invalid JSON: .+ \(chart kept\)$/);
  expect(await page.getAttribute("#options", "aria-invalid")).toBe("true");
  expect(await table()).toBe(goodTable);
  expect(await chart()).toBe(goodChart);
  expect(await drawn()).toBe(draws);
  await page.fill("#options", "[1, 2]"); // JSON, but not an object
  await page.click("#draw");
  expect(await page.textContent("#options-error")).toMatch(/^invalid JSON: expected a JSON object/);
  // An option the initializer refuses: its own message, under the controls; the chart kept.
  await page.fill("#options", '{"layout": "sideways"}');
  await page.click("#draw");
  expect(await page.textContent("#options-error")).toBe("");
  expect(await page.textContent("#error")).toBe('heNormal: layout must be "torch", "keras" or { inAxis, outAxis }, got "sideways" (the chart shows the last good draw)');
  expect(await table()).toBe(goodTable);
  expect(await chart()).toBe(goodChart);
  // Fixed: drawn again, the errors cleared.
  await page.fill("#options", "{}");
  await page.click("#draw");
  expect(await drawn()).toBeGreaterThan(draws);
  expect(await page.textContent("#error")).toBe("");
  expect(await page.getAttribute("#options", "aria-invalid")).toBe(null);
  expect(await chart()).toBe(goodChart); // same seed, same values, same picture

  // dtype: the same draw in float16 and bfloat16 (2 bytes a value, fewer distinct values), same law.
  const distinct = async () => Number((await cell("distinct"))!.replace(/,/g, ""));
  expect(await cell("dtype")).toBe("float32");
  expect(await cell("dtype", "e")).toBe("294,912 bytes");
  const distinct32 = await distinct();
  expect(distinct32).toBeGreaterThan(70_000); // 73,728 float32 normals: a few repeats
  for (const [dtype, most] of [["float16", 20_000], ["bfloat16", 3_000]] as const) {
    await page.selectOption("#dtype", dtype);
    await page.waitForFunction((d) => document.querySelector('#stats tr[data-k="dtype"] .v')?.textContent === d, dtype);
    expect(await cell("dtype", "e")).toBe("147,456 bytes, bits decoded to plot");
    expect(await cell("n")).toBe("73,728");
    // float16 has 10 mantissa bits, bfloat16 7: a few thousand (bfloat16) or ten thousand values at most
    expect(await distinct(), dtype).toBeLessThan(most);
    expect(Math.abs(Number(await cell("std")) / expected - 1), dtype).toBeLessThan(0.02);
    expect(await page.textContent("#error")).toBe("");
  }
  await page.selectOption("#dtype", "float32");

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
  await page.screenshot({ path: join(ROOT, "test-results/demo-full.png"), fullPage: true });
  expect(errors).toEqual([]);
}, 60_000);
