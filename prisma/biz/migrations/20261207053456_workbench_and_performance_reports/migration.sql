-- CreateTable
CREATE TABLE "workbench_orders" (
    "order_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "coach_id" UUID,
    "price_amount" INTEGER,
    "currency" TEXT,
    "opened_at" TIMESTAMPTZ(3),
    "assigned_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workbench_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "workbench_gifts" (
    "gift_order_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "gift_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workbench_gifts_pkey" PRIMARY KEY ("gift_order_id")
);

-- CreateTable
CREATE TABLE "performance_reports" (
    "id" UUID NOT NULL,
    "business_id" UUID NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "performance_reports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "workbench_orders_coach_id_assigned_at_idx" ON "workbench_orders"("coach_id", "assigned_at");

-- CreateIndex
CREATE INDEX "workbench_orders_coach_id_completed_at_idx" ON "workbench_orders"("coach_id", "completed_at");

-- CreateIndex
CREATE INDEX "workbench_orders_coach_id_cancelled_at_idx" ON "workbench_orders"("coach_id", "cancelled_at");

-- CreateIndex
CREATE INDEX "workbench_gifts_recipient_id_sent_at_idx" ON "workbench_gifts"("recipient_id", "sent_at");

-- CreateIndex
CREATE INDEX "performance_reports_business_id_created_at_id_idx" ON "performance_reports"("business_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "performance_reports_created_at_id_idx" ON "performance_reports"("created_at", "id");
