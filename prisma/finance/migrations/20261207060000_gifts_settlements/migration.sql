-- AlterEnum
ALTER TYPE "LedgerTransferKind" ADD VALUE 'GIFT';
ALTER TYPE "LedgerTransferKind" ADD VALUE 'SETTLEMENT';

-- CreateTable
CREATE TABLE "gifts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "icon_url" TEXT NOT NULL,
    "price_points" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gifts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gift_orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "gift_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "coach_share" INTEGER NOT NULL,
    "platform_share" INTEGER NOT NULL,
    "live_room_id" UUID,
    "order_id" UUID,
    "message" TEXT,
    "transfer_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gift_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settlements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "payment_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "coach_payout" INTEGER NOT NULL,
    "platform_fee" INTEGER NOT NULL,
    "fee_bps" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "transfer_id" UUID NOT NULL,
    "settled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settlements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gifts_active_price_points_idx" ON "gifts"("active", "price_points");

-- CreateIndex
CREATE UNIQUE INDEX "gift_orders_transfer_id_key" ON "gift_orders"("transfer_id");

-- CreateIndex
CREATE INDEX "gift_orders_recipient_id_created_at_id_idx" ON "gift_orders"("recipient_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "gift_orders_sender_id_created_at_id_idx" ON "gift_orders"("sender_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "settlements_order_id_key" ON "settlements"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "settlements_transfer_id_key" ON "settlements"("transfer_id");

-- CreateIndex
CREATE INDEX "settlements_coach_id_settled_at_id_idx" ON "settlements"("coach_id", "settled_at", "id");

-- CreateIndex
CREATE INDEX "settlements_settled_at_id_idx" ON "settlements"("settled_at", "id");

-- AddForeignKey
ALTER TABLE "gift_orders" ADD CONSTRAINT "gift_orders_gift_id_fkey" FOREIGN KEY ("gift_id") REFERENCES "gifts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The amounts Prisma cannot state, kept by the database (triggers, not CHECKs: the WebAssembly schema
-- engine cannot introspect CHECKs, ../shared/design/TOOLCHAIN.md). A gift's price is positive; a gift
-- order's shares sum to what the sender paid; a settlement's payout and fee sum to the captured amount.
CREATE FUNCTION "gift_amounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."price_points" <= 0 THEN
    RAISE EXCEPTION 'gift_price: a gift costs at least 1 point, not %', NEW."price_points"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "gifts_amounts_guard"
  BEFORE INSERT OR UPDATE ON "gifts"
  FOR EACH ROW EXECUTE FUNCTION "gift_amounts_guard"();

CREATE FUNCTION "gift_order_amounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."quantity" <= 0 OR NEW."points" <= 0 OR NEW."coach_share" < 0 OR NEW."platform_share" < 0
     OR NEW."coach_share" + NEW."platform_share" <> NEW."points" THEN
    RAISE EXCEPTION 'gift_order_amounts: % points split as % + %', NEW."points", NEW."coach_share", NEW."platform_share"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "gift_orders_amounts_guard"
  BEFORE INSERT OR UPDATE ON "gift_orders"
  FOR EACH ROW EXECUTE FUNCTION "gift_order_amounts_guard"();

CREATE FUNCTION "settlement_amounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."amount" <= 0 OR NEW."coach_payout" < 0 OR NEW."platform_fee" < 0
     OR NEW."coach_payout" + NEW."platform_fee" <> NEW."amount" THEN
    RAISE EXCEPTION 'settlement_amounts: % split as % + %', NEW."amount", NEW."coach_payout", NEW."platform_fee"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "settlements_amounts_guard"
  BEFORE INSERT OR UPDATE ON "settlements"
  FOR EACH ROW EXECUTE FUNCTION "settlement_amounts_guard"();
