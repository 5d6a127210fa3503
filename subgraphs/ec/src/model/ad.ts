import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { AdCampaignRow } from "../domain/ads/campaigns.ts";
import type { AdClickView } from "../domain/ads/clicks.ts";
import type { AdCampaignReportRow } from "../domain/ads/report.ts";
import { AdCampaign, AdCreative, toAdCampaign, toAdCreative } from "./adCampaign.ts";

@ObjectType({ description: "An ad to show: its id (to report impressions and clicks with) and creative." })
export class Ad {
  @Field(() => ID, { description: "The campaign's id." })
  id!: string;

  @Field(() => AdCreative)
  creative!: AdCreative;
}

export const toAd = (row: AdCampaignRow): Ad => ({ id: row.id, creative: toAdCreative(row) });

@ObjectType({ description: "What a batch of impressions did." })
export class AdImpressionsRecorded {
  @Field(() => Int)
  received!: number;

  @Field(() => Int, {
    description: "Those counted: the viewer's first of that ad in the window; repeats count nothing.",
  })
  counted!: number;
}

@ObjectType({ description: "A recorded click." })
export class AdClickResult {
  @Field(() => ID)
  clickId!: string;

  @Field(() => ID)
  adId!: string;

  @Field(() => Boolean, { description: "False on a CPM ad, or when the campaign had no budget left." })
  charged!: boolean;

  @Field(() => Int, {
    description: "What the click cost the advertiser, smallest unit (0 when not charged).",
  })
  chargedAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => String, { description: "Where to take the viewer." })
  targetUrl!: string;

  @Field(() => Date)
  clickedAt!: Date;
}

export const toAdClickResult = (view: AdClickView): AdClickResult => ({
  ...view,
  clickedAt: new Date(view.clickedAt),
});

@ObjectType({ description: "A campaign's figures over a period." })
export class AdCampaignReport {
  @Field(() => AdCampaign)
  campaign!: AdCampaign;

  @Field(() => Date, { nullable: true, description: "Inclusive; the campaign's start when null." })
  from!: Date | null;

  @Field(() => Date, { nullable: true, description: "Exclusive; now when null." })
  to!: Date | null;

  @Field(() => Int, { description: "Counted impressions (once per viewer and window)." })
  impressions!: number;

  @Field(() => Int)
  clicks!: number;

  @Field(() => Float, { nullable: true, description: "clicks / impressions; null with no impressions." })
  clickThroughRate!: number | null;

  @Field(() => Int, { description: "Charged in the period, smallest unit." })
  spendAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;
}

export const toAdCampaignReport = (row: AdCampaignReportRow): AdCampaignReport => ({
  ...row,
  campaign: toAdCampaign(row.campaign),
});
