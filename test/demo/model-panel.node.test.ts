// The demo page's model panel (demo/src/model-panel.ts, gpu-panel.ts), built and served by
// test/demo/serve.ts, in headless Chromium:
// - "download this model as safetensors": the browser writer's Blob arrives as a download whose
//   bytes nninit's reader parses, with every tensor equal to the recipe regenerated here in Node
//   (GPT-2 tiny, seed 3, float16: the panel's inputs reach the file), and `nninit verify` passes it;
// - the GPU panel, on Chromium's software adapter (SwiftShader, --enable-unsafe-webgpu in
//   CHROMIUM_ARGS): a tiny GPT-2 filled by nninit/webgpu, said to be tiny because the adapter is
//   software, read back, the same bits as the CPU, and the first values are the CPU's (computed
//   here in Node);
// - without navigator.gpu the panel says so and its button is off.

import { expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDemoPage } from "./serve.js";
import { main } from "../../src/cli/main.js";
import { loadFile, readSafetensorsHeader, bytesSource } from "../../src/io/index.js";
import { buildRecipe, resolveConfig, tensorSources } from "../../src/models/index.js";
import { Generator, normal, bfloat16Value } from "../../src/index.js";

/** What the panel's first model promises: GPT-2, 2 layers of 128, vocab 1,000, 256 positions. */
const TINY = { n_layer: 2, n_embd: 128, n_head: 4, vocab_size: 1000, n_positions: 256 };

it("the model panel downloads GPT-2 tiny as safetensors; the bytes parse and equal the recipe regenerated in Node", async () => {
  const { page, errors } = await openDemoPage({ width: 1100, height: 900 });
  await page.fill("#model-seed", "3");
  await page.selectOption("#model-dtype", "float16");
  expect(await page.inputValue("#model")).toBe("gpt2-tiny");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  expect(download.suggestedFilename()).toBe("gpt2-tiny-seed3-float16.safetensors");
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  await page.waitForFunction(() => /written in/.test(document.getElementById("download-status")!.textContent ?? ""));
  const status = (await page.textContent("#download-status"))!;
  expect(status).toBe(`gpt2-tiny-seed3-float16.safetensors: ${bytes.length.toLocaleString("en-US")} bytes, 28 tensors, 557,568 parameters, written in ${/in (\d+) ms$/.exec(status)![1]} ms`);

  const header = await readSafetensorsHeader(bytesSource(bytes, "download"));
  expect(header.metadata).toMatchObject({ format: "pt", nninit_recipe: "gpt2", nninit_seed: "3", nninit_dtype: "float16", nninit_generator: "tape" });
  // stamped as `nninit init` stamps its files, so `nninit verify` regenerates it byte for byte
  const file = join(mkdtempSync(join(tmpdir(), "nninit-demo-")), "model.safetensors");
  writeFileSync(file, bytes);
  let said = "";
  const sink = { write: (s: string) => { said += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  expect(await main(["verify", file], { stdout: sink, stderr: sink, quiet: true, signal: new AbortController().signal }), said).toBe(0);
  const recipe = buildRecipe(resolveConfig("gpt2", undefined, TINY));
  const tensors = await loadFile(bytes);
  expect([...tensors.keys()]).toEqual(recipe.tensors.map((t) => t.name));
  for (const source of tensorSources(recipe, 3, "float16")) {
    const n = source.shape.reduce((a, b) => a * b, 1);
    const want = new Uint16Array(n);
    await source.fill(want, 0, n);
    const got = tensors.get(source.name)!;
    expect(got.dtype, source.name).toBe("F16");
    expect(got.shape, source.name).toEqual(source.shape);
    expect(Buffer.from((got.data as Uint16Array).buffer, (got.data as Uint16Array).byteOffset, n * 2).equals(Buffer.from(want.buffer)), source.name).toBe(true);
  }
  expect(errors).toEqual([]);
}, 120_000);

it("the GPU panel fills a tiny GPT-2 on SwiftShader, says why it is tiny, and shows the CPU's bits; without navigator.gpu it says so", async () => {
  const { page, url, errors } = await openDemoPage({ width: 1100, height: 900 });
  expect(await page.evaluate(() => "gpu" in navigator)).toBe(true);
  await page.click("#gpu-run");
  await page.waitForSelector("body[data-gpu]", { timeout: 300_000 });
  const status = (await page.textContent("#gpu-status"))!;
  expect(await page.getAttribute("body", "data-gpu"), status).toBe("same");
  expect(status).toMatch(/^16 tensors of a tiny GPT-2 \(1 layer × 32, vocab 256: 21,984 values\), not GPT-2 small: this adapter \(.*swiftshader.*\) is software/i);
  expect(status).toMatch(/bfloat16, seed 0, exact precision, one command encoder/);
  const cell = (k: string) => page.textContent(`#gpu-results [data-k="${k}"]`);
  expect(await cell("same")).toBe("✓ all 16 tensors, 43,968 bytes identical");
  // The first values shown are the CPU's, computed here: transformer.wte.weight, N(0, 0.02²), seed 0, bfloat16.
  const first = Array.from(normal([256, 32], { std: 0.02, generator: new Generator(0), dtype: "bfloat16" }).subarray(0, 6), (b) => bfloat16Value(b).toFixed(5)).join(", ");
  expect(await cell("gpu-first")).toBe(`${first}, …`);
  expect(await cell("cpu-first")).toBe(`${first}, …`);
  expect(await cell("gpu-ms")).toMatch(/^\d+\.\d ms$/);

  // The fast precision gives the same bits on SwiftShader too.
  await page.selectOption("#gpu-precision", "fast");
  await page.click("#gpu-run");
  await page.waitForFunction(() => document.body.dataset.gpu !== undefined && /fast precision/.test(document.getElementById("gpu-status")!.textContent ?? ""), undefined, { timeout: 300_000 });
  expect(await page.getAttribute("body", "data-gpu")).toBe("same");

  // A browser without WebGPU.
  const bare = await page.context().browser()!.newPage();
  await bare.addInitScript(() => { delete (Navigator.prototype as { gpu?: unknown }).gpu; });
  await bare.goto(url);
  await bare.waitForSelector("body[data-gpu=missing]");
  expect(await bare.textContent("#gpu-status")).toMatch(/^This browser has no WebGPU \(navigator\.gpu is missing\)/);
  expect(await bare.isDisabled("#gpu-run")).toBe(true);
  expect(errors).toEqual([]);
}, 400_000);
