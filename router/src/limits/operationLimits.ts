/** Limits checked on every operation before it is planned. Each is configurable (see `router/src/config.ts`). */
export interface OperationLimits {
  /** Nesting of fields, fragments expanded. */
  maxDepth: number;
  /**
   * Nesting of an introspection-only operation. Tools' introspection queries nest type references
   * about a dozen deep; they never reach a subgraph, and production turns introspection off.
   */
  maxIntrospectionDepth: number;
  /** Aliased fields in one operation (aliases multiply work, e.g. the same mutation many times). */
  maxAliases: number;
  /** Top-level fields in one operation. */
  maxRootFields: number;
  /** Lexical tokens in one document; parsing stops at the limit. */
  maxTokens: number;
  /** Operations in one HTTP request (batching). */
  maxOperationsPerRequest: number;
  /** Estimated cost (`@cost` weights times `@listSize` list sizes). */
  maxCost: number;
  /** The list size assumed for a list field with no `@listSize` and no slicing argument. */
  defaultListSize: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxIntrospectionDepth: 20,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 5_000,
  maxOperationsPerRequest: 10,
  maxCost: 10_000,
  defaultListSize: 10,
};

export type LimitName =
  | "depth"
  | "aliases"
  | "rootFields"
  | "tokens"
  | "operationsPerRequest"
  | "cost"
  | "credentialMutations";
