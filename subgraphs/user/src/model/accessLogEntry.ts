import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { HealthResource } from "../domain/access/healthResource.ts";
import { AccessRole } from "../domain/access/rules.ts";
import type { HealthDataAccessLog } from "../generated/prisma/client.ts";
import { HealthMetric } from "./healthMetric.ts";

export const AccessOutcome = { ALLOWED: "ALLOWED", DENIED: "DENIED" } as const;
export type AccessOutcome = (typeof AccessOutcome)[keyof typeof AccessOutcome];

registerEnumType(AccessRole, { name: "AccessRole", description: "Who the reader was to the owner." });
registerEnumType(HealthResource, { name: "HealthResource" });
registerEnumType(AccessOutcome, { name: "AccessOutcome" });

@ObjectType({ description: "One read (or refused read) of someone's health data." })
export class HealthDataAccessEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  actorId!: string;

  @Field(() => AccessRole)
  actorRole!: AccessRole;

  @Field(() => ID)
  ownerId!: string;

  @Field(() => HealthResource)
  resource!: HealthResource;

  @Field(() => HealthMetric, { nullable: true })
  metric!: HealthMetric | null;

  @Field(() => AccessOutcome)
  outcome!: AccessOutcome;

  @Field(() => String)
  reason!: string;

  @Field(() => ID, { nullable: true })
  grantId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      '"ai" when the actor read through ai (its health insights, on the actor\'s behalf); null for a direct read.',
  })
  via!: string | null;

  @Field(() => Date)
  occurredAt!: Date;
}

export const toAccessLogEntry = (row: HealthDataAccessLog): HealthDataAccessEntry => ({
  ...row,
  id: String(row.id),
});
