// npm run sdl -w @health/subgraph-<name>: prints that subgraph's SDL to schema/subgraphs/<name>.graphql.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isSubgraphName } from "@health/platform/config";
import { printSubgraphSdl } from "@health/platform/schema";
import { loadSubgraphDefinition, REPO_ROOT } from "./subgraphRegistry.ts";

const name = process.argv[2] ?? "";
if (!isSubgraphName(name)) {
  console.error(`Usage: tsx scripts/printSdl.ts <subgraph>; "${name}" is not a subgraph name`);
  process.exit(1);
}
const path = join(REPO_ROOT, "schema", "subgraphs", `${name}.graphql`);
writeFileSync(path, await printSubgraphSdl(await loadSubgraphDefinition(name)));
console.log(`${name}: wrote ${path}`);
