-- ops's holds on accounts, fed by account_held / account_released (ACCOUNT_HOLDS_TABLE_SQL in
-- packages/platform/src/holds/holdsTable.ts is the same table).
CREATE TABLE "account_holds" (
    "hold_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    CONSTRAINT "account_holds_pkey" PRIMARY KEY ("hold_id")
);
CREATE INDEX "account_holds_user_id_released_at_idx" ON "account_holds"("user_id", "released_at");
