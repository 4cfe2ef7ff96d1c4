// Every file in the published tarball is used: it is an entry named by package.json (exports,
// main, module, types, typesVersions), a file those reach through relative imports, or one of
// the documents: package.json, and what its `files` lists outside dist/ (the README, the guides
// and what they link to; links.node.test.ts checks the links). Nothing else ships (no
// unreferenced declarations, no sources).
import { afterAll, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { pack } from "./pack.js";

const packed = pack();
afterAll(packed.remove);

/** package.json's `files` outside dist/, its `*` patterns expanded in the repository (one directory level, as used). */
function documents(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
  const found = pkg.files.filter((f) => f !== "dist").flatMap((pattern) => {
    if (!pattern.includes("*")) return [pattern];
    const dir = dirname(pattern);
    const re = new RegExp(`^${pattern.slice(dir.length + 1).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*")}$`);
    return readdirSync(join(ROOT, dir)).filter((name) => re.test(name)).map((name) => `${dir}/${name}`);
  });
  return ["package.json", ...found];
}

const DOCUMENTS = documents();

it("ships the README, license, changelog and the guides", () => {
  for (const doc of ["README.md", "LICENSE", "CHANGELOG.md", "docs/README.md", "docs/initializers.md"]) expect(DOCUMENTS).toContain(doc);
});

/** Every string leaf of package.json's entry fields. */
function namedByPackageJson(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const leaves: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") leaves.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk([pkg.exports, pkg.main, pkg.module, pkg.types, pkg.typesVersions, pkg.bin]);
  return leaves.map((p) => normalize(p)).filter((p) => !DOCUMENTS.includes(p));
}

/** The relative specifiers a built file imports (import/export from, import(), require()). */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = [...text.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  // A declaration file names the code beside its sibling declarations ("./x.cjs" -> "./x.d.cts").
  const declaration = (s: string) => (file.endsWith(".d.cts") ? s.replace(/\.cjs$/, ".d.cts") : file.endsWith(".d.ts") ? s.replace(/\.js$/, ".d.ts") : s);
  return found.map((s) => normalize(join(dirname(file), declaration(s))));
}

it("ships only package.json's entries, what they import, and the documents", () => {
  const reached = new Set<string>();
  const queue = namedByPackageJson();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    queue.push(...relativeImports(file));
  }
  const expected = [...reached, ...DOCUMENTS].sort();
  expect(packed.files).toEqual(expected);
});

it("the entries and the documents are in the tarball", () => {
  for (const file of [...namedByPackageJson(), ...DOCUMENTS]) expect(packed.files).toContain(file);
});
