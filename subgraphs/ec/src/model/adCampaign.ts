import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AdCampaignRow } from "../domain/ads/campaigns.ts";
import { AdCampaignStatus, AdPlacement, AdPricingModel } from "../generated/prisma/enums.ts";
import { User } from "./user.ts";

registerEnumType(AdPricingModel, {
  name: "AdPricingModel",
  description: "CPC: each charged click costs `priceAmount`; CPM: each thousand counted impressions do.",
});
registerEnumType(AdPlacement, { name: "AdPlacement", description: "Where in the apps an ad may be shown." });
registerEnumType(AdCampaignStatus, {
  name: "AdCampaignStatus",
  description: "ACTIVE (served in its schedule while budget is left) ⇄ PAUSED → ENDED (final).",
});

@ObjectType({ description: "What a viewer sees of an ad." })
export class AdCreative {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => String, { nullable: true })
  imageUrl!: string | null;

  @Field(() => String, { description: "Where a click takes the viewer." })
  targetUrl!: string;
}

@ObjectType({ description: "An advertiser's campaign (M10): creative, budget, price, schedule, targeting." })
export class AdCampaign {
  @Field(() => ID)
  id!: string;

  @Field(() => User, {
    nullable: true,
    description: "The business account it runs for; null: the platform's own.",
  })
  advertiser!: User | null;

  @Field(() => String)
  name!: string;

  @Field(() => AdCreative)
  creative!: AdCreative;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY)." })
  budgetAmount!: number;

  @Field(() => Int, { description: "Charged so far, never more than the budget." })
  spentAmount!: number;

  @Field(() => String, { description: "ISO 4217, of the budget, the price and the spend." })
  currency!: string;

  @Field(() => AdPricingModel)
  pricingModel!: AdPricingModel;

  @Field(() => Int, { description: "Per click (CPC) or per thousand impressions (CPM), smallest unit." })
  priceAmount!: number;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => [String], { description: "Regions it is shown in; empty: everywhere." })
  regions!: string[];

  @Field(() => [String], { description: "Topics it is shown with; empty: every topic." })
  topics!: string[];

  @Field(() => [AdPlacement])
  placements!: AdPlacement[];

  @Field(() => AdCampaignStatus)
  status!: AdCampaignStatus;

  @Field(() => Date)
  createdAt!: Date;
}

export const toAdCreative = (row: AdCampaignRow): AdCreative => ({
  title: row.title,
  body: row.body,
  imageUrl: row.imageUrl,
  targetUrl: row.targetUrl,
});

export const toAdCampaign = (row: AdCampaignRow): AdCampaign => ({
  id: row.id,
  advertiser: row.advertiserId ? { id: row.advertiserId } : null,
  name: row.name,
  creative: toAdCreative(row),
  budgetAmount: row.budgetAmount,
  spentAmount: row.spentAmount,
  currency: row.currency,
  pricingModel: row.pricingModel,
  priceAmount: row.priceAmount,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  regions: row.regions,
  topics: row.topics,
  placements: row.placements,
  status: row.status,
  createdAt: row.createdAt,
});

@ObjectType()
export class AdCampaignConnection extends Connection(AdCampaign) {}

export const toAdCampaignConnection = (page: Page<AdCampaignRow>): AdCampaignConnection =>
  toConnection(page, toAdCampaign);
