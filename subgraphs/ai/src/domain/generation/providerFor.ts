import type { AiConfig } from "../../config.ts";
import type { AiDb } from "../../db.ts";
import { LocalTemplateProvider } from "./localProvider.ts";
import { OpenAiCompatibleProvider } from "./openAiProvider.ts";
import type { GenerationProvider } from "./provider.ts";

/** The OpenAI-compatible adapter when AI_PROVIDER_URL is set, else the local template provider. */
export function providerFor(config: AiConfig, db: AiDb): GenerationProvider {
  if (config.AI_PROVIDER_URL) {
    return new OpenAiCompatibleProvider({
      url: config.AI_PROVIDER_URL,
      apiKey: config.AI_PROVIDER_API_KEY,
      model: config.AI_MODEL,
      connectTimeoutMs: config.AI_PROVIDER_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: config.AI_PROVIDER_IDLE_TIMEOUT_MS,
    });
  }
  return new LocalTemplateProvider({
    publishedTitles: async (kind, limit) =>
      (
        await db.publishedContent.findMany({
          where: { kind },
          orderBy: { publishedAt: "desc" },
          take: limit,
          select: { title: true },
        })
      ).map((row) => row.title),
  });
}
