-- The daily reconciliation (issue 19): finance's record of trade's orders (from trade's events), the
-- discrepancies flagged for an operator, and one report per run. Payments gain the indexes it reads by.

-- CreateEnum
CREATE TYPE "TradeOrderStatus" AS ENUM ('REQUESTED', 'COMPLETED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DiscrepancyKind" AS ENUM ('CAPTURED_WITHOUT_COMPLETED_ORDER', 'COMPLETED_NOT_CAPTURED', 'COMPLETED_NOT_SETTLED', 'AMOUNT_MISMATCH', 'DOUBLE_CAPTURE', 'HANGING_AUTHORIZATION');

-- CreateEnum
CREATE TYPE "DiscrepancyStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateTable
CREATE TABLE "trade_orders" (
    "order_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "coach_id" UUID,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "TradeOrderStatus" NOT NULL,
    "requested_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trade_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "reconciliation_discrepancies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "DiscrepancyKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "order_id" UUID,
    "payment_id" UUID,
    "detail" TEXT NOT NULL,
    "report_date" DATE NOT NULL,
    "status" "DiscrepancyStatus" NOT NULL DEFAULT 'OPEN',
    "resolved_by" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_discrepancies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "date" DATE NOT NULL,
    "trigger" TEXT NOT NULL,
    "orders_compared" INTEGER NOT NULL,
    "payments_compared" INTEGER NOT NULL,
    "found" INTEGER NOT NULL,
    "repaired" INTEGER NOT NULL,
    "flagged" INTEGER NOT NULL,
    "already_flagged" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "items" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payments_reference_idx" ON "payments"("reference");

-- CreateIndex
CREATE INDEX "payments_updated_at_idx" ON "payments"("updated_at");

-- CreateIndex
CREATE INDEX "trade_orders_requested_at_idx" ON "trade_orders"("requested_at");

-- CreateIndex
CREATE INDEX "trade_orders_completed_at_idx" ON "trade_orders"("completed_at");

-- CreateIndex
CREATE INDEX "trade_orders_cancelled_at_idx" ON "trade_orders"("cancelled_at");

-- CreateIndex
CREATE INDEX "reconciliation_discrepancies_status_created_at_id_idx" ON "reconciliation_discrepancies"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "reconciliation_discrepancies_created_at_id_idx" ON "reconciliation_discrepancies"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_discrepancies_kind_subject_key" ON "reconciliation_discrepancies"("kind", "subject");

-- CreateIndex
CREATE INDEX "reconciliation_reports_created_at_id_idx" ON "reconciliation_reports"("created_at", "id");

-- CreateIndex
CREATE INDEX "reconciliation_reports_date_trigger_idx" ON "reconciliation_reports"("date", "trigger");
