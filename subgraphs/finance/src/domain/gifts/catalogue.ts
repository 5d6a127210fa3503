import { financeAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { FinanceDb, FinanceTx } from "../../db.ts";
import { type GiftView, giftView } from "./giftViews.ts";
import { giftIconUrl, giftName, giftPrice } from "./rules.ts";

export interface CreateGiftInput {
  name: string;
  iconUrl: string;
  pricePoints: number;
  active?: boolean | null;
}

export type UpdateGiftInput = Partial<{ [K in keyof CreateGiftInput]: CreateGiftInput[K] | null }>;

/** A new gift in the catalogue (an admin's; the resolver's role gate). */
export async function createGift(db: FinanceDb, admin: Actor, input: CreateGiftInput): Promise<GiftView> {
  const data = {
    name: giftName(input.name, "input.name"),
    iconUrl: giftIconUrl(input.iconUrl, "input.iconUrl"),
    pricePoints: giftPrice(input.pricePoints, "input.pricePoints"),
    active: input.active ?? true,
  };
  return db.$transaction(async (tx) => {
    const gift = await tx.gift.create({ data });
    await auditGift(tx, admin, "create_gift", gift.id, data);
    return giftView(gift);
  });
}

/**
 * Changes what `input` names of gift `id`. A new price applies to gifts sent from now on (a sent gift
 * keeps what it cost); deactivating stops it being sent and listed, and keeps it for the gifts sent.
 */
export async function updateGift(
  db: FinanceDb,
  admin: Actor,
  id: string,
  input: UpdateGiftInput,
): Promise<GiftView> {
  const giftId = uuidArg(id, "id", "a gift id");
  const data = {
    ...(input.name != null && { name: giftName(input.name, "input.name") }),
    ...(input.iconUrl != null && { iconUrl: giftIconUrl(input.iconUrl, "input.iconUrl") }),
    ...(input.pricePoints != null && { pricePoints: giftPrice(input.pricePoints, "input.pricePoints") }),
    ...(input.active != null && { active: input.active }),
  };
  return db.$transaction(async (tx) => {
    const { count } = await tx.gift.updateMany({
      where: { id: giftId },
      data: { ...data, updatedAt: new Date() },
    });
    if (count === 0) throw notFound("Gift", giftId);
    await auditGift(tx, admin, "update_gift", giftId, data);
    return giftView(await tx.gift.findUniqueOrThrow({ where: { id: giftId } }));
  });
}

/** ops's audit log (M18): a change of the gift catalogue, committed with it. */
const auditGift = (tx: FinanceTx, admin: Actor, action: string, giftId: string, changes: object) =>
  publishAdminAction(tx, financeAdminActionRecordedV1, admin, {
    action,
    subjectType: "Gift",
    subjectId: giftId,
    details: { ...changes },
  });

/** The catalogue, cheapest first: the active gifts; with `includeInactive`, every gift (admins only). */
export async function giftsFor(
  db: FinanceDb,
  actor: Actor | null,
  includeInactive: boolean,
): Promise<GiftView[]> {
  if (includeInactive && !hasRole(actor, "admin")) {
    throw forbidden("Only an admin can list gifts that are no longer offered.");
  }
  const rows = await db.gift.findMany({
    where: includeInactive ? {} : { active: true },
    orderBy: [{ pricePoints: "asc" }, { name: "asc" }, { id: "asc" }],
    take: MAX_CATALOGUE,
  });
  return rows.map(giftView);
}

/** The most gifts a catalogue lists: a shop window, not an archive. */
export const MAX_CATALOGUE = 200;
