import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import type { EcDb } from "../../db.ts";
import { readAdCampaign } from "./campaigns.ts";
import { clickThroughRate } from "./rules.ts";

export interface AdCampaignReportArgs {
  campaignId: string;
  from?: Date | null;
  to?: Date | null;
}

/**
 * GET /ad-campaigns (its figures): impressions counted, clicks, CTR and spend of one campaign over
 * [from, to) (its whole life when omitted), for an admin or the campaign's advertiser (NOT_FOUND to
 * anyone else). Spend is what was charged in the period: charged clicks (CPC) and impression charges
 * (CPM); over the whole life it equals the campaign's `spentAmount`.
 */
export async function adCampaignReport(db: EcDb, actor: Actor, args: AdCampaignReportArgs) {
  const campaign = await readAdCampaign(db, actor, args.campaignId, "campaignId");
  if (args.from && args.to && args.to <= args.from) throw badInput("to", "to must be after from.");
  const period = { ...(args.from ? { gte: args.from } : {}), ...(args.to ? { lt: args.to } : {}) };
  const [impressions, clicks, impressionSpend] = await Promise.all([
    db.adImpression.count({ where: { campaignId: campaign.id, recordedAt: period } }),
    db.adClick.aggregate({
      where: { campaignId: campaign.id, clickedAt: period },
      _count: { _all: true },
      _sum: { chargedAmount: true },
    }),
    db.adImpressionCharge.aggregate({
      where: { campaignId: campaign.id, chargedAt: period },
      _sum: { amount: true },
    }),
  ]);
  return {
    campaign,
    from: args.from ?? null,
    to: args.to ?? null,
    impressions,
    clicks: clicks._count._all,
    clickThroughRate: clickThroughRate(clicks._count._all, impressions),
    spendAmount: (clicks._sum.chargedAmount ?? 0) + (impressionSpend._sum.amount ?? 0),
    currency: campaign.currency,
  };
}

export type AdCampaignReportRow = Awaited<ReturnType<typeof adCampaignReport>>;
