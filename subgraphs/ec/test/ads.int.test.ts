import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAdImpressions, recordImpressionBatch } from "../src/domain/ads/impressions.ts";
import { adsFor } from "../src/domain/ads/serving.ts";
import { AdPlacement } from "../src/generated/prisma/enums.ts";
import { campaignInput, type EcHarness, HOUR, startEcSubgraph } from "./harness.ts";

let h: EcHarness;
beforeAll(async () => {
  h = await startEcSubgraph();
});
afterAll(() => h?.close());

type Result<T> = { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

const CREATE = `mutation Create($input: CreateAdCampaignInput!) {
  createAdCampaign(input: $input) { id status spentAmount budgetAmount currency pricingModel regions topics }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateAdCampaignInput!) {
  updateAdCampaign(id: $id, input: $input) { id status budgetAmount }
}`;
const ADS_FOR = `query Ads($placement: AdPlacement!, $region: String, $topic: String, $first: Int) {
  adsFor(placement: $placement, region: $region, topic: $topic, first: $first) { id creative { title targetUrl } }
}`;
const CLICK = `mutation Click($adId: ID!, $key: String!, $deviceId: ID) {
  recordAdClick(adId: $adId, idempotencyKey: $key, deviceId: $deviceId) {
    clickId adId charged chargedAmount currency targetUrl
  }
}`;
const IMPRESSIONS = `mutation Seen($input: RecordAdImpressionsInput!) {
  recordAdImpressions(input: $input) { received counted }
}`;
const REPORT = `query Report($id: ID!, $from: DateTimeISO, $to: DateTimeISO) {
  adCampaignReport(campaignId: $id, from: $from, to: $to) {
    campaign { id spentAmount } impressions clicks clickThroughRate spendAmount currency
  }
}`;
const CAMPAIGNS = `query Campaigns($first: Int, $after: String) {
  adCampaigns(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
}`;

const WINDOW = 30 * 60_000;

/** A new campaign's id. Each test targets a topic of its own, so ads from other tests never show up. */
const campaign = async (overrides: Record<string, unknown> = {}) =>
  (await h.asAdmin<{ createAdCampaign: { id: string } }>(CREATE, { input: campaignInput(overrides) }))
    .createAdCampaign.id;

const served = async (variables: Record<string, unknown>) => {
  const result = (await h.request<{ adsFor: { id: string }[] }>(ADS_FOR, variables)) as Result<{
    adsFor: { id: string }[];
  }>;
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.adsFor.map((ad) => ad.id);
};

const click = (adId: string, key = randomUUID(), deviceId: string | null = randomUUID(), token?: string) =>
  h.request<{ recordAdClick: { charged: boolean; chargedAmount: number; clickId: string } }>(
    CLICK,
    { adId, key, deviceId },
    token,
  ) as Promise<Result<{ recordAdClick: { charged: boolean; chargedAmount: number; clickId: string } }>>;

const spentOf = async (id: string) =>
  (await h.db.adCampaign.findUniqueOrThrow({ where: { id }, select: { spentAmount: true } })).spentAmount;

const topic = () => `topic-${randomUUID().slice(0, 8)}`;

describe("clicks", () => {
  it("charges exactly 10 of 500 concurrent clicks on a budget of 1,000 at 100, then stops serving", async () => {
    const t = topic();
    const id = await campaign({ topics: [t] });
    expect(await served({ placement: "FEED", topic: t })).toEqual([id]);
    const results = await Promise.all(Array.from({ length: 500 }, () => click(id)));
    expect(results.filter((result) => result.errors)).toEqual([]);
    const charged = results.filter((result) => result.data?.recordAdClick.charged);
    expect(charged).toHaveLength(10);
    expect(charged.every((result) => result.data?.recordAdClick.chargedAmount === 100)).toBe(true);
    expect(await spentOf(id)).toBe(1_000);
    expect(await h.db.adClick.count({ where: { campaignId: id } })).toBe(500);
    expect(await h.db.adClick.count({ where: { campaignId: id, charged: true } })).toBe(10);
    const events = await h.db.outboxEvent.findMany({
      where: { subject: { contains: "ad_clicked" }, aggregateId: id },
    });
    expect(events).toHaveLength(500);
    expect(
      events.filter((event) => (event.envelope as { payload: { charged: boolean } }).payload.charged),
    ).toHaveLength(10);
    expect(await served({ placement: "FEED", topic: t })).toEqual([]);
  }, 120_000);

  it("records a click once per idempotency key, with the signed-in user as the viewer", async () => {
    const id = await campaign({ topics: [topic()] });
    const viewer = await h.person();
    const key = randomUUID();
    const [first, again] = await Promise.all([
      click(id, key, null, viewer.token),
      click(id, key, null, viewer.token),
    ]);
    expect(first.data?.recordAdClick).toEqual(again.data?.recordAdClick);
    expect(first.data?.recordAdClick).toMatchObject({ charged: true, chargedAmount: 100 });
    expect(await spentOf(id)).toBe(100);
    const [event] = await h.db.outboxEvent.findMany({
      where: { subject: { contains: "ad_clicked" }, aggregateId: id },
    });
    expect(event?.envelope).toMatchObject({
      name: "ad_clicked",
      actorId: viewer.id,
      payload: { campaignId: id, viewerId: viewer.id, charged: true, chargedAmount: 100, currency: "CNY" },
    });
    const other = await campaign({ topics: [topic()] });
    expect((await click(other, key, null, viewer.token)).errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      idempotencyKey: key,
    });
  });

  it("records a click on a CPM ad without charging it", async () => {
    const id = await campaign({ pricingModel: "CPM", priceAmount: 2_000, topics: [topic()] });
    expect((await click(id)).data?.recordAdClick).toMatchObject({ charged: false, chargedAmount: 0 });
    expect(await spentOf(id)).toBe(0);
  });
});

describe("impressions", () => {
  const deps = () => ({ db: h.db, adImpressionWindowMs: WINDOW });
  /** The start of a window an hour from now, so every `now` below is in a window of its own. */
  const windowStart = () => new Date((Math.floor(Date.now() / WINDOW) + 2) * WINDOW);

  it("counts a viewer's impressions of an ad once per window, and again in the next", async () => {
    const id = await campaign({ topics: [topic()] });
    const deviceId = randomUUID();
    const start = windowStart();
    const at = (ms: number) => new Date(start.getTime() + ms);
    const seen = (now: Date, times = 1) =>
      recordAdImpressions(
        deps(),
        null,
        { deviceId, impressions: Array.from({ length: times }, () => ({ adId: id })) },
        now,
      );
    expect(await seen(at(1_000), 3)).toEqual({ received: 3, counted: 1 });
    expect(await seen(at(10 * 60_000))).toEqual({ received: 1, counted: 0 });
    expect(await seen(at(WINDOW - 1))).toEqual({ received: 1, counted: 0 });
    expect(await seen(at(WINDOW + 60_000))).toEqual({ received: 1, counted: 1 });
    expect(
      await recordAdImpressions(
        deps(),
        null,
        { deviceId: randomUUID(), impressions: [{ adId: id }] },
        at(2_000),
      ),
    ).toEqual({ received: 1, counted: 1 });
    expect(await h.db.adImpression.count({ where: { campaignId: id } })).toBe(3);
  });

  it("records a batch through the API: the signed-in viewer, repeats counting nothing", async () => {
    const a = await campaign({ topics: [topic()] });
    const b = await campaign({ topics: [topic()] });
    const viewer = await h.person();
    const input = { impressions: [{ adId: a, placement: "FEED" }, { adId: b }, { adId: a }] };
    const first = await h.request<{ recordAdImpressions: unknown }>(IMPRESSIONS, { input }, viewer.token);
    expect(first.data?.recordAdImpressions).toEqual({ received: 3, counted: 2 });
    const again = await h.request<{ recordAdImpressions: unknown }>(IMPRESSIONS, { input }, viewer.token);
    expect(again.data?.recordAdImpressions).toEqual({ received: 3, counted: 0 });
    expect(await h.db.adImpression.findFirst({ where: { campaignId: a } })).toMatchObject({
      viewerKey: `user:${viewer.id}`,
      placement: "FEED",
    });
  });

  it("charges CPM in whole units up to the budget, then stops serving", async () => {
    const t = topic();
    const id = await campaign({ pricingModel: "CPM", priceAmount: 250, budgetAmount: 1_000, topics: [t] });
    const start = windowStart();
    const viewers = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        campaignId: id,
        viewerKey: `device:v${from + i}`,
        placement: null,
      }));
    await recordImpressionBatch(h.db, viewers(0, 3), start, WINDOW);
    expect(await spentOf(id)).toBe(0);
    await recordImpressionBatch(h.db, viewers(3, 1), start, WINDOW);
    expect(await spentOf(id)).toBe(1);
    const batches = Array.from({ length: 8 }, (_, i) =>
      recordImpressionBatch(h.db, viewers(4 + i * 500, 500), start, WINDOW),
    );
    const recorded = await Promise.all(batches);
    expect(recorded.reduce((sum, batch) => sum + batch.counted, 0)).toBe(4_000);
    const after = await h.db.adCampaign.findUniqueOrThrow({ where: { id } });
    expect(after.spentAmount).toBe(1_000);
    expect(after.billedImpressions).toBe(4_004);
    expect(await served({ placement: "FEED", topic: t })).toEqual([]);
    const report = await h.asAdmin<{ adCampaignReport: { impressions: number; spendAmount: number } }>(
      REPORT,
      { id },
    );
    expect(report.adCampaignReport).toMatchObject({ impressions: 4_004, spendAmount: 1_000 });
  }, 60_000);
});

describe("serving", () => {
  it("serves only active campaigns in schedule, placement and targeting, best paying first", async () => {
    const t = topic();
    const now = Date.now();
    const cheap = await campaign({ topics: [t], priceAmount: 50 });
    const dear = await campaign({ topics: [t], priceAmount: 80, regions: ["CN-SH"] });
    const cpm = await campaign({ topics: [t], pricingModel: "CPM", priceAmount: 600 });
    const later = await campaign({ topics: [t], startsAt: new Date(now + HOUR).toISOString() });
    const elsewhere = await campaign({ topics: [t], placements: ["LIVE_ROOM"] });
    const paused = await campaign({ topics: [t] });
    await h.asAdmin(UPDATE, { id: paused, input: { status: "PAUSED" } });

    expect(await served({ placement: "FEED", topic: t, region: "cn-sh", first: 10 })).toEqual([
      dear,
      cpm,
      cheap,
    ]);
    expect(await served({ placement: "FEED", topic: t, region: "cn-bj", first: 10 })).toEqual([cpm, cheap]);
    expect(await served({ placement: "FEED", topic: t, first: 10 })).toEqual([cpm, cheap]);
    expect(await served({ placement: "FEED", topic: "something-else", first: 10 })).not.toContain(cheap);
    expect(await served({ placement: "LIVE_ROOM", topic: t, first: 10 })).toEqual([elsewhere]);
    expect(await served({ placement: "FEED", topic: t, region: "cn-sh", first: 1 })).toEqual([dear]);

    const query = { placement: AdPlacement.FEED, topic: t, first: 10 };
    const inTwoHours = (await adsFor(h.db, query, new Date(now + 2 * HOUR))).map((ad) => ad.id);
    expect(inTwoHours).toContain(later);
    const inTwoDays = await adsFor(h.db, query, new Date(now + 48 * HOUR));
    expect(inTwoDays).toEqual([]);

    await h.asAdmin(UPDATE, { id: paused, input: { status: "ACTIVE" } });
    expect(await served({ placement: "FEED", topic: t, first: 10 })).toContain(paused);
    await h.asAdmin(UPDATE, { id: paused, input: { status: "ENDED" } });
    expect(await served({ placement: "FEED", topic: t, first: 10 })).not.toContain(paused);
    // ops's audit log hears of each admin decision on the campaign.
    const decisions = await h.db.outboxEvent.findMany({
      where: { subject: "ec.admin_action_recorded.v1", aggregateId: paused },
      orderBy: { createdAt: "asc" },
    });
    expect(
      decisions.map((row) => (row.envelope as { payload: { details: { status?: string } } }).payload),
    ).toEqual([
      expect.objectContaining({ action: "create_ad_campaign" }),
      expect.objectContaining({
        action: "update_ad_campaign",
        details: expect.objectContaining({ status: "PAUSED" }),
      }),
      expect.objectContaining({
        action: "update_ad_campaign",
        details: expect.objectContaining({ status: "ACTIVE" }),
      }),
      expect.objectContaining({
        action: "update_ad_campaign",
        details: expect.objectContaining({ status: "ENDED" }),
      }),
    ]);
    expect(
      (
        await h.request(
          UPDATE,
          { id: paused, input: { status: "ACTIVE" } },
          (
            await h.person(["admin"])
          ).token,
        )
      ).errors?.[0]?.extensions,
    ).toMatchObject({
      code: "CONFLICT",
      currentState: "ENDED",
    });
  });
});

describe("reports and access", () => {
  it("reports impressions, clicks, CTR and spend to admins and the campaign's advertiser", async () => {
    const business = await h.person(["user", "business"]);
    const id = await campaign({ topics: [topic()], advertiserId: business.id });
    const viewers = Array.from({ length: 4 }, (_, i) => ({
      campaignId: id,
      viewerKey: `device:r${i}`,
      placement: null,
    }));
    await recordImpressionBatch(h.db, viewers, new Date(), WINDOW);
    await click(id);
    const report = await h.request<{ adCampaignReport: Record<string, unknown> }>(
      REPORT,
      { id },
      business.token,
    );
    expect(report.data?.adCampaignReport).toMatchObject({
      impressions: 4,
      clicks: 1,
      clickThroughRate: 0.25,
      spendAmount: 100,
      currency: "CNY",
      campaign: { id, spentAmount: 100 },
    });
    const future = new Date(Date.now() + HOUR).toISOString();
    const empty = await h.asAdmin<{ adCampaignReport: Record<string, unknown> }>(REPORT, {
      id,
      from: future,
    });
    expect(empty.adCampaignReport).toMatchObject({
      impressions: 0,
      clicks: 0,
      clickThroughRate: null,
      spendAmount: 0,
    });

    const listed = await h.request<{ adCampaigns: { nodes: { id: string }[] } }>(
      CAMPAIGNS,
      {},
      business.token,
    );
    expect(listed.data?.adCampaigns.nodes.map((node) => node.id)).toEqual([id]);
    const otherBusiness = await h.person(["user", "business"]);
    expect((await h.request(REPORT, { id }, otherBusiness.token)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses campaigns and reports to anyone but admins and advertisers (FORBIDDEN)", async () => {
    const id = await campaign({ topics: [topic()] });
    const user = await h.person();
    const create = await h.request(CREATE, { input: campaignInput() }, user.token);
    expect(create.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const business = await h.person(["user", "business"]);
    expect(
      (await h.request(CREATE, { input: campaignInput() }, business.token)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    expect((await h.request(REPORT, { id }, user.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.request(CAMPAIGNS, {}, user.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.request(REPORT, { id })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses bad input naming the field, before any write", async () => {
    const admin = await h.person(["user", "admin"]);
    const id = await campaign({ topics: [topic()] });
    const creates: [Record<string, unknown>, string][] = [
      [{ budgetAmount: -5 }, "input.budgetAmount"],
      [{ priceAmount: 0 }, "input.priceAmount"],
      [{ endsAt: new Date(Date.now() - HOUR * 2).toISOString() }, "input.endsAt"],
      [{ creative: { title: "Hi", targetUrl: "not a url" } }, "input.creative.targetUrl"],
      [{ placements: [] }, "input.placements"],
    ];
    const before = await h.db.adCampaign.count();
    for (const [overrides, field] of creates) {
      const result = await h.request(CREATE, { input: campaignInput(overrides) }, admin.token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await h.db.adCampaign.count()).toBe(before);

    const tooMany = {
      deviceId: randomUUID(),
      impressions: Array.from({ length: 501 }, () => ({ adId: id })),
    };
    const cases: [string, Record<string, unknown>, string][] = [
      [IMPRESSIONS, { input: tooMany }, "input.impressions"],
      [IMPRESSIONS, { input: { impressions: [{ adId: id }] } }, "input.deviceId"],
      [
        IMPRESSIONS,
        { input: { deviceId: randomUUID(), impressions: [{ adId: id }, { adId: "x" }] } },
        "input.impressions[1].adId",
      ],
      [
        IMPRESSIONS,
        { input: { deviceId: randomUUID(), impressions: [{ adId: randomUUID() }] } },
        "input.impressions[0].adId",
      ],
      [CLICK, { adId: id, key: randomUUID() }, "deviceId"],
      [CLICK, { adId: "nope", key: randomUUID(), deviceId: randomUUID() }, "adId"],
      [CLICK, { adId: id, key: "", deviceId: randomUUID() }, "idempotencyKey"],
      [ADS_FOR, { placement: "FEED", first: 0 }, "first"],
      [REPORT, { id, from: new Date().toISOString(), to: new Date(Date.now() - HOUR).toISOString() }, "to"],
      [UPDATE, { id, input: { budgetAmount: 0 } }, "input.budgetAmount"],
    ];
    for (const [query, variables, field] of cases) {
      const result = await h.request(
        query,
        variables,
        query === REPORT || query === UPDATE ? admin.token : undefined,
      );
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await h.db.adImpression.count({ where: { campaignId: id } })).toBe(0);
    expect(await h.db.adClick.count({ where: { campaignId: id } })).toBe(0);
  });

  it("lets an admin lower a budget only down to what is spent", async () => {
    const id = await campaign({ topics: [topic()] });
    await click(id);
    await click(id);
    const admin = await h.person(["user", "admin"]);
    const lower = await h.request(UPDATE, { id, input: { budgetAmount: 150 } }, admin.token);
    expect(lower.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", spentAmount: 200 });
    const ok = await h.request<{ updateAdCampaign: { budgetAmount: number } }>(
      UPDATE,
      { id, input: { budgetAmount: 200 } },
      admin.token,
    );
    expect(ok.data?.updateAdCampaign.budgetAmount).toBe(200);
    expect((await click(id)).data?.recordAdClick.charged).toBe(false);
  });
});
