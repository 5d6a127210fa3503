import type { GiftOrder as GiftOrderRow, Gift as GiftRow } from "../../generated/prisma/client.ts";

// Gifts and sent gifts as answered, in plain JSON: what an idempotency key stores and replays, so a retry
// of sendGift gets the first answer exactly (dates as ISO strings).

export interface GiftView {
  id: string;
  name: string;
  iconUrl: string;
  pricePoints: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface GiftOrderView {
  id: string;
  gift: GiftView;
  senderId: string;
  recipientId: string;
  quantity: number;
  points: number;
  coachShare: number;
  platformShare: number;
  liveRoomId: string | null;
  orderId: string | null;
  message: string | null;
  createdAt: string;
}

export const giftView = (row: GiftRow): GiftView => ({
  id: row.id,
  name: row.name,
  iconUrl: row.iconUrl,
  pricePoints: row.pricePoints,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const giftOrderView = (row: GiftOrderRow & { gift: GiftRow }): GiftOrderView => ({
  id: row.id,
  gift: giftView(row.gift),
  senderId: row.senderId,
  recipientId: row.recipientId,
  quantity: row.quantity,
  points: row.points,
  coachShare: row.coachShare,
  platformShare: row.platformShare,
  liveRoomId: row.liveRoomId,
  orderId: row.orderId,
  message: row.message,
  createdAt: row.createdAt.toISOString(),
});
