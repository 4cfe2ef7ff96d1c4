// The ts samples of README.md, docs/ and the JSDoc @example blocks of src/ also type-check, as a
// user's strict TypeScript project (NodeNext) sees them: against the published declarations
// (dist/**/*.d.ts through package.json's exports), each sample a module of its own. A sample that
// runs but does not compile would mislead a TypeScript reader.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { allSamples, type Sample } from "./extract.js";
import { ROOT } from "./run.js";

const DIR = join(ROOT, "test/docs/.run/types");

it("every ts sample of the documents compiles under strict NodeNext", () => {
  const samples = allSamples(ROOT).filter((s) => s.lang === "ts" && !s.flags.has("no-run"));
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const byName = new Map<string, Sample>();
  for (const s of samples) {
    const name = `${s.file.replace(/[^\w.-]+/g, "_")}-${s.line}.ts`;
    byName.set(name, s);
    // `export {}` makes every sample a module (its own scope, top-level await allowed).
    writeFileSync(join(DIR, name), `${s.code}\nexport {};\n`);
  }
  const types = ["node", ...(existsSync(join(ROOT, "node_modules/@webgpu/types")) ? ["@webgpu/types"] : [])];
  writeFileSync(join(DIR, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023", "DOM"], strict: true, noEmit: true, skipLibCheck: true, types },
    include: ["*.ts"],
  }));
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(DIR, "tsconfig.json")], { cwd: DIR, encoding: "utf8" });
  // tsc names the generated file and a line in it: give the sample's own file and line instead.
  const errors = `${r.stdout}${r.stderr}`.split("\n").filter(Boolean).map((line) => line.replace(/^([^(]+\.ts)\((\d+),(\d+)\)/, (whole, file: string, l: string) => {
    const s = byName.get(file.split(/[\\/]/).pop() ?? "");
    return s ? `${s.file}:${s.line + Number(l) - 1}` : whole;
  }));
  expect(errors).toEqual([]);
  expect(r.status).toBe(0);
  expect(samples.length).toBeGreaterThan(10);
});
