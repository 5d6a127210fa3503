import { GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { ChainProblemKind } from "../domain/audit/chain.ts";
import type { AuditChainVerification as Verification } from "../domain/audit/verify.ts";

export const AuditChainProblemKind = {
  CHANGED: "CHANGED",
  REMOVED: "REMOVED",
  INSERTED: "INSERTED",
} as const;
registerEnumType(AuditChainProblemKind, {
  name: "AuditChainProblemKind",
  valuesConfig: {
    CHANGED: { description: "The row's fields do not hash to its stored hash: it was edited." },
    REMOVED: {
      description:
        "Rows are missing: a gap in the sequence (missingFrom–missingTo), or the row named does not link to the row before it.",
    },
    INSERTED: {
      description:
        "The row does not belong: a duplicate sequence number, a row the next one links past, or past the chain head.",
    },
  },
});

@ObjectType({ description: "One thing wrong with the audit chain, naming the row." })
export class AuditChainProblem {
  @Field(() => AuditChainProblemKind)
  kind!: ChainProblemKind;

  @Field(() => ID, {
    nullable: true,
    description:
      "The changed or inserted row; for REMOVED the row after the gap (null: the newest rows are gone).",
  })
  rowId!: string | null;

  @Field(() => GraphQLSafeInt, { nullable: true })
  sequence!: number | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "REMOVED: the first missing sequence number, when known.",
  })
  missingFrom!: number | null;

  @Field(() => GraphQLSafeInt, {
    nullable: true,
    description: "REMOVED: the last missing sequence number, when known.",
  })
  missingTo!: number | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "What verifyAuditChain found." })
export class AuditChainVerification {
  @Field(() => Boolean, { description: "No problem found." })
  ok!: boolean;

  @Field(() => GraphQLSafeInt)
  checkedRows!: number;

  @Field(() => GraphQLSafeInt, { description: "The chain head's sequence number when the walk started." })
  headSequence!: number;

  @Field(() => [AuditChainProblem])
  problems!: AuditChainProblem[];

  @Field(() => Boolean, { description: "More problems were found than listed (the first 100 are)." })
  truncated!: boolean;
}

export const toAuditChainVerification = (verification: Verification): AuditChainVerification => verification;
