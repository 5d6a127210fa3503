import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NODE_FLAGS_FILE, nodeRuntime } from "../nodeFlags.ts";

const dir = mkdtempSync(join(tmpdir(), "node-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START_SH = join(import.meta.dirname, "..", "..", "deploy", "start.sh");

describe("nodeRuntime (deploy/node-flags, read by npm start and deploy/start.sh)", () => {
  it("drops comments and splits the rest into flags and environment variables", () => {
    const file = join(dir, "flags");
    writeFileSync(file, "# why\n--max-semi-space-size=4\n  # indented comment\n--a --b=1\nMALLOC_X_=5\n\n");
    expect(nodeRuntime(file)).toEqual({
      flags: ["--max-semi-space-size=4", "--a", "--b=1"],
      env: { MALLOC_X_: "5" },
    });
  });

  it("gives deploy/start.sh the same flags and environment", () => {
    const runtime = nodeRuntime(NODE_FLAGS_FILE);
    // start.sh execs `node`: one first on PATH that reports its arguments and environment instead.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "node"),
      `#!/bin/sh\nexec ${process.execPath} -e 'process.stdout.write(JSON.stringify({ args: process.argv.slice(1), env: process.env }))' -- "$@"\n`,
      { mode: 0o755 },
    );
    const env = Object.fromEntries(Object.keys(runtime.env).map((name) => [name, undefined]));
    const result = spawnSync("sh", [START_SH], {
      encoding: "utf8",
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}`, SERVICE: "router" },
    });
    expect(result.stderr).toBe("");
    const seen = JSON.parse(result.stdout) as { args: string[]; env: Record<string, string> };
    expect(seen.args).toEqual([...runtime.flags, "router/dist/main.mjs"]);
    for (const [name, value] of Object.entries(runtime.env)) expect(seen.env[name]).toBe(value);
  });

  it("holds only flags this Node accepts", () => {
    const { flags } = nodeRuntime(NODE_FLAGS_FILE);
    const result = spawnSync(process.execPath, [...flags, "-e", "0"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
