// Decorated at import, and domain code imports this subpath for its plain helpers (uuidArg, replayThenLive).
import "reflect-metadata";
import { Directive, Field, ObjectType } from "type-graphql";

/** Shareable: every subgraph that paginates returns this same value type. */
@Directive("@shareable")
@ObjectType({ description: "Where a page ends; pass `endCursor` as `after` for the next page." })
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
