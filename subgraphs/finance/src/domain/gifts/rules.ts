import { badInput } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";

// What a gift and a sent gift must be, checked before any write (BAD_USER_INPUT naming the field).

export const MAX_GIFT_QUANTITY = 99;
export const MAX_GIFT_PRICE = 1_000_000;
export const MAX_GIFT_NAME = 50;
export const MAX_GIFT_MESSAGE = 200;

/** A gift's name: trimmed, 1–50 characters. */
export function giftName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_GIFT_NAME) {
    throw badInput(field, `${field} must be 1–${MAX_GIFT_NAME} characters.`);
  }
  return trimmed;
}

/** A gift's icon: an absolute http(s) URL of at most 2,000 characters. */
export function giftIconUrl(url: string, field: string): string {
  const trimmed = url.trim();
  const parsed = URL.canParse(trimmed) ? new URL(trimmed) : null;
  if (!parsed || !["http:", "https:"].includes(parsed.protocol) || trimmed.length > 2000) {
    throw badInput(field, `${field} must be an http(s) URL of the gift's icon.`);
  }
  return trimmed;
}

/** A gift's price: a whole number of points, 1–1,000,000. */
export function giftPrice(points: number, field: string): number {
  if (!Number.isInteger(points) || points < 1 || points > MAX_GIFT_PRICE) {
    throw badInput(field, `${field} must be a whole number of points, 1–${MAX_GIFT_PRICE}.`);
  }
  return points;
}

export interface SendGiftInput {
  giftId: string;
  recipientId: string;
  quantity: number;
  liveRoomId?: string | null;
  orderId?: string | null;
  message?: string | null;
  idempotencyKey: string;
}

/** Where a gift was sent: a live room, an order, or neither (a coach's profile); never both. */
export interface GiftContext {
  liveRoomId: string | null;
  orderId: string | null;
}

/** `input` checked for `senderId`: ids are uuids, 1–99 of the gift, at most one context, no gift to oneself. */
export function checkedGift(senderId: string, input: SendGiftInput) {
  const giftId = uuidArg(input.giftId, "input.giftId", "a gift id");
  const recipientId = uuidArg(input.recipientId, "input.recipientId", "a coach's user id");
  if (recipientId === senderId) {
    throw badInput("input.recipientId", "You cannot send a gift to yourself; name the coach to receive it.");
  }
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_GIFT_QUANTITY) {
    throw badInput("input.quantity", `input.quantity must be 1–${MAX_GIFT_QUANTITY}.`);
  }
  if (input.liveRoomId && input.orderId) {
    throw badInput("input.orderId", "A gift is sent in a live room or on an order, not both: name one.");
  }
  const context: GiftContext = {
    liveRoomId: input.liveRoomId ? uuidArg(input.liveRoomId, "input.liveRoomId", "a live room id") : null,
    orderId: input.orderId ? uuidArg(input.orderId, "input.orderId", "an order id") : null,
  };
  const message = input.message?.trim() || null;
  if (message && message.length > MAX_GIFT_MESSAGE) {
    throw badInput("input.message", `input.message must be at most ${MAX_GIFT_MESSAGE} characters.`);
  }
  return { giftId, recipientId, quantity: input.quantity, ...context, message };
}
