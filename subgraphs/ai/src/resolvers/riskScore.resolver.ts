import { uuidArg } from "@health/platform/graphql";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { AiContext } from "../context.ts";
import type { FeatureScore } from "../domain/risk/model.ts";
import { RiskScore } from "../model/riskScore.ts";

@Resolver(() => RiskScore)
export class RiskScoreResolver {
  @Authorized("admin")
  @Query(() => RiskScore, {
    nullable: true,
    description:
      "Admins: a user's latest risk score with its explanation; null when ai has seen nothing of them.",
  })
  async riskScore(@Ctx() ctx: AiContext, @Arg("userId", () => ID) userId: string): Promise<RiskScore | null> {
    const row = await ctx.deps.db.riskScore.findUnique({ where: { userId: uuidArg(userId, "userId") } });
    if (!row) return null;
    return {
      userId: row.userId,
      score: row.score,
      band: row.band,
      model: row.model,
      scoredAt: row.scoredAt,
      features: row.features as unknown as FeatureScore[],
    };
  }
}
