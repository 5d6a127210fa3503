-- Completion needs the customer (issue 16.5): the coach marks the service done (AWAITING_CONFIRMATION),
-- the customer confirms (COMPLETED) or disputes (DISPUTED, left for an operator), and the expiry sweeper
-- completes what nobody confirmed or disputed by `confirmation_deadline`. The new values are only
-- added here, never used: Postgres refuses to use an enum value in the transaction that added it.
ALTER TYPE "OrderStatus" ADD VALUE 'AWAITING_CONFIRMATION' BEFORE 'COMPLETED';
ALTER TYPE "OrderStatus" ADD VALUE 'DISPUTED' BEFORE 'COMPLETED';

ALTER TABLE "service_orders"
    ADD COLUMN "completed_by_coach_at" TIMESTAMPTZ(3),
    ADD COLUMN "confirmation_deadline" TIMESTAMPTZ(3),
    ADD COLUMN "disputed_at" TIMESTAMPTZ(3),
    ADD COLUMN "dispute_reason" TEXT;

-- The sweeper's scan: AWAITING_CONFIRMATION orders whose deadline passed.
CREATE INDEX "service_orders_status_confirmation_deadline_idx" ON "service_orders"("status", "confirmation_deadline");
