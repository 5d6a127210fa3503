import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { EcContext } from "../context.ts";
import { recordAdClick } from "../domain/ads/clicks.ts";
import { recordAdImpressions } from "../domain/ads/impressions.ts";
import { adsFor } from "../domain/ads/serving.ts";
import { AdsForArgs, RecordAdImpressionsInput } from "../model/ad.inputs.ts";
import { Ad, AdClickResult, AdImpressionsRecorded, toAd, toAdClickResult } from "../model/ad.ts";

@Resolver(() => Ad)
export class AdResolver {
  @ListSizedByFirst({ assumedSize: 3 })
  @Query(() => [Ad], {
    description:
      "Ads to show now in `placement` (anyone): active, in schedule, targeted at this region and topic, with budget left; best paying first.",
  })
  async adsFor(@Ctx() ctx: EcContext, @Args(() => AdsForArgs) args: AdsForArgs): Promise<Ad[]> {
    return (await adsFor(ctx.deps.db, args, new Date())).map(toAd);
  }

  /** POST /ads/impressions */
  @Mutation(() => AdImpressionsRecorded, {
    description:
      "Records the impressions a viewer (signed in, or `deviceId`) saw; each counts once per viewer, ad and window.",
  })
  async recordAdImpressions(
    @Ctx() ctx: EcContext,
    @Arg("input", () => RecordAdImpressionsInput) input: RecordAdImpressionsInput,
  ): Promise<AdImpressionsRecorded> {
    return recordAdImpressions(ctx.deps, ctx.actor, input, new Date());
  }

  @Mutation(() => AdClickResult, {
    description:
      "Records a click (signed in, or `deviceId`) and charges a CPC ad while its budget allows; once per idempotency key.",
  })
  async recordAdClick(
    @Ctx() ctx: EcContext,
    @Arg("adId", () => ID) adId: string,
    @Arg("idempotencyKey", () => String, { description: "1–255 characters, new for each click." })
    idempotencyKey: string,
    @Arg("deviceId", () => ID, {
      nullable: true,
      description: "The app's install id; required when not signed in.",
    })
    deviceId: string | null,
  ): Promise<AdClickResult> {
    return toAdClickResult(
      await recordAdClick(ctx.deps.db, ctx.actor, { adId, idempotencyKey, deviceId }, new Date()),
    );
  }
}
