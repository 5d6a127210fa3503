import { contentPublishedV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";

/** The durable consumer that keeps what the local generation provider fills its templates with. */
export const CONTENT_CONSUMER = "ai-content";

/** Course and article titles published on the platform (lessons are left out: their titles stand alone poorly). */
export const contentEventHandlers = (): HandlerRegistration[] => [
  on(contentPublishedV1, async (tx, { payload }) => {
    if (payload.kind === "LESSON") return;
    await tx.$executeRawUnsafe(
      `INSERT INTO published_content (content_id, author_id, kind, title, published_at)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5::timestamptz)
       ON CONFLICT (content_id) DO UPDATE SET title = EXCLUDED.title, published_at = EXCLUDED.published_at`,
      payload.contentId,
      payload.authorId,
      payload.kind,
      payload.title,
      payload.publishedAt,
    );
  }),
];
