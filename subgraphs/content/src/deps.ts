import type { ExportStore } from "@health/platform/privacy";
import type { SagaDefinition } from "@health/platform/saga";
import type { Infrastructure } from "@health/platform/server";
import type { ContentDb } from "./db.ts";
import type { CoursePurchaseData } from "./domain/purchases/paymentSaga.ts";
import type { QuestionBountyData } from "./domain/questions/bountySaga.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay and the consumer, started in
 * `connect.ts`); the domain uses only `db`, and publishes its events by writing outbox rows through it.
 */
export interface ContentDeps extends Infrastructure<ContentDb> {
  /** Where the person's export parts go (`content-privacy` writes its part there). */
  exports: ExportStore;
  /** The saga that has finance take a course purchase's payment. */
  coursePurchase: SagaDefinition<CoursePurchaseData>;
  /** Distinct reporters that hide a post pending review (`POST_REPORT_HIDE_THRESHOLD`). */
  postReportThreshold: number;
  /** The saga that has finance hold, pay or return a question's bounty. */
  questionBounty: SagaDefinition<QuestionBountyData>;
}
