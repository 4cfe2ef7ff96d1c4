// Bundles src/ into dist/esm/index.js (ESM) and dist/cjs/index.cjs (CommonJS), src/tfjs/ into
// dist/esm/tfjs.js and dist/cjs/tfjs.cjs (the "nninit/tfjs" subpath), and writes the type
// declarations for both formats (tsc emits .d.ts; the CJS copies become .d.cts).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, statSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Build into a staging folder and swap it in at the end, so that a build never leaves a
// half-written dist/ for a test run or another build going on at the same time.
const dist = join(root, "dist.next");
rmSync(dist, { recursive: true, force: true });

const common = { entryPoints: [join(root, "src/index.ts")], bundle: true, target: "es2022", platform: "neutral", sourcemap: true, logLevel: "warning" };
await build({ ...common, format: "esm", outfile: join(dist, "esm/index.js") });
await build({ ...common, format: "cjs", outfile: join(dist, "cjs/index.cjs") });

// nninit/tfjs: tfjs stays external (an optional peer), and so does nninit itself: src/tfjs may
// import only the public entry (../index.js), which becomes an import of the sibling main bundle,
// so both entries share one module instance (one default generator, one wasm instance).
const srcIndex = join(root, "src/index.ts");
const tfjsEntry = (ext) => ({
  name: "nninit-tfjs-external",
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\// }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(join(root, "src/tfjs/"))) return undefined;
      const target = join(dirname(args.importer), args.path.replace(/\.js$/, ".ts"));
      if (target === srcIndex) return { path: `./index.${ext}`, external: true };
      if (target.startsWith(join(root, "src/tfjs/"))) return undefined;
      return { errors: [{ text: `src/tfjs may import nninit only through src/index.ts, not ${relative(root, target)}` }] };
    });
  },
});
const tfjs = { ...common, entryPoints: [join(root, "src/tfjs/index.ts")] };
await build({ ...tfjs, format: "esm", outfile: join(dist, "esm/tfjs.js"), plugins: [tfjsEntry("js")] });
await build({ ...tfjs, format: "cjs", outfile: join(dist, "cjs/tfjs.cjs"), plugins: [tfjsEntry("cjs")] });

execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--emitDeclarationOnly", "--outDir", join(dist, "esm")], { cwd: root, stdio: "inherit" });

// The CJS declarations: the same files as .d.cts, with relative imports pointing at .cjs.
function copyDeclarations(from, to) {
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) { copyDeclarations(path, join(to, name)); continue; }
    if (!name.endsWith(".d.ts")) continue;
    mkdirSync(to, { recursive: true });
    const text = readFileSync(path, "utf8")
      .replace(/(from\s+["']\.{1,2}\/[^"']*)\.js(["'])/g, "$1.cjs$2")
      .replace(/(import\(\s*["']\.{1,2}\/[^"']*)\.js(["']\s*\))/g, "$1.cjs$2");
    writeFileSync(join(to, name.replace(/\.d\.ts$/, ".d.cts")), text);
  }
}
copyDeclarations(join(dist, "esm"), join(dist, "cjs"));

const final = join(root, "dist");
rmSync(final, { recursive: true, force: true });
renameSync(dist, final);
console.log(`ts: ${["esm/index.js", "cjs/index.cjs", "esm/tfjs.js", "cjs/tfjs.cjs"].map((f) => relative(root, join(final, f))).join(", ")}`);
