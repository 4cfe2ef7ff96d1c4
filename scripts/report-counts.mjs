// Prints vitest's own pass/fail counts as one "N passed, N failed" line (CI reads it), summed over
// every JSON report given (one per test run: Node 20 with Chromium, then Node 22, Node 24).
// A test file that failed to load has no failed test in it; it counts as one failure, and so does
// a report that is missing (its run did not finish), and so does every test that never ran
// because its worker died (vitest reports it as neither passed, failed nor skipped).
import { readFileSync, existsSync } from "node:fs";

const files = process.argv.length > 2 ? process.argv.slice(2) : [".vitest-report.json"];
let passed = 0, failed = 0, skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`no vitest report at ${file}: that test run did not finish`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  const brokenFiles = report.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"));
  for (const f of brokenFiles) console.error(`test file failed to run: ${f.name}\n${f.message ?? ""}`);
  const skippedHere = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const neverRan = report.numTotalTests - report.numPassedTests - report.numFailedTests - skippedHere;
  if (neverRan > 0) console.error(`${file}: ${neverRan} tests never ran (a test worker exited before them)`);
  const failedHere = report.numFailedTests + brokenFiles.length + Math.max(0, neverRan);
  passed += report.numPassedTests;
  failed += failedHere;
  skipped += skippedHere;
  if (files.length > 1) console.error(`${file}: ${report.numPassedTests} passed, ${failedHere} failed`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
