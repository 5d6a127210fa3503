import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const chatMessageSentV1 = defineEvent({
  name: "chat_message_sent",
  version: 1,
  producer: "biz",
  description:
    "A live-room chat message was sent. No text: its length and a hash of its normalised content, which is all ops's chat-spam rule needs.",
  payload: z.object({
    roomId: z.uuid(),
    senderId: z.uuid(),
    length: z.number().int().min(0),
    /** SHA-256 (hex) of the message trimmed and lower-cased. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    sentAt: z.iso.datetime({ offset: true }),
  }),
});
