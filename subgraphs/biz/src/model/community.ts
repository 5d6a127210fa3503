import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Community as CommunityRow } from "../generated/prisma/client.ts";
import { User } from "./user.ts";

@ObjectType({
  description:
    "A community group (M08). Anyone sees it and its member count; its member list is for its members.",
})
export class Community {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => User, { description: "The group's one OWNER." })
  owner!: User;

  @Field(() => Int, { description: "The price of joining, in the smallest unit; 0 for a free group." })
  priceAmount!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "Community groups, newest first." })
export class CommunityConnection extends Connection(Community) {}

export const toCommunity = (row: CommunityRow): Community => ({
  id: row.id,
  name: row.name,
  description: row.description,
  owner: { id: row.ownerId },
  priceAmount: row.priceAmount,
  currency: row.currency,
  createdAt: row.createdAt,
});

export const toCommunityConnection = (page: Page<CommunityRow>) => toConnection(page, toCommunity);
