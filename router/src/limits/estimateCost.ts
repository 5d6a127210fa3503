import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromAST,
} from "graphql";
import type { CostDirectives } from "./costDirectives.ts";

export interface CostInput {
  schema: GraphQLSchema;
  directives: CostDirectives;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
  /** The size assumed for a list field with no `@listSize` and no slicing argument. */
  defaultListSize: number;
}

/** What each mutation's top-level field adds on top of its selection, as Apollo's demand control counts it. */
const MUTATION_BASE_COST = 10;

/**
 * Estimates what an operation will cost before it runs, per the cost spec that `@cost` and `@listSize`
 * come from: a field weighs its `@cost` (or its type's; 1 for objects, 0 for leaves), its arguments add
 * theirs, and a list multiplies its item's weight and selection by the list size (the slicing argument
 * given, else `assumedSize`, else the default). `sizedFields` hand the size to the named child lists
 * (connections' `edges`). Fragment costs are remembered, so nested fragment spreads cannot explode.
 */
export function estimateCost(input: CostInput): number {
  const { schema, directives, operation, fragments, variables, defaultListSize } = input;
  const fragmentCosts = new Map<string, number>();

  const argumentValue = (field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown => {
    const definition = field.args.find((a) => a.name === name);
    if (!definition) return undefined;
    const given = node.arguments?.find((a) => a.name.value === name);
    if (!given) return definition.defaultValue;
    return valueFromAST(given.value, definition.type, variables as Record<string, unknown>);
  };

  const fieldCost = (
    parentTypeName: string,
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    sizedByParent: ReadonlyMap<string, number>,
  ): number => {
    const key = `${parentTypeName}.${field.name}`;
    const named = getNamedType(field.type);
    const weight =
      directives.fieldWeights.get(key) ??
      directives.typeWeights.get(named.name) ??
      (isCompositeType(named) ? 1 : 0);
    let argumentCost = 0;
    for (const argument of node.arguments ?? [])
      argumentCost += directives.argumentWeights.get(`${key}(${argument.name.value}:)`) ?? 0;

    const isList = isListType(getNullableType(field.type));
    const listSize = directives.listSizes.get(key);
    let size = isList ? (sizedByParent.get(field.name) ?? defaultListSize) : 1;
    let sizedChildren: ReadonlyMap<string, number> = new Map();
    if (listSize) {
      const sliced = listSize.slicingArguments
        .map((name) => argumentValue(field, node, name))
        .find((value): value is number => typeof value === "number");
      const declared = sliced ?? listSize.assumedSize ?? defaultListSize;
      if (listSize.sizedFields.length > 0) {
        sizedChildren = new Map(listSize.sizedFields.map((name) => [name, declared]));
        size = 1;
      } else if (isList) {
        size = declared;
      }
    }
    const childCost = node.selectionSet ? selectionCost(node.selectionSet, named.name, sizedChildren) : 0;
    return argumentCost + size * (weight + childCost);
  };

  const selectionCost = (
    selectionSet: SelectionSetNode,
    typeName: string,
    sizedByParent: ReadonlyMap<string, number>,
  ): number => {
    const type = schema.getType(typeName);
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
        const field = type.getFields()[selection.name.value];
        if (field) cost += fieldCost(typeName, field, selection, sizedByParent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionCost(
          selection.selectionSet,
          selection.typeCondition?.name.value ?? typeName,
          sizedByParent,
        );
      } else {
        const name = selection.name.value;
        const memoKey = `${name}|${[...sizedByParent].join(",")}`;
        let known = fragmentCosts.get(memoKey);
        if (known === undefined) {
          const fragment = fragments.get(name);
          fragmentCosts.set(memoKey, 0); // a cycle (refused by validation anyway) counts once
          known = fragment
            ? selectionCost(fragment.selectionSet, fragment.typeCondition.name.value, sizedByParent)
            : 0;
          fragmentCosts.set(memoKey, known);
        }
        cost += known;
      }
    }
    return cost;
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  let cost = selectionCost(operation.selectionSet, rootType.name, new Map());
  if (operation.operation === "mutation") {
    const rootFields = operation.selectionSet.selections.filter(
      (s) => s.kind !== Kind.FIELD || !s.name.value.startsWith("__"),
    );
    cost += MUTATION_BASE_COST * rootFields.length;
  }
  return cost;
}
