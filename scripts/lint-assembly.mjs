// Lints assembly/ with Biome. Biome's parser refuses AssemblyScript's decorators on functions
// (`@inline function f`: "Decorators are not valid here"), so this copies assembly/ into a
// temporary folder with each decorator blanked out (spaces of the same length: lines and columns
// of the diagnostics stay right), and lints the copy with the project's biome.jsonc, whose
// "assembly/**" override turns off the rules AssemblyScript's semantics contradict.
// `npm run lint` runs it after `biome lint`; exit code is Biome's.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "nninit-lint-assembly-"));
try {
  cpSync(join(root, "assembly"), join(dir, "assembly"), { recursive: true });
  for (const file of readdirSync(join(dir, "assembly"), { recursive: true })) {
    if (!file.endsWith(".ts")) continue;
    const path = join(dir, "assembly", file);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace(/^(\s*)(@[A-Za-z_]\w*(?:\([^)\n]*\))?)(?=\s)/gm, (_, indent, deco) => indent + " ".repeat(deco.length)));
  }
  // The project's configuration (its comments are whole lines), for the copy: assembly/ included,
  // no git (the copy is not a repository), no schema path to resolve.
  const config = JSON.parse(readFileSync(join(root, "biome.jsonc"), "utf8").replace(/^\s*\/\/.*$/gm, ""));
  config.files = { includes: ["assembly/**/*.ts"] };
  config.vcs = { enabled: false };
  delete config.$schema;
  writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
  const run = spawnSync(join(root, "node_modules", ".bin", "biome"), ["lint", "assembly"], { cwd: dir, stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
