// Prints vitest's own pass/fail counts from its JSON report as "N passed, N failed" (CI reads it).
// A test file that failed to load has no failed test in it; it counts as one failure.
import { readFileSync, existsSync } from "node:fs";

const file = process.argv[2] ?? ".vitest-report.json";
if (!existsSync(file)) {
  console.error(`no vitest report at ${file}: the test run did not finish`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const brokenFiles = report.testResults.filter(
  (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
for (const f of brokenFiles) console.error(`test file failed to run: ${f.name}\n${f.message ?? ""}`);
const failed = report.numFailedTests + brokenFiles.length;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
