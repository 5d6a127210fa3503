import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type DocumentNode, execute, type GraphQLSchema, parse, validate } from "graphql";
import { BENCH_SUBGRAPHS, subgraphSchemaOf } from "./benchSupergraph.ts";

interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * The four subgraphs behind one port, at `/<name>` (as the public benchmark's subgraph binary serves
 * them). Plain node:http + graphql-js with each query text parsed and validated once: the subgraphs
 * must stay cheap so that the gateway under test is what the bench measures.
 */
export async function startBenchSubgraphs(port = 0): Promise<{ url: string; server: Server }> {
  const schemas = new Map<string, GraphQLSchema>(
    BENCH_SUBGRAPHS.map((subgraph) => [`/${subgraph.name}`, subgraphSchemaOf(subgraph)]),
  );
  const documents = new Map<string, DocumentNode>();
  const documentOf = (schema: GraphQLSchema, path: string, query: string): DocumentNode => {
    const key = `${path}\n${query}`;
    let document = documents.get(key);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length > 0) throw new Error(errors.map((e) => e.message).join("; "));
      documents.set(key, document);
    }
    return document;
  };

  const server = createServer(async (req, res) => {
    const schema = schemas.get(req.url ?? "");
    if (!schema || req.method !== "POST") {
      res.writeHead(req.url === "/health" ? 200 : 404).end();
      return;
    }
    try {
      const body = JSON.parse(await readBody(req)) as GraphQLBody;
      const result = await execute({
        schema,
        document: documentOf(schema, req.url ?? "", body.query),
        variableValues: body.variables,
        operationName: body.operationName,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
    } catch (error) {
      res
        .writeHead(400, { "content-type": "application/json" })
        .end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
  // Longer than any gateway's idle pool timeout, so no gateway meets a socket closed under it.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
