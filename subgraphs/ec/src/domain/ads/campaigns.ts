import { ecAdminActionRecordedV1 } from "@health/events/catalog";
import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, conflict, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import type { EcDb, EcTx } from "../../db.ts";
import type { AdCampaign } from "../../generated/prisma/client.ts";
import { pageRequest } from "../pagination.ts";
import {
  adCampaignStateMachine,
  type CreateAdCampaignCommand,
  canViewCampaign,
  type UpdateAdCampaignCommand,
  validateCampaign,
} from "./rules.ts";

export type AdCampaignRow = AdCampaign;

/** Creates a campaign, ACTIVE from `startsAt` (admins, for a business account or the platform). */
export async function createAdCampaign(
  db: EcDb,
  admin: Pick<Actor, "userId">,
  input: CreateAdCampaignCommand,
  now: Date,
): Promise<AdCampaignRow> {
  const data = validateCampaign(input, now);
  return db.$transaction(async (tx) => {
    const campaign = await tx.adCampaign.create({ data });
    await auditCampaign(tx, admin, "create_ad_campaign", campaign.id, {
      advertiserId: campaign.advertiserId,
      budgetAmount: campaign.budgetAmount,
      currency: campaign.currency,
    });
    return campaign;
  });
}

/** ops's audit log (M18): an admin's campaign decision, committed with it. */
const auditCampaign = (
  tx: EcTx,
  admin: Pick<Actor, "userId">,
  action: string,
  campaignId: string,
  details: Record<string, unknown>,
) =>
  publishAdminAction(tx, ecAdminActionRecordedV1, admin, {
    action,
    subjectType: "AdCampaign",
    subjectId: campaignId,
    details,
  });

/** The campaign if the actor may see it (an admin, or its advertiser); NOT_FOUND otherwise (no IDOR). */
export async function readAdCampaign(db: EcDb, actor: Actor, campaignId: string, field = "id") {
  const id = uuidArg(campaignId, field, "an ad campaign id");
  const campaign = await db.adCampaign.findUnique({ where: { id } });
  if (!campaign || !canViewCampaign(actor, campaign)) throw notFound("Ad campaign", id);
  return campaign;
}

/**
 * Changes a campaign's status, budget or end (admins). A budget below what is spent already is refused
 * by the same conditional UPDATE that writes it, so a click charged meanwhile cannot slip under it.
 */
export async function updateAdCampaign(
  db: EcDb,
  admin: Pick<Actor, "userId">,
  campaignId: string,
  input: UpdateAdCampaignCommand,
  now: Date,
): Promise<AdCampaignRow> {
  const id = uuidArg(campaignId, "id", "an ad campaign id");
  const budgetAmount =
    input.budgetAmount === null || input.budgetAmount === undefined
      ? undefined
      : parseMoney(input.budgetAmount, null, "input", { amountField: "budgetAmount", min: 1 }).amount;
  const current = await db.adCampaign.findUnique({ where: { id } });
  if (!current) throw notFound("Ad campaign", id);
  if (input.endsAt && (Number.isNaN(input.endsAt.getTime()) || input.endsAt <= current.startsAt)) {
    throw badInput("input.endsAt", "input.endsAt must be after the campaign's startsAt.");
  }
  if (input.status && input.status !== current.status) {
    adCampaignStateMachine.transition(id, current.status, input.status);
  } else if (adCampaignStateMachine.isTerminal(current.status)) {
    throw adCampaignStateMachine.illegalTransition(id, current.status, current.status);
  }
  const changes = {
    ...(input.status ? { status: input.status } : {}),
    ...(budgetAmount === undefined ? {} : { budgetAmount }),
    ...(input.endsAt ? { endsAt: input.endsAt } : {}),
  };
  return db.$transaction(async (tx) => {
    const { count } = await tx.adCampaign.updateMany({
      where: {
        id,
        status: current.status,
        ...(budgetAmount === undefined ? {} : { spentAmount: { lte: budgetAmount } }),
      },
      data: { ...changes, updatedAt: now },
    });
    if (count === 0) {
      const latest = await tx.adCampaign.findUniqueOrThrow({ where: { id } });
      throw conflict(
        latest.status !== current.status
          ? `Ad campaign ${id} changed meanwhile: it is now ${latest.status}.`
          : `Ad campaign ${id} has spent ${latest.spentAmount} already: its budget cannot go below that.`,
        { currentState: latest.status, spentAmount: latest.spentAmount },
      );
    }
    await auditCampaign(tx, admin, "update_ad_campaign", id, {
      from: current.status,
      ...changes,
      ...(changes.endsAt ? { endsAt: changes.endsAt.toISOString() } : {}),
    });
    return tx.adCampaign.findUniqueOrThrow({ where: { id } });
  });
}

export interface AdCampaignListArgs {
  first?: number | null;
  after?: string | null;
}

/** Campaigns newest first: every one for an admin, a business account's own for it. */
export async function listAdCampaigns(
  db: EcDb,
  actor: Actor,
  args: AdCampaignListArgs,
): Promise<Page<AdCampaignRow>> {
  const { size, cursor } = pageRequest(args);
  const owner = hasRole(actor, "admin") ? {} : { advertiserId: actor.userId };
  const rows = await db.adCampaign.findMany({
    where: { AND: [owner, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}
