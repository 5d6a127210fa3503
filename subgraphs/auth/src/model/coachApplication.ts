import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { CoachApplicationRecord } from "../domain/coachApplications.ts";

/** GraphQL names in upper case; the values are the database's (`CoachApplicationStatus` in prisma/auth). */
export enum CoachApplicationStatus {
  PENDING = "pending",
  APPROVED = "approved",
  REJECTED = "rejected",
}

registerEnumType(CoachApplicationStatus, {
  name: "CoachApplicationStatus",
  description:
    "Where a coach application stands: waiting for an admin, approved (the COACH role) or rejected.",
});

@ObjectType({ description: "A certificate an applicant listed, with what an admin needs to check it." })
export class CoachCertificate {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => String, { nullable: true })
  number!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;
}

@ObjectType({
  description:
    "A user's request to coach. Only an admin other than the applicant decides it; approval grants COACH.",
})
export class CoachApplication {
  @Field(() => ID)
  id!: string;

  /** Resolved by the resolver's field resolver from `applicantId`. */
  applicantId!: string;

  @Field(() => [String])
  specialties!: string[];

  @Field(() => [String])
  regions!: string[];

  @Field(() => [CoachCertificate])
  certificates!: CoachCertificate[];

  @Field(() => CoachApplicationStatus)
  status!: CoachApplicationStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why an admin rejected it." })
  rejectionReason!: string | null;
}

@ObjectType()
export class CoachApplicationConnection extends Connection(CoachApplication) {}

export const toCoachApplication = (row: CoachApplicationRecord): CoachApplication =>
  Object.assign(new CoachApplication(), {
    id: row.id,
    applicantId: row.accountId,
    specialties: row.specialties,
    regions: row.regions,
    certificates: row.certificates.map(({ name, issuer, number, url }) => ({ name, issuer, number, url })),
    status: row.status as CoachApplicationStatus,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    rejectionReason: row.rejectionReason,
  });

export const toCoachApplicationConnection = (
  page: Page<CoachApplicationRecord>,
): CoachApplicationConnection => toConnection(page, toCoachApplication);
