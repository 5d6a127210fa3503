import { describe, expect, it } from "vitest";
import {
  adCampaignStateMachine,
  clickThroughRate,
  cpmCharge,
  hasBudgetFor,
  matchesTargeting,
  nextChargeAmount,
  rankScore,
  validateCampaign,
  viewerOf,
  windowBucket,
} from "../src/domain/ads/rules.ts";
import { AdCampaignStatus, AdPlacement, AdPricingModel } from "../src/generated/prisma/enums.ts";

const extensionsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error("no error");
};

const NOW = new Date("2026-12-07T10:00:00.000Z");
const campaign = (overrides: Record<string, unknown> = {}) => ({
  name: "Spring walk",
  creative: { title: "Walk more", targetUrl: "https://example.com/walk" },
  budgetAmount: 1_000,
  pricingModel: AdPricingModel.CPC,
  priceAmount: 100,
  startsAt: new Date("2026-12-01T00:00:00Z"),
  endsAt: new Date("2026-12-31T00:00:00Z"),
  placements: [AdPlacement.FEED],
  ...overrides,
});

describe("targeting", () => {
  it("lets everyone in on empty lists, and only listed labels otherwise", () => {
    expect(matchesTargeting({ regions: [], topics: [] }, { region: null, topic: null })).toBe(true);
    expect(matchesTargeting({ regions: ["cn-sh"], topics: [] }, { region: "cn-sh", topic: "diet" })).toBe(
      true,
    );
    expect(matchesTargeting({ regions: ["cn-sh"], topics: [] }, { region: "cn-bj", topic: null })).toBe(
      false,
    );
    expect(matchesTargeting({ regions: ["cn-sh"], topics: [] }, { region: null, topic: null })).toBe(false);
    expect(matchesTargeting({ regions: [], topics: ["diet"] }, { region: "cn-sh", topic: "sleep" })).toBe(
      false,
    );
  });

  it("normalizes labels (trimmed, lower case, once) and names a bad one", () => {
    const checked = validateCampaign(campaign({ regions: [" CN-SH ", "cn-sh"], topics: ["Diet"] }), NOW);
    expect(checked.regions).toEqual(["cn-sh"]);
    expect(checked.topics).toEqual(["diet"]);
    expect(extensionsOf(() => validateCampaign(campaign({ topics: ["ok", " "] }), NOW))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.topics[1]",
    });
  });
});

describe("campaign input", () => {
  it.each([
    [{ budgetAmount: 0 }, "input.budgetAmount"],
    [{ budgetAmount: 10.5 }, "input.budgetAmount"],
    [{ priceAmount: 0 }, "input.priceAmount"],
    [{ currency: "yuan" }, "input.currency"],
    [{ name: " " }, "input.name"],
    [{ creative: { title: "x", targetUrl: "javascript:alert(1)" } }, "input.creative.targetUrl"],
    [{ creative: { title: "", targetUrl: "https://a.b" } }, "input.creative.title"],
    [{ endsAt: new Date("2026-11-30T00:00:00Z") }, "input.endsAt"],
    [
      { startsAt: new Date("2026-11-01T00:00:00Z"), endsAt: new Date("2026-12-02T00:00:00Z") },
      "input.endsAt",
    ],
    [{ placements: [] }, "input.placements"],
    [{ advertiserId: "acme" }, "input.advertiserId"],
  ])("refuses %o naming %s", (overrides, field) => {
    expect(extensionsOf(() => validateCampaign(campaign(overrides), NOW))).toMatchObject({
      code: "BAD_USER_INPUT",
      field,
    });
  });
});

describe("the dedupe window", () => {
  it("puts times in tumbling buckets of the window's length", () => {
    const window = 30 * 60_000;
    const start = new Date(Math.ceil(NOW.getTime() / window) * window);
    expect(windowBucket(start, window)).toBe(windowBucket(new Date(start.getTime() + window - 1), window));
    expect(windowBucket(new Date(start.getTime() + window), window)).toBe(windowBucket(start, window) + 1);
    expect(windowBucket(new Date(start.getTime() - 1), window)).toBe(windowBucket(start, window) - 1);
  });
});

describe("charging", () => {
  it("charges CPM in whole units, carrying fractions to the next batch", () => {
    // 250 per thousand: 0.25 per impression.
    expect(cpmCharge(0, 3, 250, 1_000)).toBe(0);
    expect(cpmCharge(3, 1, 250, 1_000)).toBe(1);
    expect(cpmCharge(4, 4_000, 250, 1_000)).toBe(1_000);
    let billed = 0;
    let spent = 0;
    for (const batch of [1, 2, 3, 5, 7, 11, 13, 17, 19, 22]) {
      spent += cpmCharge(billed, batch, 250, 10_000 - spent);
      billed += batch;
    }
    expect(billed).toBe(100);
    expect(spent).toBe(25);
  });

  it("never charges past the budget", () => {
    expect(cpmCharge(0, 10_000, 5_000, 7)).toBe(7);
    expect(cpmCharge(0, 10, 5_000, 0)).toBe(0);
  });

  it("serves while the next charge fits", () => {
    expect(nextChargeAmount(AdPricingModel.CPC, 100)).toBe(100);
    expect(nextChargeAmount(AdPricingModel.CPM, 250)).toBe(1);
    expect(nextChargeAmount(AdPricingModel.CPM, 5_001)).toBe(6);
    const cpc = { pricingModel: AdPricingModel.CPC, priceAmount: 100, budgetAmount: 1_000 };
    expect(hasBudgetFor({ ...cpc, spentAmount: 900 })).toBe(true);
    expect(hasBudgetFor({ ...cpc, spentAmount: 901 })).toBe(false);
    expect(hasBudgetFor({ ...cpc, spentAmount: 1_000 })).toBe(false);
  });

  it("ranks a CPC price as if 1 % of impressions were clicked", () => {
    expect(rankScore(AdPricingModel.CPC, 100)).toBe(1_000);
    expect(rankScore(AdPricingModel.CPM, 1_500)).toBeGreaterThan(rankScore(AdPricingModel.CPC, 100));
  });

  it("computes CTR, none before the first impression", () => {
    expect(clickThroughRate(3, 0)).toBeNull();
    expect(clickThroughRate(1, 4)).toBe(0.25);
  });
});

describe("viewers and states", () => {
  it("is the signed-in user, or else a device id that must be given", () => {
    const actor = { userId: "u1", roles: [], sessionId: "s", token: "t", expiresAt: NOW } as const;
    expect(viewerOf(actor, null).key).toBe("user:u1");
    const device = "0C3F2A4B-1111-4222-8333-444455556666";
    expect(viewerOf(null, device)).toEqual({ key: `device:${device.toLowerCase()}`, userId: null });
    expect(extensionsOf(() => viewerOf(null, null))).toMatchObject({ field: "deviceId" });
  });

  it("pauses and resumes, and ENDED is final", () => {
    expect(adCampaignStateMachine.canTransition(AdCampaignStatus.ACTIVE, AdCampaignStatus.PAUSED)).toBe(true);
    expect(adCampaignStateMachine.canTransition(AdCampaignStatus.PAUSED, AdCampaignStatus.ACTIVE)).toBe(true);
    expect(adCampaignStateMachine.isTerminal(AdCampaignStatus.ENDED)).toBe(true);
  });
});
