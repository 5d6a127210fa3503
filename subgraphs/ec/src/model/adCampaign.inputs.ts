import { Field, ID, InputType, Int } from "type-graphql";
import { AdCampaignStatus, AdPlacement, AdPricingModel } from "../generated/prisma/enums.ts";

@InputType()
export class AdCreativeInput {
  @Field(() => String, { description: "1–80 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "Up to 500 characters." })
  body?: string | null;

  @Field(() => String, { nullable: true, description: "An http(s) URL." })
  imageUrl?: string | null;

  @Field(() => String, { description: "An http(s) URL: where a click takes the viewer." })
  targetUrl!: string;
}

@InputType()
export class CreateAdCampaignInput {
  @Field(() => String, { description: "1–120 characters, for the advertiser's own reference." })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The business account it runs for (a user id); it may read the campaign and its report.",
  })
  advertiserId?: string | null;

  @Field(() => AdCreativeInput)
  creative!: AdCreativeInput;

  @Field(() => Int, { description: "The most it may spend, in the currency's smallest unit; 1 or more." })
  budgetAmount!: number;

  @Field(() => String, { nullable: true, description: "ISO 4217; CNY when omitted." })
  currency?: string | null;

  @Field(() => AdPricingModel)
  pricingModel!: AdPricingModel;

  @Field(() => Int, { description: "Per click (CPC) or per thousand impressions (CPM); 1 or more." })
  priceAmount!: number;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: "After startsAt, in the future." })
  endsAt!: Date;

  @Field(() => [String], { nullable: true, description: "Up to 50 region labels; none: everywhere." })
  regions?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Up to 50 topic labels; none: every topic." })
  topics?: string[] | null;

  @Field(() => [AdPlacement], { description: "At least one." })
  placements!: AdPlacement[];
}

@InputType()
export class UpdateAdCampaignInput {
  @Field(() => AdCampaignStatus, { nullable: true, description: "ACTIVE ⇄ PAUSED, or ENDED (final)." })
  status?: AdCampaignStatus | null;

  @Field(() => Int, { nullable: true, description: "Not below what is spent already." })
  budgetAmount?: number | null;

  @Field(() => Date, { nullable: true, description: "After startsAt." })
  endsAt?: Date | null;
}
