-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('CREATED', 'AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED', 'VOIDED');

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "payer_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'CREATED',
    "captured_amount" INTEGER NOT NULL DEFAULT 0,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_webhook_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_webhook_events_pkey" PRIMARY KEY ("provider","event_id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "caller_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parameters_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "claim_token" UUID NOT NULL,
    "answer" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("caller_id","key")
);

-- CreateTable
CREATE TABLE "local_provider_charges" (
    "id" TEXT NOT NULL,
    "payment_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "captured_amount" INTEGER NOT NULL DEFAULT 0,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_provider_charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_provider_webhooks" (
    "event_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "local_provider_webhooks_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "payments_payer_id_created_at_id_idx" ON "payments"("payer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "payments_created_at_id_idx" ON "payments"("created_at", "id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "local_provider_charges_payment_id_key" ON "local_provider_charges"("payment_id");

-- CreateIndex
CREATE INDEX "local_provider_webhooks_sent_at_due_at_idx" ON "local_provider_webhooks"("sent_at", "due_at");

-- The payment rules the database keeps whatever the code does (issue 19). Triggers, not CHECK constraints:
-- the WebAssembly schema engine cannot introspect CHECKs (../shared/design/TOOLCHAIN.md). The state
-- machine itself is subgraphs/finance/src/domain/payments/stateMachine.ts; this is its last word on
-- amounts: a payment asks for a positive amount, captures at most that, refunds at most what it captured,
-- and its amount, currency and payer never change.
CREATE FUNCTION "payment_amounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."amount" <= 0 OR NEW."captured_amount" < 0 OR NEW."refunded_amount" < 0
     OR NEW."captured_amount" > NEW."amount" OR NEW."refunded_amount" > NEW."captured_amount" THEN
    RAISE EXCEPTION 'payment_amounts: amount %, captured %, refunded % out of order', NEW."amount", NEW."captured_amount", NEW."refunded_amount"
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW."amount" <> OLD."amount" OR NEW."currency" <> OLD."currency" OR NEW."payer_id" <> OLD."payer_id") THEN
    RAISE EXCEPTION 'payment_fixed: a payment''s amount, currency and payer never change'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "payments_amounts_guard"
  BEFORE INSERT OR UPDATE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "payment_amounts_guard"();
