import { composeServices } from "@apollo/composition";
import { parse, printSchema } from "graphql";

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSchemas {
  /** For the router: the supergraph with its join directives and subgraph URLs. */
  supergraphSdl: string;
  /** For clients: the API schema, as the router exposes it. */
  apiSdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Composition failed with ${errors.length} error(s):\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "CompositionError";
  }
}

/** Composes subgraph SDLs with @apollo/composition (what Rover would do); throws every error at once. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): ComposedSchemas {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n`, apiSdl: `${printSchema(apiSchema).trim()}\n` };
}
