// The sample extractor itself: which blocks it takes, where it says they are, their flags.
import { expect, it } from "vitest";
import { jsdocSamples, markdownSamples, noRunReason, parseInfo, unknownFlag } from "./extract.js";

it("takes ts, js and sh fences (and their long names), with their flags and first code line", () => {
  const md = ["# t", "```ts", "const a = 1;", "```", "```text", "out", "```", "```bash no-run", "# no-run: needs a GPU cluster", "nninit x", "```", "````javascript cjs", "require('x')", "````", "```python", "x = 1", "```"].join("\n");
  const s = markdownSamples(md, "doc.md");
  expect(s.map((x) => [x.lang, [...x.flags], x.line, x.code])).toEqual([
    ["ts", [], 3, "const a = 1;\n"],
    ["sh", ["no-run"], 9, "# no-run: needs a GPU cluster\nnninit x\n"],
    ["js", ["cjs"], 13, "require('x')\n"],
  ]);
  expect(s[1].reason).toBe("needs a GPU cluster");
});

it("takes a fence indented in a list, without the indent", () => {
  const s = markdownSamples(["- item", "  ```sh", "  nninit models", "  ```"].join("\n"), "d.md");
  expect(s.map((x) => x.code)).toEqual(["nninit models\n"]);
});

it("reads JSDoc @example blocks, fenced or not, and stops at the next tag", () => {
  const src = [
    "/**", " * Does x.", " * @example", " * const a = f(1);", " * a + 1;", " * @param x the x", " */", "export function f() {}",
    "/**", " * @example Two rows", " * ```ts", " * import { f } from \"nninit\";", " * ```", " */",
  ].join("\n");
  const s = jsdocSamples(src, "src/x.ts");
  expect(s.map((x) => [x.lang, x.line, x.code])).toEqual([
    ["ts", 4, "const a = f(1);\na + 1;\n"],
    ["ts", 12, "import { f } from \"nninit\";\n"],
  ]);
});

it("knows its flags and finds the no-run reason", () => {
  expect(parseInfo("ts gpu exit=3").flags).toEqual(new Set(["gpu", "exit=3"]));
  expect(parseInfo("json").lang).toBeUndefined();
  const sample = (info: string) => ({ file: "f", line: 1, code: "", reason: "", ...parseInfo(info) }) as Parameters<typeof unknownFlag>[0];
  expect(unknownFlag(sample("ts norun"))).toBe("norun");
  expect(unknownFlag(sample("sh exit=3 no-run"))).toBeUndefined();
  expect(noRunReason("x\n// no-run: needs a page (document)\n")).toBe("needs a page (document)");
  expect(noRunReason("x\n")).toBe("");
});
