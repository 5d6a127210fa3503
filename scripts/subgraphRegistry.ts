import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isSubgraphName, localSubgraphUrl, type SubgraphName } from "@health/platform/config";
import type { SubgraphDefinition } from "@health/platform/server";

export const REPO_ROOT = join(import.meta.dirname, "..");

/** The subgraphs that exist in this checkout: `subgraphs/<name>/src/subgraph.ts`, in port order. */
export function subgraphNames(): SubgraphName[] {
  const names = readdirSync(join(REPO_ROOT, "subgraphs")).filter((name) =>
    existsSync(join(REPO_ROOT, "subgraphs", name, "src", "subgraph.ts")),
  );
  const unknown = names.filter((name) => !isSubgraphName(name));
  if (unknown.length)
    throw new Error(
      `Add ${unknown.join(", ")} to SUBGRAPH_PORTS in packages/platform/src/config/subgraphPorts.ts`,
    );
  return names.filter(isSubgraphName).sort((a, b) => localSubgraphUrl(a).localeCompare(localSubgraphUrl(b)));
}

/** Imports `subgraphs/<name>/src/subgraph.ts` and returns the definition it exports (`<name>Subgraph`). */
export async function loadSubgraphDefinition(
  name: SubgraphName,
): Promise<SubgraphDefinition<unknown, unknown>> {
  await import("reflect-metadata");
  const module = (await import(join(REPO_ROOT, "subgraphs", name, "src", "subgraph.ts"))) as Record<
    string,
    unknown
  >;
  const definition = module[`${name}Subgraph`] as SubgraphDefinition<unknown, unknown> | undefined;
  if (!definition) throw new Error(`subgraphs/${name}/src/subgraph.ts must export ${name}Subgraph`);
  return definition;
}
