import { giftSentV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordGiftReceived } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** gift_sent → a gift its recipient received (quantity 1 when the event predates the field). */
export const giftSentHandler = on(giftSentV1, (tx, { payload }) =>
  recordGiftReceived(asBizTx(tx), {
    giftOrderId: payload.giftOrderId,
    recipientId: payload.recipientId,
    senderId: payload.senderId,
    giftId: payload.giftId,
    quantity: payload.quantity ?? 1,
    amount: payload.amount,
    currency: payload.currency,
    sentAt: new Date(payload.sentAt),
  }),
);
