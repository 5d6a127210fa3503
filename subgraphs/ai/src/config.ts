import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const aiConfigSchema = subgraphConfigSchema("ai").extend({
  /**
   * The base URL of an OpenAI-compatible chat-completions API (`${url}/chat/completions`); unset, tasks
   * are written by the local template provider (README "Generation tasks").
   */
  AI_PROVIDER_URL: z
    .url({ message: "must be the API's base URL, e.g. https://api.openai.com/v1" })
    .optional(),
  /** Sent as `Authorization: Bearer`; never logged. */
  AI_PROVIDER_API_KEY: z.string().min(1, { message: "must not be empty; unset it instead" }).optional(),
  /** The model asked of the provider (recorded on each result). */
  AI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** How long the provider may take to answer a request with its headers. */
  AI_PROVIDER_CONNECT_TIMEOUT_MS: ms(100, 120_000, 10_000),
  /** How long the provider's stream may stay silent between two pieces. */
  AI_PROVIDER_IDLE_TIMEOUT_MS: ms(100, 300_000, 30_000),
  /** Attempts of one task before a retryable provider failure fails it. */
  AI_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** The delay before the first retry; each next one doubles (capped at 30 s). */
  AI_RETRY_BASE_MS: ms(10, 30_000, 1_000),
  /** Tasks one ai process runs at once. */
  AI_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export type AiConfig = z.infer<typeof aiConfigSchema>;
