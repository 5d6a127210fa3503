import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { EcContext } from "../context.ts";
import {
  createAdCampaign,
  listAdCampaigns,
  readAdCampaign,
  updateAdCampaign,
} from "../domain/ads/campaigns.ts";
import { adCampaignReport } from "../domain/ads/report.ts";
import { AdCampaignReport, toAdCampaignReport } from "../model/ad.ts";
import { CreateAdCampaignInput, UpdateAdCampaignInput } from "../model/adCampaign.inputs.ts";
import {
  AdCampaign,
  AdCampaignConnection,
  toAdCampaign,
  toAdCampaignConnection,
} from "../model/adCampaign.ts";

@Resolver(() => AdCampaign)
export class AdCampaignResolver {
  /** GET /ad-campaigns */
  @Authorized("admin", "business")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => AdCampaignConnection, {
    description: "Ad campaigns, newest first: all of them for admins, a business account's own for it.",
  })
  async adCampaigns(
    @Ctx() ctx: EcContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<AdCampaignConnection> {
    return toAdCampaignConnection(await listAdCampaigns(ctx.deps.db, actorOf(ctx), { first, after }));
  }

  @Authorized("admin", "business")
  @Query(() => AdCampaign, { description: "For admins and the campaign's advertiser." })
  async adCampaign(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<AdCampaign> {
    return toAdCampaign(await readAdCampaign(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized("admin", "business")
  @Query(() => AdCampaignReport, {
    description:
      "Impressions, clicks, CTR and spend of a campaign over [from, to) (its whole life when omitted): admins and its advertiser.",
  })
  async adCampaignReport(
    @Ctx() ctx: EcContext,
    @Arg("campaignId", () => ID) campaignId: string,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
  ): Promise<AdCampaignReport> {
    return toAdCampaignReport(await adCampaignReport(ctx.deps.db, actorOf(ctx), { campaignId, from, to }));
  }

  @Authorized("admin")
  @Mutation(() => AdCampaign, { description: "Starts a campaign for a business account (admins)." })
  async createAdCampaign(
    @Ctx() ctx: EcContext,
    @Arg("input", () => CreateAdCampaignInput) input: CreateAdCampaignInput,
  ): Promise<AdCampaign> {
    return toAdCampaign(await createAdCampaign(ctx.deps.db, actorOf(ctx), input, new Date()));
  }

  @Authorized("admin")
  @Mutation(() => AdCampaign, {
    description: "Pauses, resumes or ends a campaign, or changes its budget or end (admins).",
  })
  async updateAdCampaign(
    @Ctx() ctx: EcContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateAdCampaignInput) input: UpdateAdCampaignInput,
  ): Promise<AdCampaign> {
    return toAdCampaign(await updateAdCampaign(ctx.deps.db, actorOf(ctx), id, input, new Date()));
  }
}
