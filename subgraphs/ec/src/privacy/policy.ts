import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/**
 * What erasure does to each table of ec's database, and why (the documentation of what is kept). ec has
 * no carts, no sellers and no shipping addresses: a RESERVED shop order is the reservation, the mall
 * itself sells every product, and an order holds lines and amounts only.
 */
export const EC_TABLES: Record<string, TablePolicy> = {
  shop_orders: {
    action: "TOMBSTONE",
    reason:
      "A PAID, FULFILLED or DELIVERED order is a sale the tax invoice and sales records must keep (the money side is finance's): kept with its amounts and lines under the tombstone id (it holds no address, phone or name); the person's unpaid, expired and cancelled orders are deleted, an open reservation first released (its stock given back, finance told to void).",
  },
  shop_order_items: {
    action: "TOMBSTONE",
    reason:
      "The lines of a kept sale stay with it (what was sold at which price); the lines of a deleted order go with it.",
  },
  ad_impressions: {
    action: "TOMBSTONE",
    reason:
      "The advertiser's report counts these rows against the spend finance billed: their viewer becomes `user:<tombstone id>`, so each campaign's impressions, CTR and charges still add up while nothing points at the person.",
  },
  ad_clicks: {
    action: "TOMBSTONE",
    reason:
      "A charged click is what a CPC campaign's spend is made of: its viewer becomes `user:<tombstone id>`, so the report's clicks and spend stay equal to what was charged.",
  },
  ad_campaigns: {
    action: "TOMBSTONE",
    reason:
      "An advertiser's campaign is the record of what was billed (spent against its budget): kept under the tombstone id, and ended if it was still running so it is no longer served.",
  },
  ad_impression_charges: {
    action: "NONE",
    reason: "Charges per campaign and batch of impressions: amounts and counts, no viewer.",
  },
  products: {
    action: "NONE",
    reason: "The mall's catalogue: the platform sells every product, no person owns one.",
  },
  product_skus: { action: "NONE", reason: "Prices and stock of the mall's products; no person in them." },
  product_categories: { action: "NONE", reason: "The mall's shelves: names only." },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  idempotency_keys: MECHANISM_TABLE_POLICIES.idempotency_keys!,
  saga_instances: MECHANISM_TABLE_POLICIES.saga_instances!,
  erased_users: ERASED_USERS_POLICY,
};
