import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { GraphQLSafeInt } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { AUDIT_KINDS, type AuditKind as AuditKindName } from "../domain/audit/append.ts";
import { type AuditRecord, canonicalJson } from "../domain/audit/canonical.ts";

export const AuditKind = Object.fromEntries(AUDIT_KINDS.map((kind) => [kind, kind])) as {
  [K in AuditKindName]: K;
};
registerEnumType(AuditKind, {
  name: "AuditKind",
  description: "What an audit row records.",
  valuesConfig: {
    EVENT: { description: "A catalogued event (its name is the action, its aggregate the subject)." },
    ADMIN_ACTION: {
      description: "An admin's action, in ops or reported by another subgraph's admin_action_recorded.",
    },
    OPERATOR_ACTION: { description: "An operator's action in ops (alerts, notifications, certificates)." },
  },
});

@ObjectType({
  description:
    "One row of the audit log (M18): append-only and hash-chained; `hash` is SHA-256 of the row's canonical form as stored, where people are pseudonyms (subgraphs/ops/README.md). actorId, subjectId and details show user ids; an erased person's stay pseudonyms.",
})
export class AuditLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLSafeInt, { description: "1, 2, 3, ... with no gap, in the order rows were appended." })
  sequence!: number;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => AuditKind)
  kind!: AuditKindName;

  @Field(() => ID, { nullable: true, description: "Who did it; null for the platform itself." })
  actorId!: string | null;

  @Field(() => String)
  subjectType!: string;

  @Field(() => String)
  subjectId!: string;

  @Field(() => String, { description: "The event's name, or the action's." })
  action!: string;

  @Field(() => String, { description: "The details as canonical JSON text (sorted keys)." })
  details!: string;

  @Field(() => ID, { nullable: true, description: "The event's id, for an EVENT row." })
  eventId!: string | null;

  @Field(() => String, { description: "The previous row's hash (64 zeros before row 1)." })
  prevHash!: string;

  @Field(() => String)
  hash!: string;
}

export const toAuditLogEntry = (row: AuditRecord): AuditLogEntry => ({
  ...row,
  kind: row.kind as AuditKindName,
  details: canonicalJson(row.details),
});

@ObjectType()
export class AuditLogEntryConnection extends Connection(AuditLogEntry) {}

export const toAuditLogEntryConnection = (page: Page<AuditRecord>): AuditLogEntryConnection =>
  toConnection(page, toAuditLogEntry);
