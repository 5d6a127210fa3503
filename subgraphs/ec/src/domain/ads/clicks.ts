import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { withIdempotency } from "@health/platform/idempotency";
import type { EcDb, EcTx } from "../../db.ts";
import { publishAdClicked } from "../../events/ecEvents.ts";
import { viewerOf } from "./rules.ts";

export interface RecordAdClickCommand {
  adId: string;
  idempotencyKey: string;
  /** The app's install id, required when not signed in. */
  deviceId?: string | null;
}

/** A recorded click, as stored under its idempotency key (plain JSON: the date as an ISO string). */
export interface AdClickView {
  clickId: string;
  adId: string;
  charged: boolean;
  chargedAmount: number;
  currency: string;
  targetUrl: string;
  clickedAt: string;
}

/** Clicks on a campaign queue on its row lock: they wait their turn rather than fail with INTERNAL. */
const CLICK_TX = { maxWait: 30_000, timeout: 30_000 };

/**
 * The CPC charge, ONE conditional UPDATE: it adds the price only while `spent + price <= budget`, so
 * concurrent clicks are charged one after another on the row lock and the last one that fits is the
 * last one charged (never past the budget). No row: not a CPC campaign, no budget left, or no campaign.
 */
const chargeClick = (tx: EcTx, campaignId: string) =>
  tx.$queryRawUnsafe<{ priceAmount: number; currency: string; targetUrl: string }[]>(
    `UPDATE ad_campaigns SET spent_amount = spent_amount + price_amount
      WHERE id = $1::uuid AND pricing_model = 'CPC' AND spent_amount + price_amount <= budget_amount
     RETURNING price_amount AS "priceAmount", currency, target_url AS "targetUrl"`,
    campaignId,
  );

/**
 * Records a click on an ad by the signed-in user or the device, once per (viewer, idempotency key): the
 * click row, the CPC charge and ad_clicked commit in one transaction. A click that finds no budget left
 * (or on a CPM campaign) is recorded and answered with `charged: false`: the click happened, the
 * advertiser is not billed for it. An ad that does not exist is NOT_FOUND.
 */
export async function recordAdClick(
  db: EcDb,
  actor: Actor | null,
  input: RecordAdClickCommand,
  now: Date,
): Promise<AdClickView> {
  const campaignId = uuidArg(input.adId, "adId", "an ad id");
  const viewer = viewerOf(actor, input.deviceId);
  return withIdempotency(
    db,
    {
      callerId: viewer.key,
      key: input.idempotencyKey,
      parameters: { operation: "recordAdClick", adId: campaignId },
    },
    async (tx) => {
      const [charge] = await chargeClick(tx, campaignId);
      const campaign =
        charge ??
        (await tx.adCampaign.findUnique({
          where: { id: campaignId },
          select: { currency: true, targetUrl: true },
        }));
      if (!campaign) throw notFound("Ad", campaignId);
      const click = {
        clickId: randomUUID(),
        campaignId,
        viewerId: viewer.userId,
        charged: charge !== undefined,
        chargedAmount: charge?.priceAmount ?? 0,
        currency: campaign.currency,
      };
      await tx.adClick.create({
        data: {
          id: click.clickId,
          campaignId,
          viewerKey: viewer.key,
          charged: click.charged,
          chargedAmount: click.chargedAmount,
          clickedAt: now,
        },
      });
      await publishAdClicked(tx, click, now);
      return {
        clickId: click.clickId,
        adId: campaignId,
        charged: click.charged,
        chargedAmount: click.chargedAmount,
        currency: click.currency,
        targetUrl: campaign.targetUrl,
        clickedAt: now.toISOString(),
      };
    },
    { transaction: CLICK_TX },
  );
}
