-- A person's erasure of their account (issue 13): requested with their password, cancellable while its
-- cooling-off period runs, then started by the sweeper and finished when every data-holding subgraph
-- acknowledged it. The row stays as the proof of the erasure: `user_id` is cleared once auth erased the
-- account, the tombstone id (the id that replaced the person's in the rows other subgraphs keep) stays.

-- CreateEnum
CREATE TYPE "AccountErasureStatus" AS ENUM ('PENDING', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED');

-- CreateTable
CREATE TABLE "account_erasures" (
    "id" UUID NOT NULL,
    "user_id" UUID,
    "tombstone_id" UUID,
    "status" "AccountErasureStatus" NOT NULL DEFAULT 'PENDING',
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_erasures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_erasure_acks" (
    "erasure_id" UUID NOT NULL,
    "subgraph" TEXT NOT NULL,
    "tables" JSONB NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_erasure_acks_pkey" PRIMARY KEY ("erasure_id", "subgraph")
);

-- CreateIndex
CREATE INDEX "account_erasures_user_id_idx" ON "account_erasures"("user_id");

-- CreateIndex
CREATE INDEX "account_erasures_status_scheduled_for_idx" ON "account_erasures"("status", "scheduled_for");

-- At most one pending erasure per person (written by hand: Prisma has no partial indexes). A second
-- request while one is pending returns that one.
CREATE UNIQUE INDEX "account_erasures_one_pending_per_user" ON "account_erasures"("user_id") WHERE "status" = 'PENDING';

-- AddForeignKey
ALTER TABLE "account_erasure_acks" ADD CONSTRAINT "account_erasure_acks_erasure_id_fkey" FOREIGN KEY ("erasure_id") REFERENCES "account_erasures"("id") ON DELETE CASCADE ON UPDATE CASCADE;
