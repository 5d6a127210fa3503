import {
  accountCreatedV1,
  chatMessageSentV1,
  grabAttemptedV1,
  loginFailedV1,
  paymentAuthorizedV1,
  paymentSuccessV1,
  riskScoredV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { OpsTx } from "../db.ts";
import {
  onAccountCreated,
  onChatMessage,
  onGrabAttempt,
  onLoginFailed,
  onPayment,
  onRiskScored,
} from "../domain/risk/evaluate.ts";
import type { RiskSettings } from "../domain/risk/rules.ts";

/** The risk capability's durable consumer (inbox rows, JetStream consumer, dead letters). */
export const RISK_CONSUMER = "ops-risk";

/** The consumer hands handlers ops's Prisma transaction client, typed as the mechanism's raw slice. */
const asOpsTx = (tx: SqlExecutor): OpsTx => tx as unknown as OpsTx;

/** The events the risk rules watch (README "Risk (M18)"). */
export const riskEventHandlers = (settings: RiskSettings): HandlerRegistration[] => [
  on(grabAttemptedV1, (tx, { id, payload }) =>
    onGrabAttempt(asOpsTx(tx), settings, {
      eventId: id,
      coachId: payload.coachId,
      attemptedAt: new Date(payload.attemptedAt),
    }),
  ),
  on(paymentAuthorizedV1, (tx, { payload }) =>
    onPayment(asOpsTx(tx), settings, { ...payload, paidAt: new Date(payload.authorizedAt) }),
  ),
  on(paymentSuccessV1, (tx, { payload }) =>
    onPayment(asOpsTx(tx), settings, { ...payload, paidAt: new Date(payload.paidAt) }),
  ),
  on(loginFailedV1, (tx, { id, payload }) =>
    onLoginFailed(asOpsTx(tx), settings, { ...payload, eventId: id, failedAt: new Date(payload.failedAt) }),
  ),
  on(chatMessageSentV1, (tx, { id, payload }) =>
    onChatMessage(asOpsTx(tx), settings, { ...payload, eventId: id, sentAt: new Date(payload.sentAt) }),
  ),
  on(riskScoredV1, (tx, { payload }) =>
    onRiskScored(asOpsTx(tx), settings, { ...payload, scoredAt: new Date(payload.scoredAt) }),
  ),
  on(accountCreatedV1, (tx, { payload }) =>
    onAccountCreated(asOpsTx(tx), { accountId: payload.accountId, createdAt: new Date(payload.createdAt) }),
  ),
];
