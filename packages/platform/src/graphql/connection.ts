// Decorated at import, and domain code imports this subpath for its plain helpers (uuidArg, replayThenLive).
import "reflect-metadata";
import { type ClassType, Field, ObjectType } from "type-graphql";
import type { Page } from "../pagination/cursor.ts";
import { PageInfo } from "./pageInfo.ts";

/**
 * A page of `Item`s as GraphQL sees it (`nodes` and `pageInfo`), type-graphql's generic-types pattern:
 * `@ObjectType() class FooConnection extends Connection(Foo) {}` gives each subgraph its named type.
 */
export function Connection<TItem extends object>(Item: ClassType<TItem>) {
  // Not in the schema by itself: type-graphql 2 prints only the types a resolver reaches (the subclasses).
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Item])
    nodes!: TItem[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

/** A domain `Page` as a connection's value, each node mapped to its model. */
export const toConnection = <TRow, TItem>(
  page: Page<TRow>,
  toItem: (row: TRow) => TItem,
): { nodes: TItem[]; pageInfo: PageInfo } => ({
  nodes: page.nodes.map(toItem),
  pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
});
