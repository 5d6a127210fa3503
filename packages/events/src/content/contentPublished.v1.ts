import { z } from "zod";
import { defineEvent } from "../defineEvent.ts";

export const contentPublishedV1 = defineEvent({
  name: "content_published",
  version: 1,
  producer: "content",
  description: "A course, lesson or article was published.",
  payload: z.object({
    contentId: z.uuid(),
    authorId: z.uuid(),
    kind: z.enum(["COURSE", "LESSON", "ARTICLE"]),
    title: z.string().min(1),
    publishedAt: z.iso.datetime({ offset: true }),
  }),
});
