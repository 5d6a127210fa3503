import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { readCostDirectives } from "../../src/limits/costDirectives.ts";
import { estimateCost } from "../../src/limits/estimateCost.ts";
import { measureOperation } from "../../src/limits/measureOperation.ts";

const SDL = /* GraphQL */ `
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

  type Query {
    records(first: Int! = 50): [Record!]! @listSize(slicingArguments: ["first"])
    trending(first: Int): [Record!]! @listSize(slicingArguments: ["first"], assumedSize: 20) @cost(weight: 10)
    feed(first: Int): RecordConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"])
    tags: [String!]!
    owners: [Owner!]!
    me: Owner
  }
  type Mutation { like(id: ID!): Record! }
  type RecordConnection { edges: [Record!]! total: Int! }
  type Record { id: ID! value: Float! owner: Owner! }
  type Owner { id: ID! name: String! records: [Record!]! }
`;
const schema = buildSchema(SDL);
const directives = readCostDirectives(SDL);

function operationOf(source: string): {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
} {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) operation ??= d;
  }
  if (!operation) throw new Error("no operation");
  return { operation, fragments };
}

const shape = (source: string) => {
  const { operation, fragments } = operationOf(source);
  return measureOperation(operation, fragments);
};

const cost = (source: string, variables: Record<string, unknown> = {}) => {
  const { operation, fragments } = operationOf(source);
  return estimateCost({ schema, directives, operation, fragments, variables, defaultListSize: 10 });
};

describe("measureOperation", () => {
  it("measures depth, aliases and top-level fields through fragments", () => {
    expect(shape("{ me { id } }")).toEqual({ depth: 2, aliases: 0, rootFields: 1, introspectionOnly: false });
    expect(
      shape(`
        query { a: me { ...O } b: me { ...O } tags __typename }
        fragment O on Owner { n: name records { owner { id } } }
      `),
    ).toEqual({ depth: 4, aliases: 4, rootFields: 3, introspectionOnly: false });
  });

  it("tells an introspection-only operation apart", () => {
    expect(shape("{ __typename __schema { types { name } } }").introspectionOnly).toBe(true);
    expect(shape('query { ...I } fragment I on Query { __type(name: "X") { name } }').introspectionOnly).toBe(
      true,
    );
    expect(shape("{ __schema { types { name } } me { id } }").introspectionOnly).toBe(false);
  });

  it("measures a fragment bomb (each fragment spread twice, 30 levels) without expanding it", () => {
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    // Expanded, this would be 2^30 fields: the test would not finish.
    const measured = shape(`query { ...F0 }\n${levels}\nfragment F30 on Query { x: tags }`);
    expect(measured.aliases).toBe(2 ** 30);
  });
});

describe("estimateCost (@cost and @listSize)", () => {
  it("multiplies a list by its slicing argument, from a literal, a variable or the argument's default", () => {
    // Each record is an object (1) with an object field owner (1): 2 per record.
    expect(cost("{ records(first: 5) { id owner { name } } }")).toBe(10);
    expect(cost("query($n: Int!) { records(first: $n) { id owner { name } } }", { n: 100 })).toBe(200);
    expect(cost("{ records { id } }")).toBe(50);
    expect(cost("{ records(first: 99999) { id owner { records { id } } } }")).toBeGreaterThan(1_000_000);
  });

  it("uses assumedSize without a slicing argument, and the field's own @cost weight", () => {
    expect(cost("{ trending { id } }")).toBe(20 * 10);
    expect(cost("{ trending(first: 3) { id } }")).toBe(3 * 10);
  });

  it("hands a connection's size to its sizedFields", () => {
    // feed (1) + edges: 7 records × (1 + owner 1) + total (0)
    expect(cost("{ feed(first: 7) { total edges { owner { id } } } }")).toBe(1 + 7 * 2);
  });

  it("assumes the default list size for an unannotated list, and leaves cost 0", () => {
    expect(cost("{ tags }")).toBe(0);
    expect(cost("{ owners { id } }")).toBe(10);
  });

  it("adds a base cost per mutation field", () => {
    expect(cost('mutation { like(id: "1") { id } }')).toBe(10 + 1);
    expect(cost('mutation { a: like(id: "1") { id } b: like(id: "2") { id } }')).toBe(2 * 11);
  });

  it("counts a fragment wherever it is spread, without expanding fragment bombs", () => {
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join("\n");
    expect(cost(`query { ...F0 }\n${levels}\nfragment F30 on Query { me { id } }`)).toBe(2 ** 30);
  });
});
