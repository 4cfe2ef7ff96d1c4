// The package as npm publishes it: `npm pack` of the built repo into a temporary folder (without
// running prepack: `npm test` has just built), shared by the tests of test/package/.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, requireBuilt } from "../bundlers/harness.js";

export interface Packed {
  /** Path of the .tgz. */
  tarball: string;
  /** The files in it, relative to the package root, sorted. */
  files: string[];
  /** Deletes the temporary folder. */
  remove: () => void;
}

/** Packs the package as `npm publish` would. */
export function pack(): Packed {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), "nninit-pack-"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const out = execFileSync(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
  const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  return {
    tarball: join(dir, info.filename),
    files: info.files.map((f) => f.path).sort(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
