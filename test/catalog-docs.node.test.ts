// The README documents every catalog entry: a row of an initializer table for each function, and
// each nninit/tfjs class in the TensorFlow.js section's class list. (The demo's coverage is
// checked in test/demo/: it offers and draws every entry.)

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { catalog } from "../src/index.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The text of the README section under `heading`, up to the next heading of the same level. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, `README has no "${heading}" section`).toBeGreaterThanOrEqual(0);
  const level = heading.split(" ")[0];
  const end = README.indexOf(`\n${level} `, start + heading.length + 2);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The names in backticks in the first cell of each table row: "| `a`, `b` | ..." gives a and b. */
function tableNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1] ?? "";
    for (const m of first.matchAll(/`([A-Za-z]+)/g)) names.add(m[1]);
  }
  return names;
}

describe("README", () => {
  it.each(catalog.map((e) => e.name))("has a row for %s in its initializer tables", (name) => {
    expect([...tableNames(section("## Initializers"))]).toContain(name);
  });

  it.each(catalog.map((e) => e.tfjs.className))("lists the nninit/tfjs class %s", (className) => {
    const classes = /\*\*Classes:\*\*([^*]*)/.exec(section("## TensorFlow.js"))?.[1] ?? "";
    expect(classes.split(/[\s,.]+/).filter(Boolean)).toContain(className);
  });
});
