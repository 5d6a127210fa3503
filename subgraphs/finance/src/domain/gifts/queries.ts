import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { FinanceDb } from "../../db.ts";
import { type GiftOrderView, giftOrderView } from "./giftViews.ts";

export const GIFT_ORDERS_PAGE = { defaultSize: 20, maxSize: 100 };

/** Which side of a gift a list is about: the coach who received it, or the user who sent it. */
export type GiftSide = "recipientId" | "senderId";

/**
 * A page of the gifts `userId` received or sent (the caller's own when omitted; another's only for an
 * admin, FORBIDDEN otherwise), newest first, each with its gift.
 */
export async function giftOrdersOf(
  db: FinanceDb,
  actor: Actor,
  side: GiftSide,
  args: { userId?: string | null; first?: number | null; after?: string | null },
): Promise<Page<GiftOrderView>> {
  const userId = args.userId ? uuidArg(args.userId, side, "a user id") : actor.userId;
  if (userId !== actor.userId && !hasRole(actor, "admin")) {
    throw forbidden("Only the user themself or an admin can list the gifts they received or sent.");
  }
  const { size, cursor } = pageRequest(args, GIFT_ORDERS_PAGE);
  const rows = await db.giftOrder.findMany({
    where: { [side]: userId, ...afterCursor(cursor) },
    include: { gift: true },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  const page = toPage(rows, size, cursorOfRow);
  return { ...page, nodes: page.nodes.map(giftOrderView) };
}
