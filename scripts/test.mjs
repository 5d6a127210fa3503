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
const args = process.argv.slice(2);
// Without arguments: every project but `load` with files in parallel, then the load and concurrency
// cases one file at a time (vitest.config.ts), so those measure the platform rather than the suite's
// other files on the same cores. With arguments (a file, a filter): one run as asked.
const phases = args.length
  ? [args]
  : [
      ["--project", "unit", "--project", "integration", "--project", "e2e"],
      ["--project", "load"],
    ];

let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
for (const [index, phaseArgs] of phases.entries()) {
  const report = join(reportDir, `report-${index}.json`);
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...phaseArgs],
    { stdio: "inherit", env: { LOG_LEVEL: "silent", ...process.env } },
  );
  if (run.status !== 0) status = run.status ?? 1;
  if (!existsSync(report)) {
    failed += 1;
    continue;
  }
  const totals = JSON.parse(readFileSync(report, "utf8"));
  passed += totals.numPassedTests;
  // A file that failed to load has no failed test in it, but it failed all the same.
  failed += totals.numFailedTests + (totals.numFailedTests === 0 && run.status !== 0 ? 1 : 0);
  skipped += totals.numPendingTests + totals.numTodoTests;
}
rmSync(reportDir, { recursive: true, force: true });
// CI reads the last line, in exactly this form; what was skipped goes on the line before.
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
