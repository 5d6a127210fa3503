import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const postLikedV1 = defineEvent({
  name: "post_liked",
  version: 1,
  producer: "content",
  description: "A user liked a community post.",
  payload: z.object({
    postId: z.uuid(),
    authorId: z.uuid(),
    likerId: z.uuid(),
    likedAt: z.iso.datetime({ offset: true }),
  }),
});
