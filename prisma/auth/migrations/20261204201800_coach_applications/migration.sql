-- Coaches are no longer chosen at sign-up: a user applies, an admin approves (issue 16, point 4).

-- CreateEnum
CREATE TYPE "CoachApplicationStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateTable
CREATE TABLE "coach_applications" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "specialties" TEXT[],
    "regions" TEXT[],
    "status" "CoachApplicationStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "rejection_reason" TEXT,

    CONSTRAINT "coach_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_certificates" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "number" TEXT,
    "url" TEXT,

    CONSTRAINT "coach_certificates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "coach_applications_account_id_idx" ON "coach_applications"("account_id");

-- CreateIndex
CREATE INDEX "coach_applications_status_created_at_idx" ON "coach_applications"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "coach_certificates_application_id_position_key" ON "coach_certificates"("application_id", "position");

-- AddForeignKey
ALTER TABLE "coach_applications" ADD CONSTRAINT "coach_applications_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "res_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_certificates" ADD CONSTRAINT "coach_certificates_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "coach_applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express these). One pending application per account: two concurrent
-- applyAsCoach calls cannot both insert; the loser gets a unique violation, answered as CONFLICT.
CREATE UNIQUE INDEX "coach_applications_one_pending_per_account"
  ON "coach_applications"("account_id") WHERE "status" = 'pending';
ALTER TABLE "coach_applications"
  ADD CONSTRAINT "coach_applications_decided" CHECK (("status" = 'pending') = ("decided_at" IS NULL)),
  ADD CONSTRAINT "coach_applications_rejection_has_reason"
    CHECK ("status" <> 'rejected' OR "rejection_reason" IS NOT NULL);
ALTER TABLE "coach_certificates"
  ADD CONSTRAINT "coach_certificates_checkable" CHECK ("number" IS NOT NULL OR "url" IS NOT NULL);

INSERT INTO "permissions" ("role", "permission") VALUES
  ('user', 'coaches:apply'),
  ('admin', 'coaches:approve'),
  ('admin', 'coaches:level')
ON CONFLICT DO NOTHING;
