import { pageSize } from "@health/platform/pagination";
import type { EcDb } from "../../db.ts";
import type { AdCampaign } from "../../generated/prisma/client.ts";
import type { AdPlacement } from "../../generated/prisma/enums.ts";
import { ADS_FOR_LIMITS, ASSUMED_CTR_PER_MILLE, targetLabel } from "./rules.ts";

export interface AdsForArgs {
  placement: AdPlacement;
  region?: string | null;
  topic?: string | null;
  first?: number | null;
}

/**
 * The ads to show in `placement` now: ACTIVE campaigns in their schedule, targeted at this region and
 * topic (an empty list is everyone), that can still pay their next charge (`hasBudgetFor` in
 * rules.ts, written here in SQL), best paying first (`rankScore`), then by id. The budget condition
 * reads `spent_amount` as committed, so the click that spends a campaign out removes it from the next
 * answer at once. Anyone may ask: ads are public.
 */
export async function adsFor(db: EcDb, args: AdsForArgs, now: Date): Promise<AdCampaign[]> {
  const size = pageSize(args.first, ADS_FOR_LIMITS);
  const region = args.region ? targetLabel(args.region, "region") : null;
  const topic = args.topic ? targetLabel(args.topic, "topic") : null;
  return db.$queryRawUnsafe<AdCampaign[]>(
    `SELECT id, advertiser_id AS "advertiserId", name, title, body, image_url AS "imageUrl",
            target_url AS "targetUrl", budget_amount AS "budgetAmount", currency,
            pricing_model AS "pricingModel", price_amount AS "priceAmount", spent_amount AS "spentAmount",
            billed_impressions AS "billedImpressions", starts_at AS "startsAt", ends_at AS "endsAt",
            regions, topics, placements, status, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM ad_campaigns
      WHERE status = 'ACTIVE'
        AND starts_at <= $1 AND ends_at > $1
        AND $2::"AdPlacement" = ANY (placements)
        AND (cardinality(regions) = 0 OR regions @> ARRAY[$3::text])
        AND (cardinality(topics) = 0 OR topics @> ARRAY[$4::text])
        AND spent_amount + CASE pricing_model WHEN 'CPC' THEN price_amount
                                              ELSE (price_amount + 999) / 1000 END <= budget_amount
      ORDER BY CASE pricing_model WHEN 'CPC' THEN price_amount::bigint * $5 ELSE price_amount END DESC, id
      LIMIT $6`,
    now,
    args.placement,
    region,
    topic,
    ASSUMED_CTR_PER_MILLE,
    size,
  );
}
