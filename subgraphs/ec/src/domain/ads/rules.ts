import { type Actor, hasRole } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { requiredText, uuidArg } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import { stateMachine } from "@health/platform/stateMachine";
import { AdCampaignStatus, type AdPlacement, AdPricingModel } from "../../generated/prisma/enums.ts";

export const MAX_TARGETS = 50;
export const MAX_TARGET_LENGTH = 50;
export const MAX_URL_LENGTH = 2_000;
/** The most impressions one `recordAdImpressions` call may carry. */
export const MAX_IMPRESSION_BATCH = 500;
/** How many ads one `adsFor` may ask for, and how many when `first` is omitted. */
export const ADS_FOR_LIMITS = { defaultSize: 3, maxSize: 20 };
/**
 * The click-through rate assumed to compare a CPC price with a CPM one (1 %): a click at 100 earns as
 * much as a thousand impressions at 1,000. Real CTRs would rank better; this is honest and stable.
 */
export const ASSUMED_CTR_PER_MILLE = 10;

export interface AdCreativeCommand {
  title: string;
  body?: string | null;
  imageUrl?: string | null;
  targetUrl: string;
}

export interface CreateAdCampaignCommand {
  name: string;
  advertiserId?: string | null;
  creative: AdCreativeCommand;
  budgetAmount: number;
  currency?: string | null;
  pricingModel: AdPricingModel;
  priceAmount: number;
  startsAt: Date;
  endsAt: Date;
  regions?: string[] | null;
  topics?: string[] | null;
  placements: AdPlacement[];
}

export interface UpdateAdCampaignCommand {
  status?: AdCampaignStatus | null;
  budgetAmount?: number | null;
  endsAt?: Date | null;
}

function url(value: string, field: string): string {
  const text = requiredText(value, field, MAX_URL_LENGTH);
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw badInput(field, `${field} must be an http(s) URL; got "${value}".`);
  }
  return text;
}

/** Region or topic labels, trimmed and lower-cased, each once; empty means everyone. */
export function targetList(values: readonly string[] | null | undefined, field: string): string[] {
  const list = values ?? [];
  if (list.length > MAX_TARGETS) throw badInput(field, `${field} may hold at most ${MAX_TARGETS} entries.`);
  const labels = list.map((value, i) => targetLabel(value, `${field}[${i}]`));
  return [...new Set(labels)];
}

/** One region or topic label as targeting compares it: trimmed, lower-cased, 1–50 characters. */
export function targetLabel(value: string, field: string): string {
  return requiredText(value, field, MAX_TARGET_LENGTH).toLowerCase();
}

/** A campaign's schedule: it starts before it ends, and it ends after `now`. */
function schedule(startsAt: Date, endsAt: Date, now: Date, field: string) {
  if (Number.isNaN(startsAt.getTime()))
    throw badInput(`${field}.startsAt`, `${field}.startsAt is not a date.`);
  if (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) {
    throw badInput(`${field}.endsAt`, `${field}.endsAt must be after ${field}.startsAt.`);
  }
  if (endsAt <= now) throw badInput(`${field}.endsAt`, `${field}.endsAt must be in the future.`);
  return { startsAt, endsAt };
}

/** A new campaign's fields, checked before anything is written (BAD_USER_INPUT naming the field). */
export function validateCampaign(input: CreateAdCampaignCommand, now: Date, field = "input") {
  const budget = parseMoney(input.budgetAmount, input.currency, field, {
    amountField: "budgetAmount",
    min: 1,
  });
  const price = parseMoney(input.priceAmount, budget.currency, field, { amountField: "priceAmount", min: 1 });
  if (input.placements.length === 0) {
    throw badInput(`${field}.placements`, `${field}.placements must name at least one placement.`);
  }
  const creative = `${field}.creative`;
  const body = (input.creative.body ?? "").trim();
  if (body.length > 500)
    throw badInput(`${creative}.body`, `${creative}.body must be at most 500 characters.`);
  return {
    name: requiredText(input.name, `${field}.name`, 120),
    advertiserId: input.advertiserId
      ? uuidArg(input.advertiserId, `${field}.advertiserId`, "a business account's user id")
      : null,
    title: requiredText(input.creative.title, `${creative}.title`, 80),
    body,
    imageUrl: input.creative.imageUrl ? url(input.creative.imageUrl, `${creative}.imageUrl`) : null,
    targetUrl: url(input.creative.targetUrl, `${creative}.targetUrl`),
    budgetAmount: budget.amount,
    currency: budget.currency,
    pricingModel: input.pricingModel,
    priceAmount: price.amount,
    ...schedule(input.startsAt, input.endsAt, now, field),
    regions: targetList(input.regions, `${field}.regions`),
    topics: targetList(input.topics, `${field}.topics`),
    placements: [...new Set(input.placements)],
  };
}

/** ACTIVE ⇄ PAUSED, either → ENDED, which is final. */
export const adCampaignStateMachine = stateMachine<AdCampaignStatus>("Ad campaign", {
  [AdCampaignStatus.ACTIVE]: [AdCampaignStatus.PAUSED, AdCampaignStatus.ENDED],
  [AdCampaignStatus.PAUSED]: [AdCampaignStatus.ACTIVE, AdCampaignStatus.ENDED],
  [AdCampaignStatus.ENDED]: [],
});

/** Targeting: an empty list lets everyone in; otherwise the viewer's label must be on it (none given: out). */
export function matchesTargeting(
  campaign: { regions: readonly string[]; topics: readonly string[] },
  viewer: { region: string | null; topic: string | null },
): boolean {
  const fits = (targets: readonly string[], label: string | null) =>
    targets.length === 0 || (label !== null && targets.includes(label));
  return fits(campaign.regions, viewer.region) && fits(campaign.topics, viewer.topic);
}

/** The smallest charge the campaign's next billable event can make: a click (CPC) or one impression (CPM). */
export const nextChargeAmount = (pricingModel: AdPricingModel, priceAmount: number): number =>
  pricingModel === AdPricingModel.CPC ? priceAmount : Math.ceil(priceAmount / 1000);

/** Whether the campaign can pay its next charge: serving stops the moment this turns false. */
export const hasBudgetFor = (campaign: {
  pricingModel: AdPricingModel;
  priceAmount: number;
  spentAmount: number;
  budgetAmount: number;
}): boolean =>
  campaign.spentAmount + nextChargeAmount(campaign.pricingModel, campaign.priceAmount) <=
  campaign.budgetAmount;

/** Expected earning per thousand impressions, to rank CPC and CPM campaigns on one scale. */
export const rankScore = (pricingModel: AdPricingModel, priceAmount: number): number =>
  pricingModel === AdPricingModel.CPC ? priceAmount * ASSUMED_CTR_PER_MILLE : priceAmount;

/** The dedupe window an impression at `at` falls in: ⌊epoch ms / window⌋ (tumbling windows). */
export const windowBucket = (at: Date, windowMs: number): number => Math.floor(at.getTime() / windowMs);

/**
 * What `counted` more impressions cost a CPM campaign already billed for `billed` at `priceAmount` per
 * thousand, with `left` of its budget remaining: whole units, ⌊(billed+counted)·price/1000⌋ −
 * ⌊billed·price/1000⌋, so fractions carry over to the next batch instead of being rounded away,
 * and never more than is left. The SQL in impressions.ts computes the same inside its UPDATE.
 */
export function cpmCharge(billed: number, counted: number, priceAmount: number, left: number): number {
  const owed =
    Math.floor(((billed + counted) * priceAmount) / 1000) - Math.floor((billed * priceAmount) / 1000);
  return Math.max(0, Math.min(owed, left));
}

/**
 * Who saw or clicked: the signed-in user, or else the client's device id (required then). A device id
 * is the app's install id, a uuid the client makes up: it is not proof of anything, which is why
 * impressions are deduped per window and never paid out per device.
 */
export function viewerOf(actor: Actor | null, deviceId: string | null | undefined, field = "deviceId") {
  if (actor) return { key: `user:${actor.userId}`, userId: actor.userId };
  if (!deviceId) {
    throw badInput(field, `${field} is required when not signed in: the app's install id (a uuid).`);
  }
  return { key: `device:${uuidArg(deviceId, field, "the app's install id")}`, userId: null };
}

/** A campaign is seen by admins and by the business account it runs for. */
export const canViewCampaign = (actor: Actor, campaign: { advertiserId: string | null }): boolean =>
  hasRole(actor, "admin") || (campaign.advertiserId !== null && campaign.advertiserId === actor.userId);

/** The ratio of clicks to impressions, null before the first impression. */
export const clickThroughRate = (clicks: number, impressions: number): number | null =>
  impressions === 0 ? null : clicks / impressions;
