// npm test: every vitest project (unit, integration, e2e), then one closing line `N passed, N failed`
// taken from vitest's JSON report, which is the line CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkServices } from "./checkServices.mjs";

const problems = await checkServices();
if (problems.length) {
  for (const problem of problems) console.error(problem);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const reportDir = mkdtempSync(join(tmpdir(), "health-vitest-"));
const report = join(reportDir, "report.json");
const run = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit", env: { LOG_LEVEL: "silent", ...process.env } },
);

let passed = 0;
let failed = run.status === 0 ? 0 : 1;
let skipped = 0;
if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, "utf8"));
  passed = totals.numPassedTests;
  // A file that failed to load has no failed test in it, but it failed all the same.
  failed = totals.numFailedTests + (totals.numFailedTests === 0 && run.status !== 0 ? 1 : 0);
  skipped = totals.numPendingTests + totals.numTodoTests;
}
rmSync(reportDir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status ?? 1);
