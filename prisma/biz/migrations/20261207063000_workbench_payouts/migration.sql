-- Payouts on the workbench (issue 11, M03): finance's settlement_recorded.
ALTER TABLE "workbench_orders" ADD COLUMN "payout_amount" INTEGER,
ADD COLUMN "payout_currency" TEXT,
ADD COLUMN "settled_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "workbench_orders_coach_id_settled_at_idx" ON "workbench_orders"("coach_id", "settled_at");

-- A settlement can arrive before trade's events about its order: the customer is filled in by those.
ALTER TABLE "workbench_orders" ALTER COLUMN "customer_id" DROP NOT NULL;
