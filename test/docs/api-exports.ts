// The package's public runtime API as the TypeScript compiler sees it: every value exported by
// every subpath entry (the ENTRIES of scripts/build-ts.mjs that have a subpath), with the members
// of namespace re-exports (`export * as initializers`) listed one by one, and each one's JSDoc
// summary and @example blocks. api-coverage.node.test.ts holds every entry to "a summary and an
// example" and prints what lacks one.
import ts from "typescript";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

export interface ApiExport {
  /** The import specifier: "nninit", "nninit/torch", ... */
  entry: string;
  /** The exported name ("uniform", or "initializers.heNormal" for a namespace member). */
  name: string;
  /** The JSDoc summary, trimmed ("" when there is none). */
  summary: string;
  /** The text of each @example tag. */
  examples: string[];
  /** Where it is declared: a path from the repository's root, and a 1-based line. */
  file: string;
  line: number;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The subpath entries and their sources (kept equal to scripts/build-ts.mjs's ENTRIES by the test). */
export const API_ENTRIES: readonly { specifier: string; source: string }[] = [
  { specifier: "nninit", source: "src/index.ts" },
  { specifier: "nninit/tfjs", source: "src/tfjs/index.ts" },
  { specifier: "nninit/probe", source: "src/probe/index.ts" },
  { specifier: "nninit/checkpoint", source: "src/checkpoint.ts" },
  { specifier: "nninit/checkpoint/node", source: "src/checkpoint-node.ts" },
  { specifier: "nninit/torch", source: "src/torch/index.ts" },
  { specifier: "nninit/jax", source: "src/jax/index.ts" },
  { specifier: "nninit/webgpu", source: "src/webgpu/index.ts" },
];

/** Every runtime export of every entry, in entry order then name order. */
export function apiExports(): ApiExport[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("tsconfig.json could not be read");
  const sources = API_ENTRIES.map((e) => join(root, e.source));
  const program = ts.createProgram({ rootNames: sources, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const out: ApiExport[] = [];
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const describe = (entry: string, name: string, symbol: ts.Symbol, alias?: ts.Symbol) => {
    let summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    let examples = symbol.getJsDocTags(checker).filter((t) => t.name === "example").map((t) => ts.displayPartsToString(t.text));
    // `export * as ns`: the comment is on the export declaration (the namespace has no declaration of its own).
    const star = alias?.declarations?.find(ts.isNamespaceExport);
    if (star) {
      const docs = ts.getJSDocCommentsAndTags(star.parent).filter(ts.isJSDoc);
      summary = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("\n").trim();
      examples = docs.flatMap((d) => (d.tags ?? []).filter((t) => t.tagName.text === "example").map((t) => ts.getTextOfJSDocComment(t.comment) ?? ""));
    }
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    const source = declaration?.getSourceFile();
    const file = source ? relative(root, source.fileName) : "";
    const line = source && declaration ? source.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 0;
    out.push({ entry, name, summary, examples, file, line });
  };
  API_ENTRIES.forEach((e, i) => {
    const file = program.getSourceFile(sources[i]);
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`${e.source}: no module symbol`);
    for (const exported of checker.getExportsOfModule(module).sort((a, b) => a.name.localeCompare(b.name))) {
      const symbol = resolve(exported);
      if (!(symbol.flags & ts.SymbolFlags.Value)) continue; // a type: TypeDoc's notDocumented checks it
      describe(e.specifier, exported.name, symbol, exported);
      if (symbol.flags & ts.SymbolFlags.ValueModule) {
        // `export * as ns`: each member is an export too.
        for (const member of checker.getExportsOfModule(symbol).sort((a, b) => a.name.localeCompare(b.name))) {
          const m = resolve(member);
          if (m.flags & ts.SymbolFlags.Value) describe(e.specifier, `${exported.name}.${member.name}`, m);
        }
      }
    }
  });
  return out;
}

