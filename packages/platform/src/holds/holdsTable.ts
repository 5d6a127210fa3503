import type { SqlExecutor } from "../events/sql.ts";

// The SQL of the `account_holds` table: each subgraph that refuses a held account's actions keeps its
// own copy, fed by ops's account_held / account_released events (ARCHITECTURE rule 1). Model
// AccountHold in that subgraph's schema.prisma (README.md).

/** What Prisma migrates from the AccountHold model; tests without a generated client create it from here. */
export const ACCOUNT_HOLDS_TABLE_SQL = `
CREATE TABLE "account_holds" (
    "hold_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    CONSTRAINT "account_holds_pkey" PRIMARY KEY ("hold_id")
);
CREATE INDEX "account_holds_user_id_released_at_idx" ON "account_holds"("user_id", "released_at");`;

/**
 * Records a hold. A release of the same hold that arrived first already wrote the row (released), and
 * `ON CONFLICT DO NOTHING` keeps it released: release wins for its holdId, whatever the order.
 */
export async function recordHold(
  tx: SqlExecutor,
  hold: { holdId: string; userId: string; reason: string; heldAt: Date },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO account_holds (hold_id, user_id, reason, held_at)
     VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz)
     ON CONFLICT (hold_id) DO NOTHING`,
    hold.holdId,
    hold.userId,
    hold.reason,
    hold.heldAt,
  );
}

/**
 * Records a release. Before its hold arrived, it writes the row already released (the late hold then
 * changes nothing); a second release keeps the first release's time.
 */
export async function recordRelease(
  tx: SqlExecutor,
  release: { holdId: string; userId: string; releasedAt: Date },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO account_holds (hold_id, user_id, reason, held_at, released_at)
     VALUES ($1::uuid, $2::uuid, 'released before its hold arrived', $3::timestamptz, $3::timestamptz)
     ON CONFLICT (hold_id) DO UPDATE
       SET released_at = COALESCE(account_holds.released_at, EXCLUDED.released_at)`,
    release.holdId,
    release.userId,
    release.releasedAt,
  );
}

/** Whether `userId` has a hold not yet released. */
export async function isHeld(db: SqlExecutor, userId: string): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<Array<{ held: boolean }>>(
    `SELECT EXISTS (SELECT 1 FROM account_holds WHERE user_id = $1::uuid AND released_at IS NULL) AS held`,
    userId,
  );
  return rows[0]?.held === true;
}
