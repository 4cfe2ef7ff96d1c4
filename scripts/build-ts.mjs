// Bundles src/ into dist/esm/index.js (ESM) and dist/cjs/index.cjs (CommonJS), and writes the
// type declarations for both (tsc emits .d.ts; the CJS copies become .d.cts).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const common = { entryPoints: [join(root, "src/index.ts")], bundle: true, target: "es2022", platform: "neutral", sourcemap: true, logLevel: "warning" };
await build({ ...common, format: "esm", outfile: join(dist, "esm/index.js") });
await build({ ...common, format: "cjs", outfile: join(dist, "cjs/index.cjs") });

execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--emitDeclarationOnly", "--outDir", join(dist, "esm")], { cwd: root, stdio: "inherit" });

// The CJS declarations: the same files as .d.cts, with relative imports pointing at .cjs.
function copyDeclarations(from, to) {
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) { copyDeclarations(path, join(to, name)); continue; }
    if (!name.endsWith(".d.ts")) continue;
    mkdirSync(to, { recursive: true });
    const text = readFileSync(path, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']*)\.js(["'])/g, "$1.cjs$2");
    writeFileSync(join(to, name.replace(/\.d\.ts$/, ".d.cts")), text);
  }
}
copyDeclarations(join(dist, "esm"), join(dist, "cjs"));
console.log(`ts: ${relative(root, join(dist, "esm/index.js"))}, ${relative(root, join(dist, "cjs/index.cjs"))}`);
