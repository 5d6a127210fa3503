import { operationFromDocument, type Schema, Supergraph } from "@apollo/federation-internals";
import { type FetchNode, type PlanNode, QueryPlanner } from "@apollo/query-planner";
import type { DocumentNode, GraphQLSchema } from "graphql";

/** What the router does for one subscription operation: listen on `primary`, then run `rest` per event. */
export interface SubscriptionPlan {
  /** The root subscription field, fetched from the subgraph that owns it over graphql-ws. */
  primary: FetchNode;
  /** Entity fetches for fields other subgraphs own, run for every event. */
  rest: PlanNode | undefined;
}

/** Plans subscriptions against the supergraph, as @apollo/gateway plans queries (the gateway itself refuses them). */
export class SubscriptionPlanner {
  readonly supergraph: Supergraph;
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphGraphQLSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string) {
    this.supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = this.supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphGraphQLSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(this.supergraph);
  }

  /** Plans `document` (already validated against the API schema); plans are cached by document text. */
  plan(document: DocumentNode, documentKey: string, operationName?: string | null): SubscriptionPlan {
    const key = `${operationName ?? ""}\u0000${documentKey}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, {
      operationName: operationName ?? undefined,
      validate: false,
    });
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== "Subscription") throw new Error("Only subscription operations are planned here");
    const plan = { primary: node.primary, rest: node.rest };
    if (this.cache.size > 1_000) this.cache.clear();
    this.cache.set(key, plan);
    return plan;
  }
}
