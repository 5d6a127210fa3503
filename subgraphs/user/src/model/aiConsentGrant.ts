import { Field, ID, InputType, ObjectType } from "type-graphql";
import { isLiveAiConsent } from "../domain/consent/aiRules.ts";
import type { AiConsentGrant as AiConsentGrantRow } from "../generated/prisma/client.ts";
import { HealthMetric } from "./healthMetric.ts";

@ObjectType({
  description:
    "An owner lets ai analyse some metrics (health insights) until it expires or is revoked; every read is still the reader's own, and logged.",
})
export class AiConsentGrant {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  ownerId!: string;

  @Field(() => [HealthMetric])
  metrics!: HealthMetric[];

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean, { description: "Neither revoked nor expired: only live consents allow AI analysis." })
  live!: boolean;
}

export const toAiConsentGrant = (row: AiConsentGrantRow, now: Date): AiConsentGrant => ({
  ...row,
  live: isLiveAiConsent(row, now),
});

@InputType()
export class GrantAiConsentInput {
  @Field(() => [HealthMetric], { description: "The metrics ai may analyse." })
  metrics!: HealthMetric[];

  @Field(() => Date, { description: "In the future, at most one year ahead." })
  expiresAt!: Date;
}
