import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { CoachCertificate as CertificateRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

export enum CertificateStatus {
  PENDING = "PENDING",
  VERIFIED = "VERIFIED",
  REJECTED = "REJECTED",
}

registerEnumType(CertificateStatus, {
  name: "CertificateStatus",
  description: "Where a coach's certificate stands: waiting for an admin, verified, or rejected.",
});

@ObjectType({
  description:
    "A certificate a coach submitted to ops; verified ones count for the coach's level. An admin other than the coach decides it.",
})
export class Certificate {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  coach!: User;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  issuer!: string;

  @Field(() => String, { nullable: true })
  number!: string | null;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => CertificateStatus)
  status!: CertificateStatus;

  @Field(() => User, { nullable: true, description: "The admin who verified or rejected it." })
  reviewedBy!: User | null;

  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Why the admin rejected it." })
  rejectionReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class CertificateConnection extends Connection(Certificate) {}

export const toCertificate = (row: CertificateRow): Certificate =>
  Object.assign(new Certificate(), {
    id: row.id,
    coach: userRef(row.coachId),
    name: row.name,
    issuer: row.issuer,
    number: row.number,
    url: row.url,
    status: row.status as CertificateStatus,
    reviewedBy: row.reviewedBy ? userRef(row.reviewedBy) : null,
    reviewedAt: row.reviewedAt,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt,
  });

export const toCertificateConnection = (page: Page<CertificateRow>): CertificateConnection =>
  toConnection(page, toCertificate);
