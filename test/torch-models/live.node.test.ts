// nninit/torch against torch itself, when Debian's torch is installed (CI installs it): the
// reference script runs now, with extra cases too large to commit (resnet34/101/152, a nanoGPT
// with GPT-2's vocabulary), and every case is compared as in references.test.ts. Also checks that
// the committed references are what this torch writes.

import { describe, expect, it } from "vitest";
import committed from "./references.json" with { type: "json" };
import { differences, label, type References } from "./compare.js";
import { runModuleCase, runModelCase, toleranceOf } from "./run-case.js";
import { hasTorch, runScript } from "./torch-python.js";

describe.skipIf(!hasTorch)("live torch (/usr/bin/python3 with torch and torchvision)", () => {
  let live: References;
  it("the reference script runs (default dispatch and ATEN_CPU_CAPABILITY=default)", () => {
    live = JSON.parse(runScript(["references", "--live"]));
    expect(live.cases.length).toBeGreaterThan((committed as unknown as References).cases.length);
  }, 600_000);

  it("writes the committed references (same torch, same data)", () => {
    const key = (c: References["cases"][number]) => label(c);
    const now = new Map(live.cases.map((c) => [key(c), c]));
    for (const c of (committed as unknown as References).cases) expect(now.get(key(c)), key(c)).toEqual(c);
  });

  it("every case, including resnet34/101/152 and a 50257-token nanoGPT, equals nninit bit for bit", async () => {
    const failures: string[] = [];
    for (const c of live.cases) {
      const diffs = c.kind === "module" ? await (async () => {
        const { tensors, after } = runModuleCase(c);
        const d = await differences(c, tensors, toleranceOf(c));
        if (JSON.stringify(after) !== JSON.stringify({ uniform: c.after.uniform.map(Math.fround), normal: c.after.normal.map(Math.fround) })) d.push("next draws differ");
        return d;
      })() : await differences(c, runModelCase(c), toleranceOf(c));
      if (diffs.length > 0) failures.push(`${label(c)}: ${diffs.slice(0, 3).join("; ")}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

if (!hasTorch) describe("live torch", () => {
  it.skip("skipped: /usr/bin/python3 cannot import torch and torchvision (apt-get install python3-torch python3-torchvision)", () => {});
});
