import type { EventBusOptions } from "@health/platform/events";
import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { AiDb } from "./db.ts";
import type { GenerationProvider } from "./domain/generation/provider.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain uses `db`, publishes its events by writing outbox rows through it, and pushes generation
 * task updates over `pubSub`.
 */
export interface AiDeps extends Infrastructure<AiDb> {
  /** Carries `generationTaskUpdated` and cancel notices between instances (NATS core). */
  pubSub: NatsPubSub;
  /** Where this process's streams live (a test's prefix, or none). */
  bus: EventBusOptions;
  /** Who writes generation tasks' text: the OpenAI-compatible adapter or the local template provider. */
  provider: GenerationProvider;
  /** Where this subgraph writes its part of a person's data export (issue 13). */
  exports: ExportStore;
}
