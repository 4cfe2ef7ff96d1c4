// The README renders on npm's page, which has no repository to resolve relative links against
// (package.json has no repository URL): so the README links to the guides, its images and other
// files by https://unpkg.com/nninit@VERSION/PATH, a stable URL served from the published tarball.
// This checks that every such PATH is in the tarball at this version, that the README has no
// relative link, and that every relative link of the guides shipped with it (docs/*.md ...)
// reaches a shipped file, and a heading of it when it names one.
import { afterAll, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { ROOT } from "../bundlers/harness.js";
import { pack } from "./pack.js";

const packed = pack();
afterAll(packed.remove);
const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A markdown text without its fenced code blocks. */
function withoutFences(markdown: string): string {
  let fence = "";
  return markdown.split("\n").filter((line) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === "" && m) { fence = m[1]; return false; }
    if (fence !== "" && m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) { fence = ""; return false; }
    return fence === "";
  }).join("\n");
}

/** The targets of a markdown text's links and images, outside code blocks and code spans. */
function links(markdown: string): string[] {
  const prose = withoutFences(markdown).replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replaceAll(" ", "-");
}

function anchors(markdown: string): Set<string> {
  return new Set([...withoutFences(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
}

const shipped = new Set(packed.files);
const isDir = (path: string) => packed.files.some((f) => f.startsWith(path.endsWith("/") ? path : `${path}/`));

it("the README links to files by unpkg URLs of this version, each in the tarball", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const problems: string[] = [];
  const unpkg = /^https:\/\/unpkg\.com\/nninit@([^/]+)\/(.*)$/;
  let count = 0;
  for (const target of links(readme)) {
    const m = unpkg.exec(target);
    if (m) {
      count++;
      const [, v, path] = m;
      const file = path.split("#")[0];
      if (v !== version) problems.push(`${target}: version ${v}, package.json says ${version} (update the README's unpkg links)`);
      if (!shipped.has(file) && !isDir(file)) problems.push(`${target}: ${file} is not in the tarball (add it to package.json "files")`);
    } else if (!/^(https?:|mailto:|#)/.test(target)) {
      problems.push(`${target}: a relative link does not resolve on npm's page; use https://unpkg.com/nninit@${version}/${target}`);
    }
  }
  expect(problems).toEqual([]);
  expect(count).toBeGreaterThan(5);
});

it("every relative link of a shipped document reaches a shipped file (and its heading)", () => {
  const problems: string[] = [];
  for (const doc of packed.files.filter((f) => f.endsWith(".md") && !f.startsWith("dist/"))) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    for (const target of links(text)) {
      if (/^(https?:|mailto:)/.test(target)) continue;
      const [path, anchor] = target.split("#");
      const file = path === "" ? doc : normalize(join(dirname(doc), path)).replaceAll("\\", "/");
      if (!shipped.has(file) && !isDir(file)) {
        problems.push(`${doc}: ${target}: ${file} is not in the tarball`);
        continue;
      }
      if (anchor && file.endsWith(".md") && shipped.has(file) && !anchors(readFileSync(join(ROOT, file), "utf8")).has(anchor)) {
        problems.push(`${doc}: ${target}: ${file} has no heading #${anchor}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
