-- The shop-order payment saga (issue 19): a reserved order is paid through finance.
ALTER TABLE "shop_orders" ADD COLUMN "cancel_reason" TEXT;

-- CreateTable
CREATE TABLE "saga_instances" (
    "id" UUID NOT NULL,
    "saga" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "failure" TEXT,
    "deadline_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saga_instances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saga_instances_saga_status_deadline_at_idx" ON "saga_instances"("saga", "status", "deadline_at");
