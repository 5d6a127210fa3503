import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { AUDIT_PAGE, auditLogPage } from "../domain/audit/queries.ts";
import { verifyAuditChain } from "../domain/audit/verify.ts";
import { AuditChainVerification } from "../model/auditChainVerification.ts";
import { AuditLogEntry, AuditLogEntryConnection, toAuditLogEntryConnection } from "../model/auditLogEntry.ts";

/** The audit log (M18): admins only, read and verified. */
@Resolver(() => AuditLogEntry)
export class AuditLogResolver {
  @Authorized("admin")
  @ListSizedByFirst({ connection: true })
  @Query(() => AuditLogEntryConnection, {
    description:
      "The audit log, newest first, filtered by actor, subject (type, and id) and when it occurred (from ≤ t < to). Admins only.",
  })
  async auditLog(
    @Ctx() ctx: OpsContext,
    @Arg("actorId", () => String, { nullable: true }) actorId: string | null,
    @Arg("subjectType", () => String, { nullable: true }) subjectType: string | null,
    @Arg("subjectId", () => String, { nullable: true, description: "Needs subjectType." }) subjectId:
      | string
      | null,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Exclusive." }) to: Date | null,
    @Arg("first", () => Int, { defaultValue: AUDIT_PAGE.defaultSize, description: "1–200" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<AuditLogEntryConnection> {
    return toAuditLogEntryConnection(
      await auditLogPage(ctx.deps.db, { actorId, subjectType, subjectId, from, to, first, after }),
    );
  }

  @Authorized("admin")
  @Query(() => AuditChainVerification, {
    description:
      "Walks the audit chain (or the rows recorded from ≤ t < to, and their link to the row before) and names every changed, removed or inserted row. Admins only.",
  })
  verifyAuditChain(
    @Ctx() ctx: OpsContext,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true, description: "Exclusive." }) to: Date | null,
  ): Promise<AuditChainVerification> {
    return verifyAuditChain(ctx.deps.db, { from, to });
  }
}
