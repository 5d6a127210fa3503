import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import {
  myCertificates,
  pendingCertificates,
  reviewCertificate,
  submitCertificate,
} from "../domain/certificates/certificates.ts";
import { SubmitCertificateInput } from "../model/certificate.inputs.ts";
import {
  Certificate,
  CertificateConnection,
  toCertificate,
  toCertificateConnection,
} from "../model/certificate.ts";

@Resolver(() => Certificate)
export class CertificateResolver {
  @Authorized("coach")
  @Mutation(() => Certificate, {
    description:
      "Submits one of the calling coach's certificates for an admin to verify (it then counts for the level).",
  })
  async submitCertificate(
    @Arg("input", () => SubmitCertificateInput) input: SubmitCertificateInput,
    @Ctx() ctx: OpsContext,
  ): Promise<Certificate> {
    return toCertificate(await submitCertificate(ctx.deps.db, actorOf(ctx), input, new Date()));
  }

  @Authorized("coach")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => CertificateConnection, { description: "The calling coach's certificates, newest first." })
  async myCertificates(
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OpsContext,
  ): Promise<CertificateConnection> {
    return toCertificateConnection(await myCertificates(ctx.deps.db, actorOf(ctx), { first, after }));
  }

  @Authorized("admin")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => CertificateConnection, {
    description: "Certificates waiting for an admin, newest first (admins).",
  })
  async pendingCertificates(
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OpsContext,
  ): Promise<CertificateConnection> {
    return toCertificateConnection(await pendingCertificates(ctx.deps.db, { first, after }));
  }

  @Authorized("admin")
  @Mutation(() => Certificate, {
    description: "Verifies a pending certificate (admins; never their own); the coach's level is recomputed.",
  })
  async verifyCertificate(@Arg("id", () => ID) id: string, @Ctx() ctx: OpsContext): Promise<Certificate> {
    const { db, levelThresholds } = ctx.deps;
    const row = await reviewCertificate(
      db,
      actorOf(ctx),
      id,
      { status: "VERIFIED" },
      levelThresholds,
      new Date(),
    );
    return toCertificate(row);
  }

  @Authorized("admin")
  @Mutation(() => Certificate, {
    description: "Rejects a pending certificate with a reason the coach reads (admins; never their own).",
  })
  async rejectCertificate(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: OpsContext,
  ): Promise<Certificate> {
    const { db, levelThresholds } = ctx.deps;
    const row = await reviewCertificate(
      db,
      actorOf(ctx),
      id,
      { status: "REJECTED", reason },
      levelThresholds,
      new Date(),
    );
    return toCertificate(row);
  }
}
