import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { prepareTemplateDatabase } from "./testDatabase.ts";

const PRISMA_DIR = join(import.meta.dirname, "../../../../prisma");

/** Migrates each subgraph's template database once per test run; test files copy it. */
export default async function setup(): Promise<void> {
  const subgraphs = readdirSync(PRISMA_DIR).filter((name) =>
    existsSync(join(PRISMA_DIR, name, "schema.prisma")),
  );
  for (const subgraph of subgraphs) await prepareTemplateDatabase(subgraph);
}
