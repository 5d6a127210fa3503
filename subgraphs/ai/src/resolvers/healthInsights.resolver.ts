import { Arg, Authorized, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { DEFAULT_DAYS, insightsFromSource } from "../domain/insights/fromSource.ts";
import { HealthInsights, toHealthInsights } from "../model/healthInsights.ts";
import { HealthMetric } from "../model/healthMetric.ts";
import { INSIGHT_SOURCE_SELECTION } from "../model/insightSource.ts";
import { User } from "../model/user.ts";

/**
 * The seed's `GET /ai/insights/health`: `me { healthInsights(metric:) }` or `user(id:) { healthInsights }`.
 * An entity field, not a root field, because only an entity field can `@requires` user's data.
 */
@Resolver(() => User)
export class HealthInsightsResolver {
  @Authorized()
  @Directive(`@requires(fields: "${INSIGHT_SOURCE_SELECTION}")`)
  @FieldResolver(() => HealthInsights, {
    nullable: true,
    description:
      "Moving averages, trend, anomalies and goal projection of one metric, with the numbers behind each. Read under the same rules as the health data (owner, admin, coach with a consent grant) AND the owner's AI consent (`grantAiConsent`); every read is in the owner's access log.",
  })
  healthInsights(
    @Root() user: User,
    @Arg("metric", () => HealthMetric) metric: HealthMetric,
    @Arg("days", () => Int, { defaultValue: DEFAULT_DAYS, description: "7–90." }) days: number,
  ): HealthInsights {
    const { unit, insights } = insightsFromSource(user.insightSource, metric, days);
    return toHealthInsights(metric, unit, insights);
  }
}
