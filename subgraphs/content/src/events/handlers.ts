import type { HandlerRegistration } from "@health/platform/events";
import { paymentReplyHandlers, type SagaDefinition } from "@health/platform/saga";
import type { CoursePurchaseData } from "../domain/purchases/paymentSaga.ts";
import type { QuestionBountyData } from "../domain/questions/bountySaga.ts";
import { bountyReplyHandlers } from "./bountyReplies.handler.ts";

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const CONTENT_CONSUMER = "content";

/**
 * Finance's answers to the course purchase saga: a captured payment makes the purchase PAID, a decline
 * FAILED. Answers to another subgraph's saga, or about a direct payment, are not content's. And
 * finance's answers to a question's bounty hold (bountyReplies.handler.ts).
 */
export const contentEventHandlers = (deps: {
  coursePurchase: SagaDefinition<CoursePurchaseData>;
  questionBounty: SagaDefinition<QuestionBountyData>;
}): HandlerRegistration[] => [
  ...paymentReplyHandlers("content", deps.coursePurchase),
  ...bountyReplyHandlers(deps),
];
