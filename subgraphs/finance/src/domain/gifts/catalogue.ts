import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { FinanceDb } from "../../db.ts";
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
export async function createGift(db: FinanceDb, input: CreateGiftInput): Promise<GiftView> {
  const data = {
    name: giftName(input.name, "input.name"),
    iconUrl: giftIconUrl(input.iconUrl, "input.iconUrl"),
    pricePoints: giftPrice(input.pricePoints, "input.pricePoints"),
    active: input.active ?? true,
  };
  return giftView(await db.gift.create({ data }));
}

/**
 * Changes what `input` names of gift `id`. A new price applies to gifts sent from now on (a sent gift
 * keeps what it cost); deactivating stops it being sent and listed, and keeps it for the gifts sent.
 */
export async function updateGift(db: FinanceDb, id: string, input: UpdateGiftInput): Promise<GiftView> {
  const giftId = uuidArg(id, "id", "a gift id");
  const data = {
    ...(input.name != null && { name: giftName(input.name, "input.name") }),
    ...(input.iconUrl != null && { iconUrl: giftIconUrl(input.iconUrl, "input.iconUrl") }),
    ...(input.pricePoints != null && { pricePoints: giftPrice(input.pricePoints, "input.pricePoints") }),
    ...(input.active != null && { active: input.active }),
  };
  const { count } = await db.gift.updateMany({
    where: { id: giftId },
    data: { ...data, updatedAt: new Date() },
  });
  if (count === 0) throw notFound("Gift", giftId);
  return giftView(await db.gift.findUniqueOrThrow({ where: { id: giftId } }));
}

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
