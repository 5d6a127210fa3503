-- M05 (issue 12): orders ops learned from trade, ratings, certificates and the levels published.

-- CreateEnum
CREATE TYPE "certificate_status" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED');

-- CreateTable
CREATE TABLE "coach_orders" (
    "order_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "coach_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "coach_ratings" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_ratings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "coach_ratings_score_check" CHECK ("score" BETWEEN 1 AND 5)
);

-- CreateTable
CREATE TABLE "coach_certificates" (
    "id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "number" TEXT,
    "url" TEXT,
    "status" "certificate_status" NOT NULL DEFAULT 'PENDING',
    "reviewed_by" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "rejection_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_certificates_pkey" PRIMARY KEY ("id"),
    -- Nobody reviews their own certificate, even through SQL.
    CONSTRAINT "coach_certificates_reviewer_check" CHECK ("reviewed_by" IS NULL OR "reviewed_by" <> "coach_id")
);

-- CreateTable
CREATE TABLE "coach_levels" (
    "coach_id" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "completed_orders" INTEGER NOT NULL,
    "ratings" INTEGER NOT NULL,
    "rating_total" INTEGER NOT NULL,
    "verified_certificates" INTEGER NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "coach_levels_pkey" PRIMARY KEY ("coach_id"),
    CONSTRAINT "coach_levels_level_check" CHECK ("level" BETWEEN 1 AND 5)
);

-- CreateIndex
CREATE INDEX "coach_orders_coach_id_idx" ON "coach_orders"("coach_id");

-- CreateIndex
CREATE UNIQUE INDEX "coach_ratings_order_id_key" ON "coach_ratings"("order_id");

-- CreateIndex
CREATE INDEX "coach_ratings_coach_id_created_at_id_idx" ON "coach_ratings"("coach_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "coach_certificates_coach_id_created_at_id_idx" ON "coach_certificates"("coach_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "coach_certificates_status_created_at_id_idx" ON "coach_certificates"("status", "created_at" DESC, "id" DESC);
