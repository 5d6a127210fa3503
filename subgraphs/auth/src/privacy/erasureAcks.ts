import { privacyAnswersOf } from "@health/events/catalog";
import { DATA_HOLDERS, type DataHolder } from "@health/events/privacy";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { ErasedTable } from "@health/platform/privacy";

/**
 * Records one subgraph's acknowledgement of an erasure and completes the erasure when every data holder
 * has answered: COMPLETED, `completed_at`, and `user_id` cleared (the row stays as the proof, under its
 * tombstone id). The erasure row is locked first, so two last acknowledgements handled at once cannot
 * both miss the other. The first acknowledgement per subgraph is kept; a redelivered one changes nothing.
 * An acknowledgement of an erasure auth never started (another environment's test) is ignored.
 */
export async function recordErasureAck(
  tx: SqlExecutor,
  subgraph: DataHolder,
  ack: { erasureId: string; tables: ErasedTable[] },
  now = new Date(),
): Promise<void> {
  const [erasure] = await tx.$queryRawUnsafe<Array<{ status: string }>>(
    `SELECT "status"::text FROM "account_erasures" WHERE "id" = $1::uuid FOR UPDATE`,
    ack.erasureId,
  );
  if (!erasure) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "account_erasure_acks" ("erasure_id", "subgraph", "tables", "acknowledged_at")
     VALUES ($1::uuid, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING`,
    ack.erasureId,
    subgraph,
    JSON.stringify(ack.tables),
    now,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "account_erasures" SET "status" = 'COMPLETED', "completed_at" = $2, "user_id" = NULL
      WHERE "id" = $1::uuid AND "status" = 'IN_PROGRESS'
        AND (SELECT count(*) FROM "account_erasure_acks"
              WHERE "erasure_id" = $1::uuid AND "subgraph" = ANY($3::text[])) = $4`,
    ack.erasureId,
    now,
    [...DATA_HOLDERS],
    DATA_HOLDERS.length,
  );
}

/** auth's handlers of every data holder's `account_erasure_acknowledged` (auth's own included). */
export const erasureAckHandlers = (): HandlerRegistration[] =>
  DATA_HOLDERS.map((subgraph) =>
    on(privacyAnswersOf[subgraph].acknowledged, (tx, { payload }) => recordErasureAck(tx, subgraph, payload)),
  );
