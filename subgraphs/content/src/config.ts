import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const contentConfigSchema = subgraphConfigSchema("content").extend({
  /** How long finance has to take a course purchase's payment before the purchase fails (default 15 min). */
  COURSE_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** How often purchases whose payment timed out are failed (default 30 s). */
  COURSE_PAYMENT_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How many distinct reporters hide a post until an admin reviews it (default 3). */
  POST_REPORT_HIDE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(3),
  /** How long a held question bounty waits for an accepted answer before it returns to the asker (7 days). */
  QUESTION_BOUNTY_TTL_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(604_800),
  /** How long finance has to hold a bounty before its question is rejected (default 15 min). */
  QUESTION_BOUNTY_HOLD_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** How often expired bounties and unanswered holds are swept (default 30 s). */
  QUESTION_BOUNTY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type ContentConfig = z.infer<typeof contentConfigSchema>;
