// vitest's globalSetup (vitest.config.ts): before any test file loads, rebuild the generated
// sources (kernels, pool worker) when assembly/ or src/ is newer than them, and dist/ too when a
// test that imports the built package is in this run (DIST_TESTS). So the one-file command in
// CONTRIBUTING works on a fresh clone after `npm ci`, and a pool test sees an edit to src/.
import { relative } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureBuilt } from "../scripts/ensure-built.mjs";

/**
 * Test files that import dist/ (the built package, its tarball, the CLI binary, bundler output)
 * or their helpers. A new such test adds its path here (the suites that need it fail with
 * "run `npm run build` first" otherwise).
 */
const DIST_TESTS = /^test\/(bundlers|package|demo|docs)\/|^test\/pool\/(lifecycle|defects)|^test\/\w+\/entry\.node|^test\/probe\/bundle|^test\/cli\/(job-array|signals)/;

export default async function setup(project: TestProject): Promise<void> {
  const vitest = project.vitest;
  // The files this run will load, under its file filters and --project (filenamePattern is
  // vitest's own record of the command line's filters).
  const filters = (vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
  const specs = await vitest.globTestSpecifications(filters);
  const dist = specs.some((s) => DIST_TESTS.test(relative(vitest.config.root, s.moduleId).replaceAll("\\", "/")));
  await ensureBuilt({ dist });
}
