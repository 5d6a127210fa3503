import { PageInfo } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ObjectType } from "type-graphql";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A page of users (followers or followed), most recent follow first." })
export class UserConnection {
  @Field(() => [User])
  nodes!: User[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

export const toUserConnection = (page: Page<{ id: string }>): UserConnection => ({
  nodes: page.nodes.map((person) => userRef(person.id)),
  pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
});
