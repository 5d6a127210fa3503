import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { EcDb, EcTx } from "../../db.ts";
import type { AdPlacement } from "../../generated/prisma/enums.ts";
import { cpmCharge, MAX_IMPRESSION_BATCH, viewerOf, windowBucket } from "./rules.ts";

/** One impression to record: whose (`user:<id>` or `device:<id>`), of which campaign, where. */
export interface ImpressionRecord {
  campaignId: string;
  viewerKey: string;
  placement: AdPlacement | null;
}

export interface ImpressionsRecorded {
  /** Impressions in the batch. */
  received: number;
  /** Those that counted: the first of their viewer for their campaign in the window. */
  counted: number;
}

/** Impressions are recorded for volume: one batch waits for its connection longer than Prisma's 2 s. */
const IMPRESSION_TX = { maxWait: 30_000, timeout: 30_000 };

/**
 * Records a batch of impressions seen at `now`, in one transaction: ONE multi-row INSERT … ON CONFLICT
 * DO NOTHING keyed by (campaign, viewer, window bucket), so a repeat in the window (in this batch or
 * an earlier one) writes nothing, then the CPM charges of what counted. Rows go in (campaign, viewer)
 * order so two batches with the same keys cannot deadlock. Every campaign must exist (the foreign key).
 * This is the function `bench/money` calls for "ad impressions recorded per second".
 */
export async function recordImpressionBatch(
  db: EcDb,
  impressions: readonly ImpressionRecord[],
  now: Date,
  windowMs: number,
): Promise<ImpressionsRecorded> {
  if (impressions.length === 0) return { received: 0, counted: 0 };
  const sorted = [...impressions].sort(
    (a, b) => compare(a.campaignId, b.campaignId) || compare(a.viewerKey, b.viewerKey),
  );
  return db.$transaction(async (tx) => {
    const counts = await tx.$queryRawUnsafe<{ campaignId: string; counted: number }[]>(
      `WITH inserted AS (
         INSERT INTO ad_impressions (campaign_id, viewer_key, window_bucket, placement, recorded_at)
         SELECT t.campaign_id, t.viewer_key, $4, t.placement, $5
           FROM unnest($1::uuid[], $2::text[], $3::"AdPlacement"[])
                WITH ORDINALITY AS t(campaign_id, viewer_key, placement, n)
          ORDER BY t.n
         ON CONFLICT (campaign_id, viewer_key, window_bucket) DO NOTHING
         RETURNING campaign_id)
       SELECT campaign_id AS "campaignId", count(*)::int AS counted FROM inserted GROUP BY campaign_id`,
      sorted.map((row) => row.campaignId),
      sorted.map((row) => row.viewerKey),
      sorted.map((row) => row.placement),
      windowBucket(now, windowMs),
      now,
    );
    await chargeImpressions(tx, counts, now);
    return { received: impressions.length, counted: counts.reduce((sum, row) => sum + row.counted, 0) };
  }, IMPRESSION_TX);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Charges the CPM campaigns among `counts` for their new impressions (`cpmCharge`): their rows are
 * locked in id order, the charge decided from what is locked, and written with the impression
 * counter and a charge row for the report. Never past the budget; CPC campaigns are not touched.
 * FOR NO KEY UPDATE, not FOR UPDATE: the impression rows' foreign key holds a KEY SHARE lock on the
 * campaign, which FOR UPDATE would wait on (two batches of one campaign then deadlock).
 */
async function chargeImpressions(tx: EcTx, counts: { campaignId: string; counted: number }[], now: Date) {
  if (counts.length === 0) return;
  const countOf = new Map(counts.map((row) => [row.campaignId, row.counted]));
  const campaigns = await tx.$queryRawUnsafe<
    { id: string; billed: number; price: number; spent: number; budget: number }[]
  >(
    `SELECT id, billed_impressions AS billed, price_amount AS price, spent_amount AS spent, budget_amount AS budget
       FROM ad_campaigns WHERE id = ANY ($1::uuid[]) AND pricing_model = 'CPM' ORDER BY id FOR NO KEY UPDATE`,
    [...countOf.keys()],
  );
  if (campaigns.length === 0) return;
  const charges = campaigns.map((campaign) => {
    const counted = countOf.get(campaign.id) ?? 0;
    const amount = cpmCharge(campaign.billed, counted, campaign.price, campaign.budget - campaign.spent);
    return { id: campaign.id, counted, amount };
  });
  await tx.$executeRawUnsafe(
    `UPDATE ad_campaigns c SET billed_impressions = c.billed_impressions + x.counted,
                              spent_amount = c.spent_amount + x.amount
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS x(id, counted, amount)
      WHERE c.id = x.id`,
    charges.map((charge) => charge.id),
    charges.map((charge) => charge.counted),
    charges.map((charge) => charge.amount),
  );
  await tx.adImpressionCharge.createMany({
    data: charges.map((charge) => ({
      campaignId: charge.id,
      impressions: charge.counted,
      amount: charge.amount,
      chargedAt: now,
    })),
  });
}

export interface RecordAdImpressionsCommand {
  /** The app's install id, required when not signed in. */
  deviceId?: string | null;
  impressions: { adId: string; placement?: AdPlacement | null }[];
}

/**
 * POST /ads/impressions: the caller's impressions (the signed-in user, or the device), 1–500 per call,
 * each of an ad that exists; BAD_USER_INPUT naming the field before anything is written.
 */
export async function recordAdImpressions(
  deps: { db: EcDb; adImpressionWindowMs: number },
  actor: Actor | null,
  input: RecordAdImpressionsCommand,
  now: Date,
): Promise<ImpressionsRecorded> {
  if (input.impressions.length === 0 || input.impressions.length > MAX_IMPRESSION_BATCH) {
    throw badInput(
      "input.impressions",
      `input.impressions must hold 1–${MAX_IMPRESSION_BATCH} impressions; send more in several calls.`,
    );
  }
  const viewer = viewerOf(actor, input.deviceId, "input.deviceId");
  const records = input.impressions.map((impression, i) => ({
    campaignId: uuidArg(impression.adId, `input.impressions[${i}].adId`, "an ad id"),
    viewerKey: viewer.key,
    placement: impression.placement ?? null,
  }));
  const ids = [...new Set(records.map((record) => record.campaignId))];
  const known = new Set(
    (await deps.db.adCampaign.findMany({ where: { id: { in: ids } }, select: { id: true } })).map(
      (campaign) => campaign.id,
    ),
  );
  const unknown = records.findIndex((record) => !known.has(record.campaignId));
  if (unknown >= 0) {
    throw badInput(`input.impressions[${unknown}].adId`, `There is no ad ${records[unknown]?.campaignId}.`);
  }
  return recordImpressionBatch(deps.db, records, now, deps.adImpressionWindowMs);
}
