-- Issue 12: a coach's level comes from ops (coach_level_changed) instead of an admin in trade.
-- Existing levels stay as they are (admins set them): their sequence is 0, so ops's first computed
-- level for that coach (sequence 1) replaces it.

-- AlterTable
ALTER TABLE "coach_profiles" ADD COLUMN "level_sequence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "coach_levels" (
    "coach_id" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "coach_levels_pkey" PRIMARY KEY ("coach_id"),
    CONSTRAINT "coach_levels_level_check" CHECK ("level" BETWEEN 1 AND 5)
);
