-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('CREATED', 'OPEN', 'ASSIGNED', 'IN_SERVICE', 'COMPLETED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "GrabOutcome" AS ENUM ('WON', 'LOST', 'REFUSED');

-- CreateTable
CREATE TABLE "service_offerings" (
    "id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "service_type" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "price_amount" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_offerings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_orders" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "coach_id" UUID,
    "status" "OrderStatus" NOT NULL DEFAULT 'CREATED',
    "service_type" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "price_amount" INTEGER NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "min_coach_level" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "grab_deadline" TIMESTAMPTZ(3),
    "preferred_start" TIMESTAMPTZ(3),
    "notification_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "assigned_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "expired_at" TIMESTAMPTZ(3),

    CONSTRAINT "service_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grab_requests" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "outcome" "GrabOutcome" NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grab_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_profiles" (
    "coach_id" UUID NOT NULL,
    "specialties" TEXT[],
    "regions" TEXT[],
    "level" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "coach_profiles_pkey" PRIMARY KEY ("coach_id")
);

-- CreateTable
CREATE TABLE "appointments" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "service_offerings_coach_id_created_at_idx" ON "service_offerings"("coach_id", "created_at");

-- CreateIndex
CREATE INDEX "service_offerings_specialty_region_created_at_idx" ON "service_offerings"("specialty", "region", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "service_orders_notification_id_key" ON "service_orders"("notification_id");

-- CreateIndex
CREATE INDEX "service_orders_status_specialty_region_created_at_idx" ON "service_orders"("status", "specialty", "region", "created_at");

-- CreateIndex
CREATE INDEX "service_orders_customer_id_created_at_idx" ON "service_orders"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "service_orders_coach_id_status_idx" ON "service_orders"("coach_id", "status");

-- CreateIndex
CREATE INDEX "service_orders_status_grab_deadline_idx" ON "service_orders"("status", "grab_deadline");

-- CreateIndex
CREATE INDEX "grab_requests_order_id_idx" ON "grab_requests"("order_id");

-- CreateIndex
CREATE INDEX "grab_requests_coach_id_created_at_idx" ON "grab_requests"("coach_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "appointments_order_id_key" ON "appointments"("order_id");

-- CreateIndex
CREATE INDEX "appointments_coach_id_starts_at_idx" ON "appointments"("coach_id", "starts_at");

-- CreateIndex
CREATE INDEX "outbox_events_sent_at_created_at_idx" ON "outbox_events"("sent_at", "created_at");

-- AddForeignKey
ALTER TABLE "grab_requests" ADD CONSTRAINT "grab_requests_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "service_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "service_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express these; see the header of prisma/trade/schema.prisma).
-- A coach can never hold two overlapping appointments: the database refuses the second insert
-- (SQLSTATE 23P01), however many bookings race. btree_gist lets a gist index compare uuids with =.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_no_overlap"
  EXCLUDE USING gist ("coach_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&);

ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_ends_after_start" CHECK ("ends_at" > "starts_at");

ALTER TABLE "coach_profiles"
  ADD CONSTRAINT "coach_profiles_level_range" CHECK ("level" BETWEEN 1 AND 5),
  ADD CONSTRAINT "coach_profiles_capacity_positive" CHECK ("capacity" >= 1);

ALTER TABLE "service_orders"
  ADD CONSTRAINT "service_orders_min_coach_level_range" CHECK ("min_coach_level" BETWEEN 1 AND 5),
  ADD CONSTRAINT "service_orders_price_nonnegative" CHECK ("price_amount" >= 0);

ALTER TABLE "service_offerings"
  ADD CONSTRAINT "service_offerings_price_nonnegative" CHECK ("price_amount" >= 0);
