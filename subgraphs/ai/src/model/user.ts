import { Directive, Field, ID, ObjectType } from "type-graphql";
import { InsightSource } from "./insightSource.ts";

/**
 * Auth's `User`, referenced by key; ai adds `healthInsights`, computed from user's `insightSource`
 * (`@external`, fetched by the router through `@requires`; resolved in `resolvers/user.reference.ts`).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  // Not @inaccessible here: composition refuses it on an @external field; user's marks it in the supergraph.
  @Directive("@external")
  @Field(() => InsightSource)
  insightSource?: InsightSource | null;
}
