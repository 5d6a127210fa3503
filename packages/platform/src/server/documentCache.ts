import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, validate } from "graphql";

export type CachedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Longer documents are parsed each time: a cache of huge one-off documents would only hold memory. */
const MAX_CACHED_LENGTH = 16 * 1024;

/**
 * Parsed and validated documents by their text. Thousands of sockets subscribing with the same document
 * then share one `DocumentNode` (and one validation) instead of holding a parse tree each.
 */
export class DocumentCache {
  private readonly entries = new Map<string, CachedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxEntries = 1_000,
  ) {}

  /** The validated document, or the errors a client should get for it. */
  get(query: string): CachedDocument {
    const cached = this.entries.get(query);
    if (cached) return cached;
    const entry = this.parseAndValidate(query);
    if (query.length <= MAX_CACHED_LENGTH) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(query, entry);
    }
    return entry;
  }

  private parseAndValidate(query: string): CachedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    const errors = validate(this.schema, document);
    return errors.length > 0 ? { errors } : { document };
  }
}
