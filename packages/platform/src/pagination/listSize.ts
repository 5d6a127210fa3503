import { Directive } from "type-graphql";

export interface ListSizeOptions {
  /** The field returns a connection: the size goes to its `nodes` list. */
  connection?: boolean;
  /** The size when `first` is omitted and has no GraphQL default (the page size the domain applies). */
  assumedSize?: number;
}

/**
 * `@listSize` for a field paged by `first` (the cost directive Federation composes into the supergraph):
 * the router multiplies what each item costs by `first`, so `first: 99999` is refused before planning.
 */
export function ListSizedByFirst(options: ListSizeOptions = {}) {
  const parts = ['slicingArguments: ["first"]'];
  if (options.assumedSize !== undefined) parts.push(`assumedSize: ${options.assumedSize}`);
  if (options.connection) parts.push('sizedFields: ["nodes"]');
  parts.push("requireOneSlicingArgument: false");
  return Directive(`@listSize(${parts.join(", ")})`);
}
