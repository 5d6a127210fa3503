/** The scoring model's name, recorded on every score and in risk_scored. */
export const RISK_MODEL = "risk-logistic@1";

/** What ai records of a user's behaviour (one row per event, `risk_observations`). */
export type ObservationKind =
  | "GRAB_WON"
  | "GRAB_LOST"
  | "GRAB_REFUSED"
  | "PAYMENT"
  | "PAYMENT_FAILED"
  | "GIFT_SENT";

export interface Observation {
  kind: ObservationKind;
  /** Smallest currency unit (payments) or points (gifts); 0 otherwise. */
  amount: number;
  occurredAt: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The longest window: older observations are pruned. */
export const HISTORY_MS = 30 * DAY;

/**
 * One feature: how it is read from the observations, the population mean and spread it is standardized
 * with ((value - mean) / sd), and its weight in the logistic function. The numbers are a first,
 * hand-set calibration (README "Risk prediction"): a user doing what most do sits near 0 on each.
 */
interface FeatureSpec {
  name: string;
  read(observations: readonly Observation[], now: Date): number;
  mean: number;
  sd: number;
  weight: number;
}

const within = (observations: readonly Observation[], now: Date, windowMs: number) =>
  observations.filter(
    (o) => o.occurredAt.getTime() <= now.getTime() && now.getTime() - o.occurredAt.getTime() < windowMs,
  );
const isGrab = (o: Observation) =>
  o.kind === "GRAB_WON" || o.kind === "GRAB_LOST" || o.kind === "GRAB_REFUSED";

export const FEATURES: readonly FeatureSpec[] = [
  {
    name: "grab_attempts_per_minute",
    read: (obs, now) => within(obs, now, MINUTE).filter(isGrab).length,
    mean: 1,
    sd: 2,
    weight: 0.9,
  },
  {
    name: "grab_refused_or_lost_ratio_1h",
    read: (obs, now) => {
      const grabs = within(obs, now, HOUR).filter(isGrab);
      // Fewer than 5 attempts say nothing about a ratio.
      if (grabs.length < 5) return 0.5;
      return grabs.filter((o) => o.kind !== "GRAB_WON").length / grabs.length;
    },
    mean: 0.5,
    sd: 0.2,
    weight: 0.6,
  },
  {
    name: "payment_amount_vs_history",
    // The latest payment in standard deviations above the user's earlier payments (30 days, at least 3 of them).
    read: (obs, now) => {
      const payments = within(obs, now, HISTORY_MS)
        .filter((o) => o.kind === "PAYMENT")
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      const latest = payments.at(-1);
      const history = payments.slice(0, -1).map((o) => o.amount);
      if (!latest || history.length < 3) return 0;
      const mean = history.reduce((sum, x) => sum + x, 0) / history.length;
      const sd = Math.sqrt(history.reduce((sum, x) => sum + (x - mean) ** 2, 0) / history.length);
      return clamp((latest.amount - mean) / Math.max(sd, mean * 0.1, 1), -5, 10);
    },
    mean: 0,
    sd: 1,
    weight: 0.5,
  },
  {
    name: "failed_payments_24h",
    read: (obs, now) => within(obs, now, DAY).filter((o) => o.kind === "PAYMENT_FAILED").length,
    mean: 0.2,
    sd: 1,
    weight: 0.9,
  },
  {
    name: "gifts_sent_1h",
    read: (obs, now) => within(obs, now, HOUR).filter((o) => o.kind === "GIFT_SENT").length,
    mean: 1,
    sd: 3,
    weight: 0.4,
  },
];

/** The logit of a user doing exactly what the average user does: 100·σ(-4) ≈ 2. */
export const BIAS = -4;

export type RiskBand = "LOW" | "MEDIUM" | "HIGH";
/** The band boundaries: MEDIUM from 40, HIGH from 70. */
export const BANDS = { MEDIUM: 40, HIGH: 70 };

export interface FeatureScore {
  name: string;
  /** The feature's raw value. */
  value: number;
  /** What it added to the logit: weight × standardized value (negative lowers the score). */
  contribution: number;
}

export interface RiskAssessment {
  score: number;
  band: RiskBand;
  features: FeatureScore[];
  model: string;
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

export const bandOf = (score: number): RiskBand =>
  score >= BANDS.HIGH ? "HIGH" : score >= BANDS.MEDIUM ? "MEDIUM" : "LOW";

/** The score (0–100) of a user's observations at `now`: 100 · σ(BIAS + Σ weight · (value − mean) / sd). */
export function scoreRisk(observations: readonly Observation[], now: Date): RiskAssessment {
  const features = FEATURES.map((spec) => {
    const value = spec.read(observations, now);
    return {
      name: spec.name,
      value: round(value),
      contribution: round((spec.weight * (value - spec.mean)) / spec.sd),
    };
  });
  const logit = BIAS + features.reduce((sum, f) => sum + f.contribution, 0);
  const score = Math.round(100 / (1 + Math.exp(-logit)));
  return { score, band: bandOf(score), features, model: RISK_MODEL };
}

/**
 * Whether a new score is news for ops: its band differs from the band last announced (LOW until one
 * was). Rising into MEDIUM or HIGH, and falling back, are announced once each; a score moving inside
 * its band is not.
 */
export const shouldAnnounce = (band: RiskBand, lastAnnounced: RiskBand): boolean => band !== lastAnnounced;
