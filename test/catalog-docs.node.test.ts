// The guides document every catalog entry: a row of an initializer table of docs/initializers.md
// for each function, and each nninit/tfjs class in docs/tfjs.md's class list. (The demo's
// coverage is checked in test/demo/: it offers and draws every entry.)

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { catalog } from "../src/index.js";

const INITIALIZERS = readFileSync(new URL("../docs/initializers.md", import.meta.url), "utf8");
const TFJS = readFileSync(new URL("../docs/tfjs.md", import.meta.url), "utf8");

/** The text of a guide's section under `heading`, up to the next heading of the same level. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n${heading}\n`);
  expect(start, `no "${heading}" section`).toBeGreaterThanOrEqual(0);
  const level = heading.split(" ")[0];
  const end = doc.indexOf(`\n${level} `, start + heading.length + 2);
  return doc.slice(start, end < 0 ? undefined : end);
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

describe("the guides", () => {
  it.each(catalog.map((e) => e.name))("docs/initializers.md has a row for %s in its initializer tables", (name) => {
    const tables = section(INITIALIZERS, "## torch.nn.init") + section(INITIALIZERS, "## Keras, TF.js and JAX");
    expect([...tableNames(tables)]).toContain(name);
  });

  it.each(catalog.map((e) => e.tfjs.className))("docs/tfjs.md lists the nninit/tfjs class %s", (className) => {
    const classes = /\*\*Classes:\*\*([^*]*)/.exec(TFJS)?.[1] ?? "";
    expect(classes.split(/[\s,.]+/).filter(Boolean)).toContain(className);
  });
});
