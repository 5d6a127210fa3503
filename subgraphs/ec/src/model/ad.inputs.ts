import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { AdPlacement } from "../generated/prisma/enums.ts";

@InputType()
export class AdImpressionInput {
  @Field(() => ID, { description: "The ad's id, as `adsFor` gave it." })
  adId!: string;

  @Field(() => AdPlacement, { nullable: true, description: "Where it was shown." })
  placement?: AdPlacement | null;
}

@InputType()
export class RecordAdImpressionsInput {
  @Field(() => ID, {
    nullable: true,
    description: "The app's install id (uuid); required when not signed in.",
  })
  deviceId?: string | null;

  @Field(() => [AdImpressionInput], { description: "1–500 impressions seen by this viewer." })
  impressions!: AdImpressionInput[];
}

@ArgsType()
export class AdsForArgs {
  @Field(() => AdPlacement)
  placement!: AdPlacement;

  @Field(() => String, { nullable: true, description: "The viewer's region label." })
  region?: string | null;

  @Field(() => String, { nullable: true, description: "The topic of the page it is shown on." })
  topic?: string | null;

  @Field(() => Int, { nullable: true, description: "1–20; 3 when omitted." })
  first?: number | null;
}
