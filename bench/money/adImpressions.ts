// (4) Ad impressions recorded per second: ec's `recordImpressionBatch` (one multi-row INSERT … ON
// CONFLICT DO NOTHING deduped per viewer and window, then the CPM charges, one transaction) against a
// raw multi-row INSERT of the same rows into the same table.
import { randomUUID } from "node:crypto";
import { createAdCampaign } from "../../subgraphs/ec/src/domain/ads/campaigns.ts";
import {
  type ImpressionRecord,
  recordImpressionBatch,
} from "../../subgraphs/ec/src/domain/ads/impressions.ts";
import { windowBucket } from "../../subgraphs/ec/src/domain/ads/rules.ts";
import { PrismaClient } from "../../subgraphs/ec/src/generated/prisma/client.ts";
import { closedLoop, type LoopResult } from "./closedLoop.ts";
import { freshDatabase } from "./freshDatabase.ts";
import { AD_BATCH_SIZE, AD_BATCHES, AD_CAMPAIGNS, AD_CONCURRENCY } from "./settings.ts";

/** ec's default AD_IMPRESSION_WINDOW_SECONDS (30 min). */
const WINDOW_MS = 1_800_000;
const WARMUP_BATCHES = 4;

export interface AdResults {
  domain: LoopResult<"recorded">;
  raw: LoopResult<"recorded">;
  /** Impressions the domain counted (each viewer is new: all of them) and rows in the table after. */
  counted: number;
  rows: number;
}

/** Batches of impressions by new devices, spread over the campaigns. */
const batchesOf = (campaigns: readonly string[], count: number): ImpressionRecord[][] =>
  Array.from({ length: count }, () =>
    Array.from({ length: AD_BATCH_SIZE }, () => ({
      campaignId: campaigns[Math.floor(Math.random() * campaigns.length)]!,
      viewerKey: `device:${randomUUID()}`,
      placement: "FEED" as const,
    })),
  );

/** `INSERT … VALUES (…), (…), …` of a batch's rows, as they are: no dedupe, no charge, no transaction. */
function rawInsert(batch: readonly ImpressionRecord[], bucket: number, now: Date) {
  const values = batch.map(
    (_, i) =>
      `($${3 * i + 1}::uuid, $${3 * i + 2}, $${3 * i + 3}::"AdPlacement", $${3 * batch.length + 1}, $${3 * batch.length + 2})`,
  );
  return {
    text: `INSERT INTO ad_impressions (campaign_id, viewer_key, placement, window_bucket, recorded_at) VALUES ${values.join(", ")}`,
    values: [...batch.flatMap((row) => [row.campaignId, row.viewerKey, row.placement]), bucket, now],
  };
}

export async function benchAdImpressions(): Promise<AdResults> {
  const database = await freshDatabase("ec", PrismaClient);
  const { db, pool } = database;
  try {
    const now = new Date();
    const campaigns: string[] = [];
    for (let i = 0; i < AD_CAMPAIGNS; i++) {
      const campaign = await createAdCampaign(
        db,
        { userId: randomUUID() },
        {
          name: `Bench campaign ${i}`,
          creative: { title: "Walk more", targetUrl: "https://example.com/walk" },
          budgetAmount: 100_000_000,
          pricingModel: "CPM",
          priceAmount: 1_000,
          startsAt: new Date(now.getTime() - 3_600_000),
          endsAt: new Date(now.getTime() + 86_400_000),
          placements: ["FEED"],
        },
        now,
      );
      campaigns.push(campaign.id);
    }
    const batches = batchesOf(campaigns, AD_BATCHES + WARMUP_BATCHES);
    // The raw rows go into the window before the measured one: the same rows, never the same keys.
    const rawBucket = windowBucket(now, WINDOW_MS) - 1;
    const raw = (i: number) =>
      pool.query(rawInsert(batches[i]!, rawBucket, now)).then(() => "recorded" as const);
    let counted = 0;
    const domain = async (i: number) => {
      const recorded = await recordImpressionBatch(db, batches[i]!, now, WINDOW_MS);
      counted += recorded.counted;
      return "recorded" as const;
    };

    console.error(
      `(4) ad impressions: ${AD_BATCHES} batches of ${AD_BATCH_SIZE}, ${AD_CONCURRENCY} in flight…`,
    );
    const measured = (job: (i: number) => Promise<"recorded">) =>
      closedLoop(AD_BATCHES, AD_CONCURRENCY, (i) => job(i + WARMUP_BATCHES));
    await closedLoop(WARMUP_BATCHES, AD_CONCURRENCY, raw);
    const rawResult = await measured(raw);
    await closedLoop(WARMUP_BATCHES, AD_CONCURRENCY, domain);
    counted = 0;
    const domainResult = await measured(domain);
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM ad_impressions");
    return { domain: domainResult, raw: rawResult, counted, rows: rows[0]?.n ?? 0 };
  } finally {
    await database.close();
  }
}
