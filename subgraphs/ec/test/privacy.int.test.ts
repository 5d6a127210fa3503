import { randomUUID } from "node:crypto";
import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { domainRows, findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueReservations } from "../src/domain/shopOrders/shopOrders.ts";
import { EC_TABLES } from "../src/privacy/policy.ts";
import { campaignInput, type EcHarness, HOUR, startEcSubgraph } from "./harness.ts";

// ec's part of data-subject rights: auth's requests arrive on this file's streams, ec's `ec-privacy`
// consumer answers them. The person is seeded through ec's own API (orders in every state, ad views and
// clicks, a campaign run for them); another buyer's data must come through untouched.

let h: EcHarness;
let target: PrivacyTestTarget;
beforeAll(async () => {
  h = await startEcSubgraph();
  target = { subgraph: "ec", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
});
afterAll(() => h?.close());

type Person = { id: string; token: string };

const PLACE = `mutation Place($input: PlaceShopOrderInput!) { placeShopOrder(input: $input) { id status } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelShopOrder(id: $id) { id status } }`;
const ORDERS = `query Orders { shopOrders { nodes { id } } }`;
const CREATE_CAMPAIGN = `mutation Create($input: CreateAdCampaignInput!) { createAdCampaign(input: $input) { id } }`;
const IMPRESSIONS = `mutation Seen($input: RecordAdImpressionsInput!) { recordAdImpressions(input: $input) { counted } }`;
const CLICK = `mutation Click($adId: ID!, $key: String!) { recordAdClick(adId: $adId, idempotencyKey: $key) { clickId } }`;
const REPORT = `query Report($id: ID!) { adCampaignReport(campaignId: $id) { impressions clicks spendAmount } }`;

async function ok<T>(query: string, variables: Record<string, unknown>, who: Person): Promise<T> {
  const result = await h.request<T>(query, variables, who.token);
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const place = async (who: Person, skuId: string, quantity = 1, idempotencyKey?: string) =>
  (
    await ok<{ placeShopOrder: { id: string } }>(
      PLACE,
      { input: { items: [{ skuId, quantity }], idempotencyKey } },
      who,
    )
  ).placeShopOrder.id;

const paid = async (who: Person, skuId: string, idempotencyKey?: string) => {
  const id = await place(who, skuId, 1, idempotencyKey);
  await h.answerPayment(id);
  expect(await h.settledStatus(id)).toBe("PAID");
  return id;
};

const campaign = async (overrides: Record<string, unknown> = {}) =>
  (
    await h.asAdmin<{ createAdCampaign: { id: string } }>(CREATE_CAMPAIGN, {
      input: campaignInput(overrides),
    })
  ).createAdCampaign.id;

const seen = (who: Person, adIds: string[]) =>
  ok(IMPRESSIONS, { input: { impressions: adIds.map((adId) => ({ adId, placement: "FEED" })) } }, who);

const clicked = async (who: Person, adId: string) =>
  (await ok<{ recordAdClick: { clickId: string } }>(CLICK, { adId, key: randomUUID() }, who)).recordAdClick
    .clickId;

const stockOf = async (skuId: string) =>
  (await h.db.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } })).stock;

const report = (id: string) => h.asAdmin<{ adCampaignReport: unknown }>(REPORT, { id });

describe("ec's data-subject rights", () => {
  let person: Person;
  let other: Person;
  const seeded = {} as {
    paidOrder: string;
    expiredOrder: string;
    cancelledOrder: string;
    openOrder: string;
    openSku: string;
    adA: string;
    adB: string;
    click: string;
    ownCampaign: string;
    otherOrder: string;
    otherClick: string;
  };

  beforeAll(async () => {
    person = await h.person();
    other = await h.person();
    const skuId = await h.sku(50);
    seeded.paidOrder = await paid(person, skuId, "retry-me");
    seeded.expiredOrder = await place(person, skuId);
    await expireOverdueReservations(h.deps, new Date(Date.now() + 24 * HOUR));
    seeded.cancelledOrder = await place(person, skuId);
    await ok(CANCEL, { id: seeded.cancelledOrder }, person);
    seeded.openSku = await h.sku(5);
    seeded.openOrder = await place(person, seeded.openSku, 2);
    expect(await stockOf(seeded.openSku)).toBe(3);

    const topic = randomUUID();
    seeded.adA = await campaign({ topics: [topic], budgetAmount: 10_000 });
    seeded.adB = await campaign({ topics: [topic], budgetAmount: 10_000 });
    await seen(person, [seeded.adA, seeded.adB]);
    seeded.click = await clicked(person, seeded.adA);
    seeded.ownCampaign = await campaign({ advertiserId: person.id, name: "Person's own" });

    seeded.otherOrder = await paid(other, skuId);
    await seen(other, [seeded.adA]);
    seeded.otherClick = await clicked(other, seeded.adA);
  });

  it("names every table of its database in its policy, and no other", async () => {
    expect(await policyGaps(h.db, EC_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports the person's orders (every state), ad views, clicks and campaigns, and nobody else's", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const ids = (section: string, key = "id") =>
      (part.sections[section] as Array<Record<string, unknown>>).map((item) => item[key]).sort();

    expect(ids("shopOrders")).toEqual(
      [seeded.paidOrder, seeded.expiredOrder, seeded.cancelledOrder, seeded.openOrder].sort(),
    );
    const statuses = Object.fromEntries(
      (part.sections.shopOrders as Array<{ id: string; status: string }>).map((o) => [o.id, o.status]),
    );
    expect(statuses).toEqual({
      [seeded.paidOrder]: "PAID",
      [seeded.expiredOrder]: "EXPIRED",
      [seeded.cancelledOrder]: "CANCELLED",
      [seeded.openOrder]: "RESERVED",
    });
    const open = (part.sections.shopOrders as Array<{ id: string; lines: unknown[] }>).find(
      (o) => o.id === seeded.openOrder,
    );
    expect(open?.lines).toEqual([expect.objectContaining({ skuId: seeded.openSku, quantity: 2 })]);
    expect(ids("adImpressions", "campaignId")).toEqual([seeded.adA, seeded.adB].sort());
    expect(ids("adClicks")).toEqual([seeded.click]);
    expect(ids("adCampaigns")).toEqual([seeded.ownCampaign]);
    expect(JSON.stringify(part.sections)).not.toContain(seeded.otherOrder);
    expect(JSON.stringify(part.sections)).not.toContain(seeded.otherClick);
    expect(answer.sections).toEqual({ shopOrders: 4, adImpressions: 2, adClicks: 1, adCampaigns: 1 });
  });

  it("erases the person: open stock back, unpaid orders gone, the sale kept under the tombstone", async () => {
    const reportBefore = await report(seeded.adA);
    const otherBefore = await h.db.shopOrder.findUniqueOrThrow({
      where: { id: seeded.otherOrder },
      include: { items: true },
    });

    const { tombstoneId, tables } = await eraseThroughSubgraph(target, person.id);

    expect(tables).toEqual(
      expect.arrayContaining([
        { table: "shop_order_items", action: "DELETED", rows: 3 },
        { table: "shop_orders", action: "DELETED", rows: 3 },
        { table: "shop_orders", action: "TOMBSTONED", rows: 1 },
        { table: "ad_impressions", action: "TOMBSTONED", rows: 2 },
        { table: "ad_clicks", action: "TOMBSTONED", rows: 1 },
        { table: "ad_campaigns", action: "TOMBSTONED", rows: 1 },
        { table: "idempotency_keys", action: "DELETED", rows: 1 },
      ]),
    );
    // The open reservation's stock is given back before its order goes.
    expect(await stockOf(seeded.openSku)).toBe(5);
    expect(
      await h.db.shopOrder.count({
        where: { id: { in: [seeded.expiredOrder, seeded.cancelledOrder, seeded.openOrder] } },
      }),
    ).toBe(0);

    // The sale keeps its amounts and lines under the tombstone id; ec keeps no address, phone or name.
    const sale = await h.db.shopOrder.findUniqueOrThrow({
      where: { id: seeded.paidOrder },
      include: { items: true },
    });
    expect(sale).toMatchObject({
      buyerId: tombstoneId,
      status: "PAID",
      totalAmount: 19_900,
      currency: "CNY",
    });
    expect(sale.items).toEqual([expect.objectContaining({ quantity: 1, unitPriceAmount: 19_900 })]);
    // ec has no column for an address, a phone or a name: the order is lines and amounts only.
    expect(Object.keys(sale).filter((column) => /address|phone|name/i.test(column))).toEqual([]);

    expect(await findTraces(h.db, [person.id])).toEqual([]);
    expect(await h.db.adClick.findUniqueOrThrow({ where: { id: seeded.click } })).toMatchObject({
      viewerKey: `user:${tombstoneId}`,
    });
    expect(await h.db.adCampaign.findUniqueOrThrow({ where: { id: seeded.ownCampaign } })).toMatchObject({
      advertiserId: tombstoneId,
      status: "ENDED",
    });
    // The advertiser's figures still add up to what was charged.
    expect(await report(seeded.adA)).toEqual(reportBefore);
    // The other buyer is untouched.
    expect(
      await h.db.shopOrder.findUniqueOrThrow({ where: { id: seeded.otherOrder }, include: { items: true } }),
    ).toEqual(otherBefore);
    expect(await h.db.adClick.findUniqueOrThrow({ where: { id: seeded.otherClick } })).toMatchObject({
      viewerKey: `user:${other.id}`,
    });
    // The erased id lists nothing (its tokens are dead at auth; ec resolves no User fields).
    expect((await ok<{ shopOrders: { nodes: unknown[] } }>(ORDERS, {}, person)).shopOrders.nodes).toEqual([]);

    const before = await domainRows(h.db);
    const again = await eraseThroughSubgraph(target, person.id);
    expect(again.tables.every((table) => table.rows === 0)).toBe(true);
    expect(await domainRows(h.db)).toEqual(before);
  });

  it("makes nothing from finance's late answers about the erased person's order", async () => {
    const before = await domainRows(h.db);
    const answer = { paymentId: randomUUID(), requestId: seeded.openOrder, requester: "ec" as const };
    const at = new Date().toISOString();
    await deliverEvent(target, paymentSuccessV1, {
      ...answer,
      payerId: person.id,
      reference: `shop order ${seeded.openOrder}`,
      amount: 100,
      currency: "CNY",
      paidAt: at,
    });
    await deliverEvent(target, paymentFailedV1, {
      ...answer,
      payerId: person.id,
      reason: "declined",
      failedAt: at,
    });
    expect(await domainRows(h.db)).toEqual(before);
    expect(await findTraces(h.db, [person.id])).toEqual([]);
  });
});
