// Same bits in SpiderMonkey: the golden vectors, SIMD = scalar = JS reference, and digests of
// large fills (uniform, normal, truncNormal, fan-scaled, orthogonal, sparse) run in Debian's
// headless Firefox ESR, driven by puppeteer-core over WebDriver BiDi, and must equal what the same
// code gives here in Node (V8). FIREFOX_PATH (set by .ci/run) or /usr/bin/firefox-esr.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import puppeteer from "puppeteer-core";
import { serve } from "../bundlers/harness.js";
import { bundleVectors, type VectorsBundle } from "./bundle.js";
import { runVectors } from "./vectors.js";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const expected = runVectors();
let bundle: VectorsBundle;
let got: Record<string, string> & { error?: string };
let userAgent = "";

beforeAll(async () => {
  bundle = await bundleVectors();
  const server = await serve(bundle.dir);
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as { __nninit?: unknown }).__nninit !== undefined, { timeout: 120_000 });
    got = await page.evaluate(() => (globalThis as unknown as { __nninit: Record<string, string> }).__nninit);
    userAgent = await page.evaluate(() => navigator.userAgent);
  } finally {
    await browser.close();
    await server.close();
  }
}, 240_000);
afterAll(() => bundle?.remove());

describe("Firefox (SpiderMonkey) gives Node's bits", () => {
  it("ran in Firefox, SIMD and scalar builds", () => {
    expect(got.error).toBeUndefined();
    expect(userAgent).toMatch(/Firefox\/\d+/);
    expect(Object.keys(got).some((k) => k.startsWith("simd: "))).toBe(true);
  });

  it.each(Object.keys(expected))("%s", (name) => {
    expect(got[name]).toBe(expected[name]);
  });
});
