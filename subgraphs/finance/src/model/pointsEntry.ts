import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { PointsEntryRow } from "../domain/points/queries.ts";
import { LedgerTransferKind } from "../generated/prisma/enums.ts";

export const PointsEntryKind = LedgerTransferKind;
registerEnumType(PointsEntryKind, {
  name: "PointsEntryKind",
  description: "Why points moved.",
  valuesConfig: {
    POINTS_AWARD: { description: "A rule awarded them for an event (a health action, a goal, a service)." },
    POINTS_ADJUSTMENT: { description: "An operator corrected the balance, with a reason." },
    TRANSFER: { description: "Points moved between accounts." },
    GIFT: { description: "A gift sent: the sender's points, shared between the coach and the platform." },
    SETTLEMENT: {
      description: "An order's payment split between the coach and the platform (money, never points).",
    },
    BOUNTY: {
      description: "A question's bounty: held from the asker, then paid to an answer's author or returned.",
    },
  },
});

@ObjectType({ description: "One change of a user's points (M14): entries are never edited." })
export class PointsEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "Signed: positive credited, negative taken." })
  points!: number;

  @Field(() => PointsEntryKind)
  kind!: LedgerTransferKind;

  @Field(() => String, { description: "The event that earned them, or the operator's reason." })
  reason!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const toPointsEntry = (row: PointsEntryRow): PointsEntry => ({
  id: row.id,
  points: row.points,
  kind: row.kind,
  reason: row.reason,
  createdAt: row.createdAt,
});

@ObjectType()
export class PointsEntryConnection extends Connection(PointsEntry) {}

export const toPointsEntryConnection = (page: Page<PointsEntryRow>): PointsEntryConnection =>
  toConnection(page, toPointsEntry);
