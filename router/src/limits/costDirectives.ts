import { type ConstDirectiveNode, type ConstValueNode, type DefinitionNode, Kind, parse } from "graphql";

/** `@listSize` on a field (https://ibm.github.io/graphql-specs/cost-spec.html, as Apollo Federation composes it). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments: string[];
  sizedFields: string[];
  requireOneSlicingArgument: boolean;
}

/** The cost directives of a supergraph, by `Type` and by `Type.field` / `Type.field(arg:)`. */
export interface CostDirectives {
  typeWeights: ReadonlyMap<string, number>;
  fieldWeights: ReadonlyMap<string, number>;
  argumentWeights: ReadonlyMap<string, number>;
  listSizes: ReadonlyMap<string, ListSize>;
}

/** Reads `@cost` and `@listSize` from the supergraph SDL (the API schema the gateway serves drops them). */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const typeWeights = new Map<string, number>();
  const fieldWeights = new Map<string, number>();
  const argumentWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();

  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (!hasFields(definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) typeWeights.set(typeName, typeWeight);
    for (const field of definition.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) fieldWeights.set(key, weight);
      const listSize = listSizeOf(field.directives);
      if (listSize) listSizes.set(key, listSize);
      for (const argument of "arguments" in field ? (field.arguments ?? []) : []) {
        const argumentWeight = weightOf(argument.directives);
        if (argumentWeight !== undefined)
          argumentWeights.set(`${key}(${argument.name.value}:)`, argumentWeight);
      }
    }
  }
  return { typeWeights, fieldWeights, argumentWeights, listSizes };
}

type WithFields = Extract<
  DefinitionNode,
  { kind: Kind.OBJECT_TYPE_DEFINITION | Kind.INTERFACE_TYPE_DEFINITION | Kind.INPUT_OBJECT_TYPE_DEFINITION }
>;

const hasFields = (definition: DefinitionNode): definition is WithFields =>
  definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
  definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
  definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION;

const directive = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  directives?.find((d) => d.name.value === name || d.name.value === `federation__${name}`);

const argumentValue = (node: ConstDirectiveNode, name: string): ConstValueNode | undefined =>
  node.arguments?.find((a) => a.name.value === name)?.value;

function weightOf(directives: readonly ConstDirectiveNode[] | undefined): number | undefined {
  const cost = directive(directives, "cost");
  const value = cost && argumentValue(cost, "weight");
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}

function listSizeOf(directives: readonly ConstDirectiveNode[] | undefined): ListSize | undefined {
  const node = directive(directives, "listSize");
  if (!node) return undefined;
  const strings = (name: string): string[] => {
    const value = argumentValue(node, name);
    if (value?.kind === Kind.LIST)
      return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
    return value?.kind === Kind.STRING ? [value.value] : [];
  };
  const assumed = argumentValue(node, "assumedSize");
  const requireOne = argumentValue(node, "requireOneSlicingArgument");
  return {
    assumedSize: assumed?.kind === Kind.INT ? Number(assumed.value) : undefined,
    slicingArguments: strings("slicingArguments"),
    sizedFields: strings("sizedFields"),
    requireOneSlicingArgument: requireOne?.kind === Kind.BOOLEAN ? requireOne.value : true,
  };
}
