// Every runtime export of every entry of the package has a JSDoc summary and at least one
// @example with a ```ts block, so that a new export cannot go undocumented (the API reference,
// `npm run docs`, is generated from these comments; test/docs runs the examples). Types are held
// to a summary by TypeDoc's notDocumented validation in `npm run docs`. Each entry's page in the
// reference comes from its file's leading `@module` comment: a summary, an example and a link to
// its guide (an unpkg URL of this version, as the README links them).
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import ts from "typescript";
import { apiExports, API_ENTRIES, type ApiExport } from "./api-exports.js";

const all: ApiExport[] = apiExports();

describe("API reference coverage", () => {
  it("covers the package's subpath entries, as scripts/build-ts.mjs lists them", () => {
    const build = readFileSync(new URL("../../scripts/build-ts.mjs", import.meta.url), "utf8");
    const listed = [...build.matchAll(/\{ subpath: "\.(\/[^"]*)?", source: "([^"]+)"/g)].map((m) => ({ specifier: `nninit${m[1] ?? ""}`, source: m[2] }));
    expect(API_ENTRIES).toEqual(listed);
  });

  it("documents the same entries in typedoc.json (npm run docs)", () => {
    const text = readFileSync(new URL("../../typedoc.json", import.meta.url), "utf8");
    const { config, error } = ts.parseConfigFileTextToJson("typedoc.json", text);
    expect(error).toBeUndefined();
    expect((config as { entryPoints: string[] }).entryPoints).toEqual(API_ENTRIES.map((e) => e.source));
  });

  it("finds the exports (a reader that finds nothing would pass everything)", () => {
    for (const { specifier } of API_ENTRIES) expect(all.filter((x) => x.entry === specifier).length, specifier).toBeGreaterThan(0);
    expect(all.map((x) => x.name)).toContain("initializers.heNormal");
  });

  it("gives every runtime export a summary and a ```ts @example", () => {
    const lacking = all
      .filter((x) => !x.summary || !x.examples.some((e) => /```ts\b/.test(e)))
      .map((x) => `${x.entry} ${x.name}: ${x.summary ? "" : "no summary; "}${x.examples.some((e) => /```ts\b/.test(e)) ? "" : "no ```ts @example"}`);
    expect(lacking).toEqual([]);
  });
});

describe("API reference entry pages", () => {
  const root = new URL("../../", import.meta.url);
  const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string };
  for (const { specifier, source } of API_ENTRIES) {
    it(`${specifier}: ${source} opens with an @module comment (summary, example, guide link)`, () => {
      const text = readFileSync(new URL(source, root), "utf8");
      const m = /^\/\*\*\n([\s\S]*?)\*\/\n/.exec(text);
      expect(m, `${source} starts with a /** ... */ comment`).not.toBeNull();
      const body = (m?.[1] ?? "").split("\n").map((l) => l.replace(/^ \* ?| \*$/, "")).join("\n");
      expect(body).toContain(`@module ${specifier}\n`);
      expect(body.split("\n")[0].trim().length, "a summary first").toBeGreaterThan(20);
      expect(body).toMatch(/@example\n```ts\b/);
      const links = [...body.matchAll(/\]\((https:\/\/unpkg\.com\/nninit@([^/]+)\/([^)#]+))/g)];
      expect(links.length, "a link to its guide").toBeGreaterThan(0);
      for (const [, url, v, path] of links) {
        expect(v, `${url}: the version of package.json`).toBe(version);
        expect(existsSync(new URL(path, root)), `${url}: ${path} exists`).toBe(true);
      }
    });
  }
});
