import {
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface OperationShape {
  /** Deepest chain of fields, fragments expanded (`{ me { id } }` is 2). */
  depth: number;
  /** Aliased fields, counting each time a fragment is used. */
  aliases: number;
  /** Top-level fields, fragments expanded, `__typename` not counted. */
  rootFields: number;
  /** Every top-level field is `__schema` or `__type` (answered by the router itself, from the schema). */
  introspectionOnly: boolean;
}

interface SelectionSummary {
  depth: number;
  aliases: number;
  fields: number;
  /** `__schema` and `__type` fields, counted at the root only. */
  introspection: number;
}

/**
 * Measures an operation's shape. Each fragment is summarised once and reused wherever it is spread, so
 * a document built to explode through nested fragment spreads costs linear time to measure.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): OperationShape {
  const summaries = new Map<string, SelectionSummary>();
  const visiting = new Set<string>();

  const summarise = (selectionSet: SelectionSetNode, countTypename: boolean): SelectionSummary => {
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    let introspection = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const name = selection.name.value;
        if (countTypename || name !== "__typename") fields += 1;
        if (!countTypename && (name === "__schema" || name === "__type")) introspection += 1;
        const child = selection.selectionSet ? summarise(selection.selectionSet, true) : null;
        depth = Math.max(depth, 1 + (child?.depth ?? 0));
        aliases += child?.aliases ?? 0;
        continue;
      }
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT
          ? summarise(selection.selectionSet, countTypename)
          : fragmentSummary(selection.name.value, countTypename);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      fields += inner.fields;
      introspection += inner.introspection;
    }
    return { depth, aliases, fields, introspection };
  };

  const fragmentSummary = (name: string, countTypename: boolean): SelectionSummary => {
    const key = `${name}:${countTypename}`;
    const known = summaries.get(key);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic fragments fail validation; measuring them as empty keeps this total.
    if (!fragment || visiting.has(name)) return { depth: 0, aliases: 0, fields: 0, introspection: 0 };
    visiting.add(name);
    const summary = summarise(fragment.selectionSet, countTypename);
    visiting.delete(name);
    summaries.set(key, summary);
    return summary;
  };

  const root = summarise(operation.selectionSet, false);
  return {
    depth: root.depth,
    aliases: root.aliases,
    rootFields: root.fields,
    introspectionOnly: root.fields > 0 && root.introspection === root.fields,
  };
}
