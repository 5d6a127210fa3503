// The risk rules (M18) as pure decisions: each takes what ops counted in its own tables and the
// settings, and says whether an alert is raised, how severe, and whether the account is held.
// Nothing here reads or writes; ../risk/signals.ts counts, alerts.ts raises.

export const RiskRule = {
  VELOCITY: "VELOCITY",
  AMOUNT_THRESHOLD: "AMOUNT_THRESHOLD",
  NEW_ACCOUNT_LARGE_PAYMENT: "NEW_ACCOUNT_LARGE_PAYMENT",
  FAILED_LOGINS: "FAILED_LOGINS",
  CHAT_SPAM: "CHAT_SPAM",
  RISK_SCORE: "RISK_SCORE",
} as const;
export type RiskRule = (typeof RiskRule)[keyof typeof RiskRule];

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What every rule has: how severe its alert is and whether it holds the account. */
export interface RuleAction {
  severity: Severity;
  hold: boolean;
}

export interface RiskSettings {
  /** More than `maxAttempts` grab attempts by one coach within `windowSeconds`. */
  velocity: RuleAction & { maxAttempts: number; windowSeconds: number };
  /** A payment over the currency's threshold (minor units); `defaultThreshold` for currencies not listed. */
  amount: RuleAction & { thresholds: Readonly<Record<string, number>>; defaultThreshold: number };
  /** An account younger than `maxAgeDays` paying over `minAmount` (minor units, any currency). */
  newAccount: RuleAction & { maxAgeDays: number; minAmount: number };
  /** `maxFailures` failed sign-ins for one account or identifier within `windowMinutes`. */
  failedLogins: RuleAction & { maxFailures: number; windowMinutes: number };
  /** More than `maxMessages` messages within `windowSeconds`, or `maxRepeats` of the same content. */
  chatSpam: RuleAction & { maxMessages: number; maxRepeats: number; windowSeconds: number };
  /** ai's risk_scored at or above `threshold` (0–100). */
  riskScore: RuleAction & { threshold: number };
}

/** A rule that fired: the alert to raise (or to count into the open one for the same rule and subject). */
export interface Finding extends RuleAction {
  rule: RiskRule;
  /** Whom the rule counted: a user id, or `identifier:<hash>`. */
  subjectKey: string;
  /** The account to hold, when the subject is one. */
  userId: string | null;
  summary: string;
}

const finding = (rule: RiskRule, action: RuleAction, subject: Subject, summary: string): Finding => ({
  rule,
  severity: action.severity,
  // A subject that is no account (an unknown identifier) cannot be held.
  hold: action.hold && subject.userId !== null,
  subjectKey: subject.key,
  userId: subject.userId,
  summary,
});

export interface Subject {
  key: string;
  userId: string | null;
}

export const userSubject = (userId: string): Subject => ({ key: userId, userId });

/** A failed sign-in's subject: its account when the identifier named one, else the identifier's hash. */
export const loginSubject = (accountId: string | null, identifierHash: string): Subject =>
  accountId ? userSubject(accountId) : { key: `identifier:${identifierHash}`, userId: null };

/** `attempts`: the coach's grab attempts in the window ending at this one, this one included. */
export function decideVelocity(coachId: string, attempts: number, settings: RiskSettings): Finding | null {
  const { velocity } = settings;
  if (attempts <= velocity.maxAttempts) return null;
  return finding(
    RiskRule.VELOCITY,
    velocity,
    userSubject(coachId),
    `${attempts} grab attempts within ${velocity.windowSeconds} s (more than ${velocity.maxAttempts}).`,
  );
}

export interface Payment {
  payerId: string;
  amount: number;
  currency: string;
}

export const thresholdFor = (currency: string, settings: RiskSettings): number =>
  settings.amount.thresholds[currency.toUpperCase()] ?? settings.amount.defaultThreshold;

export function decideAmount(payment: Payment, settings: RiskSettings): Finding | null {
  const threshold = thresholdFor(payment.currency, settings);
  if (payment.amount <= threshold) return null;
  return finding(
    RiskRule.AMOUNT_THRESHOLD,
    settings.amount,
    userSubject(payment.payerId),
    `A payment of ${payment.amount} ${payment.currency} (minor units) is over the threshold of ${threshold}.`,
  );
}

const DAY_MS = 86_400_000;

/** `accountCreatedAt`: null when ops never heard of the account (its age is unknown: no finding). */
export function decideNewAccountPayment(
  payment: Payment,
  accountCreatedAt: Date | null,
  paidAt: Date,
  settings: RiskSettings,
): Finding | null {
  const { newAccount } = settings;
  if (!accountCreatedAt || payment.amount <= newAccount.minAmount) return null;
  const ageMs = paidAt.getTime() - accountCreatedAt.getTime();
  if (ageMs >= newAccount.maxAgeDays * DAY_MS) return null;
  const ageDays = Math.max(0, Math.floor(ageMs / DAY_MS));
  return finding(
    RiskRule.NEW_ACCOUNT_LARGE_PAYMENT,
    newAccount,
    userSubject(payment.payerId),
    `An account ${ageDays} day(s) old paid ${payment.amount} ${payment.currency} (over ${newAccount.minAmount}, younger than ${newAccount.maxAgeDays} days).`,
  );
}

/** `failures`: the subject's failed sign-ins in the window ending at this one, this one included. */
export function decideFailedLogins(
  subject: Subject,
  failures: number,
  settings: RiskSettings,
): Finding | null {
  const { failedLogins } = settings;
  if (failures < failedLogins.maxFailures) return null;
  return finding(
    RiskRule.FAILED_LOGINS,
    failedLogins,
    subject,
    `${failures} failed sign-ins within ${failedLogins.windowMinutes} min (${failedLogins.maxFailures} raise).`,
  );
}

/**
 * `messages`: the sender's messages in the window ending at this one; `repeats`: how many of them
 * have this one's content hash (this one included).
 */
export function decideChatSpam(
  senderId: string,
  counts: { messages: number; repeats: number },
  settings: RiskSettings,
): Finding | null {
  const { chatSpam } = settings;
  const flood = counts.messages > chatSpam.maxMessages;
  const repeated = counts.repeats >= chatSpam.maxRepeats;
  if (!flood && !repeated) return null;
  const why = flood
    ? `${counts.messages} messages within ${chatSpam.windowSeconds} s (more than ${chatSpam.maxMessages})`
    : `the same message ${counts.repeats} times within ${chatSpam.windowSeconds} s`;
  return finding(RiskRule.CHAT_SPAM, chatSpam, userSubject(senderId), `Chat spam: ${why}.`);
}

export function decideRiskScore(
  userId: string,
  score: number,
  model: string,
  settings: RiskSettings,
): Finding | null {
  if (score < settings.riskScore.threshold) return null;
  return finding(
    RiskRule.RISK_SCORE,
    settings.riskScore,
    userSubject(userId),
    `ai (${model}) scored the account ${score} (threshold ${settings.riskScore.threshold}).`,
  );
}

/**
 * Parses `CNY:500000,USD:70000` (currency: threshold in minor units) into a map; throws naming the
 * entry at fault, for the config's start-up check.
 */
export function parseAmountThresholds(text: string): Record<string, number> {
  const thresholds: Record<string, number> = {};
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3}):(\d+)$/.exec(entry);
    if (!match?.[1] || !match[2]) {
      throw new Error(
        `"${entry}" is not CURRENCY:AMOUNT (three letters, a colon, minor units), e.g. CNY:500000`,
      );
    }
    thresholds[match[1].toUpperCase()] = Number(match[2]);
  }
  return thresholds;
}
