import { riskScoredV1 } from "@health/events/catalog";
import { publishEvent, type SqlExecutor } from "@health/platform/events";
import {
  HISTORY_MS,
  type Observation,
  type ObservationKind,
  type RiskBand,
  scoreRisk,
  shouldAnnounce,
} from "./model.ts";

export interface NewObservation {
  eventId: string;
  userId: string;
  kind: ObservationKind;
  amount: number;
  occurredAt: Date;
}

/**
 * Records one observation of a user, rescores the user at the observation's time and, when the score
 * changed band since the last announcement, publishes risk_scored through the outbox, all in the
 * consumer's transaction `tx`. A redelivered event (same id) changes nothing.
 */
export async function observe(tx: SqlExecutor, observation: NewObservation): Promise<void> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO risk_observations (event_id, user_id, kind, amount, occurred_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::timestamptz) ON CONFLICT (event_id) DO NOTHING`,
    observation.eventId,
    observation.userId,
    observation.kind,
    observation.amount,
    observation.occurredAt.toISOString(),
  );
  if (inserted === 0) return;
  const since = new Date(observation.occurredAt.getTime() - HISTORY_MS);
  await tx.$executeRawUnsafe(
    "DELETE FROM risk_observations WHERE user_id = $1::uuid AND occurred_at < $2::timestamptz",
    observation.userId,
    since.toISOString(),
  );
  const rows = await tx.$queryRawUnsafe<Array<{ kind: ObservationKind; amount: number; occurredAt: Date }>>(
    `SELECT kind, amount, occurred_at AS "occurredAt" FROM risk_observations
      WHERE user_id = $1::uuid AND occurred_at >= $2::timestamptz`,
    observation.userId,
    since.toISOString(),
  );
  const history: Observation[] = rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
  const assessment = scoreRisk(history, observation.occurredAt);
  // The upsert locks the user's row: events of one user are scored one at a time.
  const [current] = await tx.$queryRawUnsafe<Array<{ publishedBand: RiskBand }>>(
    `INSERT INTO risk_scores (user_id, score, band, features, model, scored_at)
     VALUES ($1::uuid, $2, $3, $4::jsonb, $5, $6::timestamptz)
     ON CONFLICT (user_id) DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band,
       features = EXCLUDED.features, model = EXCLUDED.model, scored_at = EXCLUDED.scored_at
     RETURNING published_band AS "publishedBand"`,
    observation.userId,
    assessment.score,
    assessment.band,
    JSON.stringify(assessment.features),
    assessment.model,
    observation.occurredAt.toISOString(),
  );
  if (!current || !shouldAnnounce(assessment.band, current.publishedBand)) return;
  await publishEvent(
    tx,
    riskScoredV1,
    {
      userId: observation.userId,
      score: assessment.score,
      features: assessment.features,
      model: assessment.model,
      scoredAt: observation.occurredAt.toISOString(),
    },
    { aggregateId: observation.userId },
  );
  await tx.$executeRawUnsafe(
    "UPDATE risk_scores SET published_band = $2 WHERE user_id = $1::uuid",
    observation.userId,
    assessment.band,
  );
}
