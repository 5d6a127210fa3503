import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AccountErasureRecord } from "../privacy/accountErasures.ts";

/** The database's values (`AccountErasureStatus` in prisma/auth), already upper case. */
export enum AccountErasureStatus {
  PENDING = "PENDING",
  CANCELLED = "CANCELLED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
}

registerEnumType(AccountErasureStatus, {
  name: "AccountErasureStatus",
  description:
    "PENDING through the cooling-off period (cancellable), CANCELLED, IN_PROGRESS once started (the person's tokens are dead), COMPLETED when every subgraph acknowledged it.",
});

export enum ErasedTableAction {
  DELETED = "DELETED",
  ANONYMISED = "ANONYMISED",
  TOMBSTONED = "TOMBSTONED",
}

registerEnumType(ErasedTableAction, {
  name: "ErasedTableAction",
  description:
    "What erasure did to a table's rows about the person: deleted, anonymised in place, or kept under the tombstone id.",
});

@ObjectType({ description: "What one subgraph's erasure did to one of its tables (counts only)." })
export class ErasedTableCount {
  @Field(() => String)
  table!: string;

  @Field(() => ErasedTableAction)
  action!: ErasedTableAction;

  @Field(() => Int)
  rows!: number;
}

@ObjectType({ description: "One data-holding subgraph's part of an erasure: finished once it acknowledged." })
export class ErasureProgress {
  @Field(() => String)
  subgraph!: string;

  @Field(() => Boolean)
  finished!: boolean;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => [ErasedTableCount])
  tables!: ErasedTableCount[];
}

@ObjectType({
  description:
    "A person's erasure of their account: requested with their password, cancellable until scheduledFor, then carried out by every subgraph.",
})
export class AccountErasure {
  @Field(() => ID)
  id!: string;

  @Field(() => AccountErasureStatus)
  status!: AccountErasureStatus;

  @Field(() => Date)
  requestedAt!: Date;

  @Field(() => Date, { description: "When the cooling-off period ends and the erasure starts." })
  scheduledFor!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => [ErasureProgress], { description: "Every data-holding subgraph, finished or pending." })
  subgraphs!: ErasureProgress[];
}

export const toAccountErasure = (row: AccountErasureRecord): AccountErasure =>
  Object.assign(new AccountErasure(), {
    id: row.id,
    status: row.status as AccountErasureStatus,
    requestedAt: row.requestedAt,
    scheduledFor: row.scheduledFor,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
    subgraphs: row.subgraphs.map((progress) =>
      Object.assign(new ErasureProgress(), {
        ...progress,
        tables: progress.tables.map((table) => Object.assign(new ErasedTableCount(), table)),
      }),
    ),
  });
