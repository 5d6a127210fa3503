import { giftSentV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import type { BizDeps } from "../deps.ts";
import { announceChatEvent, messageEvent } from "../domain/chat/chatEvents.ts";
import { writeGiftMessage } from "../domain/chat/messages.ts";
import { recordGiftReceived } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/**
 * gift_sent → a gift its recipient received (quantity 1 when the event predates the field), and, when
 * it was sent in a live room (`liveRoomId`: a stream id), a SYSTEM message in that room's chat, sent to
 * its viewers once the transaction committed.
 */
export const giftSentHandler = (deps: Pick<BizDeps, "pubSub">) =>
  on(giftSentV1, async (tx, { payload }, effects) => {
    const quantity = payload.quantity ?? 1;
    await recordGiftReceived(asBizTx(tx), {
      giftOrderId: payload.giftOrderId,
      recipientId: payload.recipientId,
      senderId: payload.senderId,
      giftId: payload.giftId,
      quantity,
      amount: payload.amount,
      currency: payload.currency,
      sentAt: new Date(payload.sentAt),
    });
    if (!payload.liveRoomId) return;
    const message = await writeGiftMessage(asBizTx(tx), {
      streamId: payload.liveRoomId,
      senderId: payload.senderId,
      giftId: payload.giftId,
      quantity,
    });
    if (message)
      effects.afterCommit(() => announceChatEvent(deps.pubSub, message.streamId, messageEvent(message)));
  });
