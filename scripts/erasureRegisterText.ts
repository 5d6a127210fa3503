import { join } from "node:path";
import type { TablePolicy } from "@health/platform/privacy";
import { REPO_ROOT, subgraphNames } from "./subgraphRegistry.ts";

export const ERASURE_REGISTER_PATH = join(REPO_ROOT, "prisma", "ERASURE.md");

/** Imports `subgraphs/<name>/src/privacy/policy.ts` and returns its `<NAME>_TABLES`. */
async function policyOf(name: string): Promise<Readonly<Record<string, TablePolicy>>> {
  const path = join(REPO_ROOT, "subgraphs", name, "src", "privacy", "policy.ts");
  const module = (await import(path)) as Record<string, unknown>;
  const tables = module[`${name.toUpperCase()}_TABLES`];
  if (!tables)
    throw new Error(
      `${path} must export ${name.toUpperCase()}_TABLES: every table and what erasure does to it.`,
    );
  return tables as Readonly<Record<string, TablePolicy>>;
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/** `prisma/ERASURE.md`: every table of every subgraph's database, what erasure does to it and why. */
export async function erasureRegisterText(): Promise<string> {
  const lines = [
    "# What erasure does to each table",
    "",
    "Generated from each subgraph's `src/privacy/policy.ts` by `npm run privacy:register`; do not edit by hand.",
    "How export and erasure work: `packages/platform/src/privacy/README.md`.",
    "",
    "- **DELETE**: the person's rows go.",
    "- **ANONYMISE**: the rows stay for a counterpart; the person's identifying columns are cleared or replaced.",
    "- **TOMBSTONE**: the rows stay whole (law or the ledger requires them), the person's id replaced by the erasure's tombstone id.",
    "- **NONE**: the table holds nothing about a person.",
  ];
  for (const name of subgraphNames()) {
    const tables = await policyOf(name);
    lines.push("", `## ${name}`, "", "| Table | Erasure | Why |", "| --- | --- | --- |");
    for (const [table, policy] of Object.entries(tables).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`| \`${table}\` | ${policy.action} | ${cell(policy.reason)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
