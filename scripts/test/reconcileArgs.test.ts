import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `npm run reconcile` refuses bad arguments before it connects to anything, saying what to pass.
const root = join(import.meta.dirname, "..", "..");
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "reconcile.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });

describe("npm run reconcile arguments", () => {
  it.each([
    [["--date", "2026-02-30"], /--date: date must be a calendar day as YYYY-MM-DD/],
    [["--date", "06/12/2026"], /--date: date must be a calendar day as YYYY-MM-DD/],
    [["--date", "2999-01-01"], /has not begun yet/],
    [["--date"], /--date needs a value/],
    [[], /Missing --date/],
    [["--day", "2026-12-06"], /Unknown argument: --day/],
  ])(
    "%j exits 1 saying what to fix",
    (args, message) => {
      const result = run(...args);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain("Usage:");
    },
    30_000,
  ); // a tsx process per case: slow on a loaded machine
});
