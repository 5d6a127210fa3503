import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { EcTx } from "../db.ts";

/** The viewer key ads record a signed-in person under (domain/ads/rules.ts). */
export const viewerKeyOf = (userId: string) => `user:${userId}`;

/**
 * Everything ec holds about `userId`: their shop orders (a RESERVED one is a reservation holding stock)
 * with their lines, the ads they were shown and clicked, and the campaigns run for them as advertiser.
 */
export async function collectEc(raw: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = raw as unknown as EcTx;
  const viewerKey = viewerKeyOf(userId);
  // One after another: they share the consumer's transaction (one connection, one snapshot).
  const orders = await tx.shopOrder.findMany({
    where: { buyerId: userId },
    include: { items: { include: { sku: { select: { code: true, productId: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const impressions = await tx.adImpression.findMany({
    where: { viewerKey },
    orderBy: { recordedAt: "asc" },
  });
  const clicks = await tx.adClick.findMany({ where: { viewerKey }, orderBy: { clickedAt: "asc" } });
  const campaigns = await tx.adCampaign.findMany({
    where: { advertiserId: userId },
    orderBy: { createdAt: "asc" },
  });
  return {
    shopOrders: orders.map((order) => ({
      id: order.id,
      status: order.status,
      totalAmount: order.totalAmount,
      currency: order.currency,
      reservedUntil: order.reservedUntil,
      cancelReason: order.cancelReason,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      lines: order.items.map((item) => ({
        skuId: item.skuId,
        skuCode: item.sku.code,
        productId: item.sku.productId,
        quantity: item.quantity,
        unitPriceAmount: item.unitPriceAmount,
      })),
    })),
    adImpressions: impressions.map((row) => ({
      campaignId: row.campaignId,
      placement: row.placement,
      recordedAt: row.recordedAt,
    })),
    adClicks: clicks.map((row) => ({
      id: row.id,
      campaignId: row.campaignId,
      charged: row.charged,
      chargedAmount: row.chargedAmount,
      clickedAt: row.clickedAt,
    })),
    // Everything about a campaign is the advertiser's own (its creative, budget, spend, targeting).
    adCampaigns: campaigns.map(({ advertiserId: _, ...campaign }) => campaign),
  };
}
