import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The file deploy/start.sh reads too: one runtime setting for every way a process is run. */
export const NODE_FLAGS_FILE = join(import.meta.dirname, "..", "deploy", "node-flags");

export interface NodeRuntime {
  /** Node/V8 flags, before the bundle on the command line. */
  flags: string[];
  /** Environment variables of the process (the C library's malloc settings). */
  env: Record<string, string>;
}

/** What deploy/node-flags gives every compiled process: its `--flag` lines and `NAME=value` lines. */
export function nodeRuntime(file = NODE_FLAGS_FILE): NodeRuntime {
  const words = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean);
  const env = Object.fromEntries(
    words.filter((word) => !word.startsWith("-")).map((word) => word.split("=", 2) as [string, string]),
  );
  return { flags: words.filter((word) => word.startsWith("-")), env };
}
