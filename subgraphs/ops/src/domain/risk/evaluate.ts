import type { OpsTx } from "../../db.ts";
import { raiseAlert } from "./alerts.ts";
import {
  decideAmount,
  decideChatSpam,
  decideFailedLogins,
  decideNewAccountPayment,
  decideRiskScore,
  decideVelocity,
  loginSubject,
  type Payment,
  RiskRule,
  type RiskSettings,
} from "./rules.ts";
import { countWindow, lockSubject, recordSignal } from "./signals.ts";

// Each event's rules, run in the consumer's transaction (the inbox row commits with them): lock the
// subject, record the signal, count the window, decide (rules.ts), raise.

/** One signal of a windowed rule: locks its subject, records it, and counts the window it ends. */
async function countSignal(
  tx: OpsTx,
  signal: { rule: RiskRule; key: string; eventId: string; at: Date; windowMs: number; detail?: string },
) {
  await lockSubject(tx, signal.rule, signal.key);
  await recordSignal(tx, {
    rule: signal.rule,
    signalKey: signal.eventId,
    subjectKey: signal.key,
    occurredAt: signal.at,
    ...(signal.detail === undefined ? {} : { detail: signal.detail }),
  });
  return countWindow(tx, {
    rule: signal.rule,
    subjectKey: signal.key,
    at: signal.at,
    windowMs: signal.windowMs,
    ...(signal.detail === undefined ? {} : { detail: signal.detail }),
  });
}

export async function onGrabAttempt(
  tx: OpsTx,
  settings: RiskSettings,
  attempt: { eventId: string; coachId: string; attemptedAt: Date },
): Promise<void> {
  const { total } = await countSignal(tx, {
    rule: RiskRule.VELOCITY,
    key: attempt.coachId,
    eventId: attempt.eventId,
    at: attempt.attemptedAt,
    windowMs: settings.velocity.windowSeconds * 1000,
  });
  const found = decideVelocity(attempt.coachId, total, settings);
  if (found) await raiseAlert(tx, found, attempt.attemptedAt);
}

/** payment_authorized and payment_success: a payment counts once, whichever arrives first. */
export async function onPayment(
  tx: OpsTx,
  settings: RiskSettings,
  payment: Payment & { paymentId: string; paidAt: Date },
): Promise<void> {
  await lockSubject(tx, "PAYMENT", payment.payerId);
  const first = await recordSignal(tx, {
    rule: "PAYMENT",
    signalKey: payment.paymentId,
    subjectKey: payment.payerId,
    occurredAt: payment.paidAt,
  });
  if (!first) return;
  const overThreshold = decideAmount(payment, settings);
  if (overThreshold) await raiseAlert(tx, overThreshold, payment.paidAt);
  const account = await tx.riskAccount.findUnique({ where: { userId: payment.payerId } });
  const young = decideNewAccountPayment(payment, account?.createdAt ?? null, payment.paidAt, settings);
  if (young) await raiseAlert(tx, young, payment.paidAt);
}

export async function onLoginFailed(
  tx: OpsTx,
  settings: RiskSettings,
  failure: { eventId: string; accountId: string | null; identifierHash: string; failedAt: Date },
): Promise<void> {
  const subject = loginSubject(failure.accountId, failure.identifierHash);
  const { total } = await countSignal(tx, {
    rule: RiskRule.FAILED_LOGINS,
    key: subject.key,
    eventId: failure.eventId,
    at: failure.failedAt,
    windowMs: settings.failedLogins.windowMinutes * 60_000,
  });
  const found = decideFailedLogins(subject, total, settings);
  if (found) await raiseAlert(tx, found, failure.failedAt);
}

export async function onChatMessage(
  tx: OpsTx,
  settings: RiskSettings,
  message: { eventId: string; senderId: string; contentHash: string; sentAt: Date },
): Promise<void> {
  const counts = await countSignal(tx, {
    rule: RiskRule.CHAT_SPAM,
    key: message.senderId,
    eventId: message.eventId,
    at: message.sentAt,
    windowMs: settings.chatSpam.windowSeconds * 1000,
    detail: message.contentHash,
  });
  const found = decideChatSpam(message.senderId, { messages: counts.total, repeats: counts.same }, settings);
  if (found) await raiseAlert(tx, found, message.sentAt);
}

export async function onRiskScored(
  tx: OpsTx,
  settings: RiskSettings,
  scored: { userId: string; score: number; model: string; scoredAt: Date },
): Promise<void> {
  const found = decideRiskScore(scored.userId, scored.score, scored.model, settings);
  if (!found) return;
  await lockSubject(tx, found.rule, found.subjectKey);
  await raiseAlert(tx, found, scored.scoredAt);
}

/** account_created: the account's age for the new-account rule (a redelivery changes nothing). */
export async function onAccountCreated(
  tx: OpsTx,
  account: { accountId: string; createdAt: Date },
): Promise<void> {
  await tx.riskAccount.upsert({
    where: { userId: account.accountId },
    create: { userId: account.accountId, createdAt: account.createdAt },
    update: {},
  });
}
