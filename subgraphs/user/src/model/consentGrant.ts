import { Field, ID, ObjectType } from "type-graphql";
import { isLiveGrant } from "../domain/access/rules.ts";
import type { ConsentGrant as ConsentGrantRow } from "../generated/prisma/client.ts";
import { HealthMetric } from "./healthMetric.ts";

@ObjectType({ description: "An owner lets a coach read some metrics until it expires or is revoked." })
export class ConsentGrant {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  ownerId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => [HealthMetric])
  metrics!: HealthMetric[];

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean, { description: "Neither revoked nor expired: only live grants give access." })
  live!: boolean;
}

export const toConsentGrant = (row: ConsentGrantRow, now: Date): ConsentGrant => ({
  ...row,
  live: isLiveGrant(row, now),
});
