import type { PlanNode } from "@apollo/query-planner";
import { Kind, parse, type SelectionSetNode } from "graphql";

/**
 * Entity fields every caller sees the same, the anonymous one included: the router may resolve them
 * once for a group shared across callers (README.md beside this file, rule 3). A field belongs here
 * only if its owning subgraph resolves it without looking at the caller. `User.displayName`: auth's
 * `toUser` (subgraphs/auth/src/model/user.ts) returns it to every viewer, while `email` and `roles`
 * depend on who asks and stay out.
 */
export const CALLER_INDEPENDENT_FIELDS: readonly string[] = ["User.displayName"];

/** The fields of one `_entities` selection, as `Type.field`; null when it selects more than leaf fields. */
function entityFieldsOf(selectionSet: SelectionSetNode): string[] | null {
  const fields: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) return null;
    const type = selection.typeCondition.name.value;
    for (const field of selection.selectionSet.selections) {
      if (
        field.kind !== Kind.FIELD ||
        field.selectionSet ||
        field.arguments?.length ||
        field.directives?.length
      ) {
        return null;
      }
      if (field.name.value !== "__typename") fields.push(`${type}.${field.name.value}`);
    }
  }
  return fields;
}

/** Every `Type.field` an entity fetch asks for, or null when the fetch is anything but plain leaf fields. */
function fetchedFields(operation: string): string[] | null {
  const document = parse(operation);
  const fields: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return null;
    for (const root of definition.selectionSet.selections) {
      if (root.kind !== Kind.FIELD || root.name.value !== "_entities" || !root.selectionSet) return null;
      const entityFields = entityFieldsOf(root.selectionSet);
      if (!entityFields) return null;
      fields.push(...entityFields);
    }
  }
  return fields;
}

/**
 * Whether every fetch of `node` (the plan's `rest`) asks only for `allowed` fields: then what it returns
 * is the same whoever asks, and it may run once, anonymously, for callers sharing a group. Any other
 * node kind (a condition, a deferral) or selection (nested objects, arguments) says no.
 */
export function fetchesOnlyCallerIndependentFields(node: PlanNode, allowed: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case "Sequence":
    case "Parallel":
      return node.nodes.every((child) => fetchesOnlyCallerIndependentFields(child, allowed));
    case "Flatten":
      return fetchesOnlyCallerIndependentFields(node.node, allowed);
    case "Fetch": {
      const fields = fetchedFields(node.operation);
      return fields?.every((field) => allowed.has(field)) ?? false;
    }
    default:
      return false;
  }
}
