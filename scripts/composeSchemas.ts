import { join } from "node:path";
import { localSubgraphUrl } from "@health/platform/config";
import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import { loadSubgraphDefinition, REPO_ROOT, subgraphNames } from "./subgraphRegistry.ts";

/** Every file under schema/ that composition produces, by path relative to the repository root. */
export async function composedSchemaFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const subgraphs = [];
  for (const name of subgraphNames()) {
    const sdl = await printSubgraphSdl(await loadSubgraphDefinition(name));
    files.set(join("schema", "subgraphs", `${name}.graphql`), sdl);
    subgraphs.push({ name, url: localSubgraphUrl(name), sdl });
  }
  const { supergraphSdl, apiSdl } = composeSupergraph(subgraphs);
  files.set(join("schema", "supergraph.graphql"), supergraphSdl);
  files.set(join("schema", "api.graphql"), apiSdl);
  return files;
}

export const absolute = (path: string): string => join(REPO_ROOT, path);
