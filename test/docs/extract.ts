// Finds the code samples of the documentation: every fenced ```ts / ```js / ```sh block of
// README.md and docs/**/*.md, and every JSDoc `@example` of src/**/*.ts. test/docs/samples
// runs each one as written, so no sample can go stale.
//
// The info string is the language, then flags, space separated:
//   ts | typescript, js | javascript | mjs, sh | bash | shell   the sample runs (other languages: text, json, python ... do not)
//   no-run     not run; the sample says why in a comment line `// no-run: REASON` (or `# no-run: ...`)
//   cjs        a js sample in CommonJS (require), run as a .cjs file
//   gpu        Node gets navigator.gpu and the GPU* globals (Dawn's `webgpu` package over SwiftShader)
//   exit=N     an sh sample whose last command exits with N (e.g. `nninit verify` finding a difference)
// A JSDoc @example is either fenced blocks with the same info strings, or (as TypeDoc reads an
// @example without a fence) its whole text, taken as one ts sample.

import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

export type Lang = "ts" | "js" | "sh";

export interface Sample {
  /** Where it is: the file relative to the repo root, and the 1-based line of its first code line. */
  file: string;
  line: number;
  lang: Lang;
  flags: Set<string>;
  code: string;
  /** For a no-run sample, the reason its `no-run:` comment gives ("" when it gives none). */
  reason: string;
}

const LANGS: Record<string, Lang> = { ts: "ts", typescript: "ts", js: "js", javascript: "js", mjs: "js", sh: "sh", bash: "sh", shell: "sh" };
export const FLAGS = new Set(["no-run", "cjs", "gpu"]);

/** Splits an info string into its language (undefined: not a runnable language) and flags. */
export function parseInfo(info: string): { lang: Lang | undefined; flags: Set<string> } {
  const [first = "", ...rest] = info.trim().split(/\s+/);
  return { lang: LANGS[first.toLowerCase()], flags: new Set(rest) };
}

/** A flag this harness does not know (a typo such as `norun` would otherwise run silently or not at all). */
export function unknownFlag(sample: Sample): string | undefined {
  return [...sample.flags].find((f) => !FLAGS.has(f) && !/^exit=\d+$/.test(f));
}

/** The reason of a `// no-run: ...` or `# no-run: ...` comment line, or "". */
export function noRunReason(code: string): string {
  const m = /^\s*(?:\/\/|#)\s*no-run:\s*(.+)$/m.exec(code);
  return m ? m[1].trim() : "";
}

function sample(file: string, line: number, lang: Lang, flags: Set<string>, code: string): Sample {
  return { file, line, lang, flags, code, reason: flags.has("no-run") ? noRunReason(code) : "" };
}

/**
 * The fenced blocks of a markdown text whose language runs. `firstLine` is the 1-based line of
 * the text's first line in its file (JSDoc bodies start inside a source file).
 */
export function markdownSamples(text: string, file: string, firstLine = 1): Sample[] {
  const lines = text.split("\n");
  const out: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).exec(lines[j]);
      if (close) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const { lang, flags } = parseInfo(info);
    if (lang) out.push(sample(file, firstLine + i + 1, lang, flags, `${body.join("\n")}\n`));
    i = j;
  }
  return out;
}

/** The @example samples of a TypeScript source's JSDoc comments. */
export function jsdocSamples(source: string, file: string): Sample[] {
  const out: Sample[] = [];
  for (const m of source.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = source.slice(0, m.index).split("\n").length;
    // The comment's lines without the leading " * ".
    const lines = m[0].replace(/^\/\*\*/, "").replace(/\*\/$/, "").split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue;
      const body: string[] = [lines[i].replace(/^@example\s*/, "")];
      let j = i + 1;
      let inFence = false;
      for (; j < lines.length; j++) {
        if (/^\s*(`{3,}|~{3,})/.test(lines[j])) inFence = !inFence;
        if (!inFence && /^@\w/.test(lines[j])) break;
        body.push(lines[j]);
      }
      // Line of body[0] in the file: the comment's first line is "/**" (index 0 of `lines`).
      const bodyLine = startLine + i;
      const text = body.join("\n");
      if (/^\s*(`{3,}|~{3,})/m.test(text)) out.push(...markdownSamples(text, file, bodyLine));
      else {
        // Unfenced: the whole text is ts; a caption on the @example line itself is not code.
        const code = body.slice(body[0].trim() === "" ? 1 : 0).join("\n").trim();
        if (code !== "") out.push(sample(file, bodyLine + (body[0].trim() === "" ? 1 : 0), "ts", new Set(), `${code}\n`));
      }
      i = j - 1;
    }
  }
  return out;
}

function walk(dir: string, keep: (path: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found.sort();
}

/** The documents whose samples run: README.md and docs/**\/*.md (not docs/api/, generated). */
export function documentFiles(root: string): string[] {
  const docs = walk(join(root, "docs"), (p) => p.endsWith(".md") && !relative(root, p).startsWith(join("docs", "api")));
  return [join(root, "README.md"), ...docs];
}

/** Every sample of the repository, documents first, then the sources' JSDoc. */
export function allSamples(root: string): Sample[] {
  const rel = (p: string) => relative(root, p).replaceAll("\\", "/");
  const fromDocs = documentFiles(root).flatMap((p) => markdownSamples(readFileSync(p, "utf8"), rel(p)));
  const sources = walk(join(root, "src"), (p) => p.endsWith(".ts") && !p.endsWith(".generated.ts"));
  const fromJsdoc = sources.flatMap((p) => jsdocSamples(readFileSync(p, "utf8"), rel(p)));
  return [...fromDocs, ...fromJsdoc];
}
