import { parseAmountThresholds, type RiskSettings, type Severity } from "./rules.ts";

/** The RISK_* variables of ops's config (config.ts), as read. */
export interface RiskConfig {
  RISK_VELOCITY_MAX_GRABS: number;
  RISK_VELOCITY_WINDOW_SECONDS: number;
  RISK_VELOCITY_SEVERITY: Severity;
  RISK_VELOCITY_HOLD: boolean;
  RISK_AMOUNT_THRESHOLDS: string;
  RISK_AMOUNT_DEFAULT_THRESHOLD: number;
  RISK_AMOUNT_SEVERITY: Severity;
  RISK_AMOUNT_HOLD: boolean;
  RISK_NEW_ACCOUNT_DAYS: number;
  RISK_NEW_ACCOUNT_AMOUNT: number;
  RISK_NEW_ACCOUNT_SEVERITY: Severity;
  RISK_NEW_ACCOUNT_HOLD: boolean;
  RISK_FAILED_LOGINS: number;
  RISK_FAILED_LOGIN_WINDOW_MINUTES: number;
  RISK_FAILED_LOGIN_SEVERITY: Severity;
  RISK_FAILED_LOGIN_HOLD: boolean;
  RISK_CHAT_MAX_MESSAGES: number;
  RISK_CHAT_MAX_REPEATS: number;
  RISK_CHAT_WINDOW_SECONDS: number;
  RISK_CHAT_SEVERITY: Severity;
  RISK_CHAT_HOLD: boolean;
  RISK_SCORE_THRESHOLD: number;
  RISK_SCORE_SEVERITY: Severity;
  RISK_SCORE_HOLD: boolean;
}

export const riskSettingsOf = (config: RiskConfig): RiskSettings => ({
  velocity: {
    maxAttempts: config.RISK_VELOCITY_MAX_GRABS,
    windowSeconds: config.RISK_VELOCITY_WINDOW_SECONDS,
    severity: config.RISK_VELOCITY_SEVERITY,
    hold: config.RISK_VELOCITY_HOLD,
  },
  amount: {
    thresholds: parseAmountThresholds(config.RISK_AMOUNT_THRESHOLDS),
    defaultThreshold: config.RISK_AMOUNT_DEFAULT_THRESHOLD,
    severity: config.RISK_AMOUNT_SEVERITY,
    hold: config.RISK_AMOUNT_HOLD,
  },
  newAccount: {
    maxAgeDays: config.RISK_NEW_ACCOUNT_DAYS,
    minAmount: config.RISK_NEW_ACCOUNT_AMOUNT,
    severity: config.RISK_NEW_ACCOUNT_SEVERITY,
    hold: config.RISK_NEW_ACCOUNT_HOLD,
  },
  failedLogins: {
    maxFailures: config.RISK_FAILED_LOGINS,
    windowMinutes: config.RISK_FAILED_LOGIN_WINDOW_MINUTES,
    severity: config.RISK_FAILED_LOGIN_SEVERITY,
    hold: config.RISK_FAILED_LOGIN_HOLD,
  },
  chatSpam: {
    maxMessages: config.RISK_CHAT_MAX_MESSAGES,
    maxRepeats: config.RISK_CHAT_MAX_REPEATS,
    windowSeconds: config.RISK_CHAT_WINDOW_SECONDS,
    severity: config.RISK_CHAT_SEVERITY,
    hold: config.RISK_CHAT_HOLD,
  },
  riskScore: {
    threshold: config.RISK_SCORE_THRESHOLD,
    severity: config.RISK_SCORE_SEVERITY,
    hold: config.RISK_SCORE_HOLD,
  },
});
