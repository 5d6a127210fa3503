import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { CommunityMembership as MembershipRow } from "../generated/prisma/client.ts";
import { CommunityRole, MembershipStatus } from "../generated/prisma/enums.ts";
import { User } from "./user.ts";

registerEnumType(CommunityRole, {
  name: "CommunityRole",
  description:
    "OWNER (holds the group: one, its creator until handed over), ADMIN (appointed by the owner; removes members), MEMBER.",
});

registerEnumType(MembershipStatus, {
  name: "CommunityMembershipStatus",
  description:
    "PENDING (finance is taking a paid group's price) → ACTIVE (a member) or FAILED (declined or timed out; join again); an ACTIVE one ends LEFT or REMOVED.",
});

@ObjectType({ description: "A user's membership of a community group." })
export class CommunityMembership {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  communityId!: string;

  @Field(() => User)
  member!: User;

  @Field(() => CommunityRole)
  role!: CommunityRole;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field(() => Int, { description: "What joining charged, in the smallest unit; 0 for a free group." })
  amount!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => String, { nullable: true, description: "Why a FAILED membership failed." })
  failure!: string | null;

  @Field(() => Date, { description: "When the user asked to join (or created the group)." })
  joinedAt!: Date;
}

@ObjectType({ description: "A group's ACTIVE members, newest first." })
export class CommunityMembershipConnection extends Connection(CommunityMembership) {}

export const toCommunityMembership = (row: MembershipRow): CommunityMembership => ({
  id: row.id,
  communityId: row.communityId,
  member: { id: row.userId },
  role: row.role,
  status: row.status,
  amount: row.amount,
  currency: row.currency,
  failure: row.failure,
  joinedAt: row.createdAt,
});

export const toCommunityMembershipConnection = (page: Page<MembershipRow>) =>
  toConnection(page, toCommunityMembership);
