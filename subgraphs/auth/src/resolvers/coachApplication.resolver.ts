import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AuthContext } from "../context.ts";
import {
  applyAsCoach,
  approveCoachApplication,
  latestCoachApplication,
  listCoachApplications,
  rejectCoachApplication,
} from "../domain/coachApplications.ts";
import { ApplyAsCoachInput } from "../model/coachApplication.inputs.ts";
import {
  CoachApplication,
  CoachApplicationConnection,
  CoachApplicationStatus,
  toCoachApplication,
  toCoachApplicationConnection,
} from "../model/coachApplication.ts";
import { toUser, User } from "../model/user.ts";

const NEW_ROLE_NOTE =
  "The COACH role is in access tokens issued after approval: refresh the token or sign in again.";

@Resolver(() => CoachApplication)
export class CoachApplicationResolver {
  @Authorized()
  @Mutation(() => CoachApplication, {
    description: "Asks to become a coach (one pending application at a time); an admin decides it.",
  })
  async applyAsCoach(
    @Arg("input", () => ApplyAsCoachInput) input: ApplyAsCoachInput,
    @Ctx() ctx: AuthContext,
  ) {
    return toCoachApplication(await applyAsCoach(ctx.deps.db, ctx.actor!, input));
  }

  @Authorized()
  @Query(() => CoachApplication, { nullable: true, description: "The caller's latest coach application." })
  async myCoachApplication(@Ctx() ctx: AuthContext) {
    const row = await latestCoachApplication(ctx.deps.db, ctx.actor!.userId);
    return row ? toCoachApplication(row) : null;
  }

  @Authorized("admin")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => CoachApplicationConnection, {
    description: "Coach applications in one status (PENDING when omitted), oldest first (admins only).",
  })
  async coachApplications(
    @Arg("status", () => CoachApplicationStatus, { nullable: true }) status: CoachApplicationStatus | null,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AuthContext,
  ) {
    const page = await listCoachApplications(ctx.deps.db, { status: status ?? null, first, after });
    return toCoachApplicationConnection(page);
  }

  @Authorized("admin")
  @Mutation(() => CoachApplication, {
    description: `Approves a pending application and grants its applicant COACH (admins; never their own). ${NEW_ROLE_NOTE}`,
  })
  async approveCoachApplication(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext) {
    return toCoachApplication(await approveCoachApplication(ctx.deps.db, ctx.actor!, id));
  }

  @Authorized("admin")
  @Mutation(() => CoachApplication, {
    description: "Rejects a pending application with a reason the applicant sees (admins; never their own).",
  })
  async rejectCoachApplication(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: AuthContext,
  ) {
    return toCoachApplication(await rejectCoachApplication(ctx.deps.db, ctx.actor!, id, reason));
  }

  @FieldResolver(() => User)
  async applicant(@Root() application: CoachApplication, @Ctx() ctx: AuthContext) {
    const account = await ctx.loaders.accountById.load(application.applicantId);
    if (!account) throw new Error(`Coach application ${application.id} has no account`);
    return toUser(account, ctx.actor);
  }
}
