-- CreateEnum
CREATE TYPE "ShopOrderStatus" AS ENUM ('RESERVED', 'PAID', 'FULFILLED', 'DELIVERED', 'EXPIRED', 'CANCELLED');

-- CreateTable
CREATE TABLE "shop_orders" (
    "id" UUID NOT NULL,
    "buyer_id" UUID NOT NULL,
    "status" "ShopOrderStatus" NOT NULL DEFAULT 'RESERVED',
    "total_amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reserved_until" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "shop_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "shop_order_items" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "sku_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_amount" INTEGER NOT NULL,

    CONSTRAINT "shop_order_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shop_orders_buyer_id_created_at_idx" ON "shop_orders"("buyer_id", "created_at");

-- CreateIndex
CREATE INDEX "shop_orders_status_reserved_until_idx" ON "shop_orders"("status", "reserved_until");

-- CreateIndex
CREATE INDEX "shop_orders_created_at_idx" ON "shop_orders"("created_at");

-- CreateIndex
CREATE INDEX "shop_order_items_sku_id_idx" ON "shop_order_items"("sku_id");

-- CreateIndex
CREATE UNIQUE INDEX "shop_order_items_order_id_sku_id_key" ON "shop_order_items"("order_id", "sku_id");

-- AddForeignKey
ALTER TABLE "shop_order_items" ADD CONSTRAINT "shop_order_items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "shop_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shop_order_items" ADD CONSTRAINT "shop_order_items_sku_id_fkey" FOREIGN KEY ("sku_id") REFERENCES "product_skus"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand: a line holds at least one unit and no price or total is negative (rule 6). Triggers,
-- not CHECK constraints: the WebAssembly schema engine that writes migrations here cannot introspect
-- CHECKs (see product_skus_stock_not_negative in the products migration).
CREATE FUNCTION "shop_order_items_valid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."quantity" < 1 OR NEW."unit_price_amount" < 0 THEN
    RAISE EXCEPTION 'shop_order_items_valid: quantity must be 1 or more and the unit price 0 or more'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "shop_order_items_valid"
  BEFORE INSERT OR UPDATE OF "quantity", "unit_price_amount" ON "shop_order_items"
  FOR EACH ROW EXECUTE FUNCTION "shop_order_items_valid"();

CREATE FUNCTION "shop_orders_total_not_negative"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."total_amount" < 0 THEN
    RAISE EXCEPTION 'shop_orders_total_not_negative: the total of order % cannot be below 0', NEW."id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "shop_orders_total_not_negative"
  BEFORE INSERT OR UPDATE OF "total_amount" ON "shop_orders"
  FOR EACH ROW EXECUTE FUNCTION "shop_orders_total_not_negative"();
