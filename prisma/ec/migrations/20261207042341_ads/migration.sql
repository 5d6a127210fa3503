-- CreateEnum
CREATE TYPE "AdPricingModel" AS ENUM ('CPC', 'CPM');

-- CreateEnum
CREATE TYPE "AdPlacement" AS ENUM ('FEED', 'MALL_HOME', 'LIVE_ROOM');

-- CreateEnum
CREATE TYPE "AdCampaignStatus" AS ENUM ('ACTIVE', 'PAUSED', 'ENDED');

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
CREATE TABLE "ad_campaigns" (
    "id" UUID NOT NULL,
    "advertiser_id" UUID,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "image_url" TEXT,
    "target_url" TEXT NOT NULL,
    "budget_amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "pricing_model" "AdPricingModel" NOT NULL,
    "price_amount" INTEGER NOT NULL,
    "spent_amount" INTEGER NOT NULL DEFAULT 0,
    "billed_impressions" INTEGER NOT NULL DEFAULT 0,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "regions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "placements" "AdPlacement"[],
    "status" "AdCampaignStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_impressions" (
    "campaign_id" UUID NOT NULL,
    "viewer_key" TEXT NOT NULL,
    "window_bucket" INTEGER NOT NULL,
    "placement" "AdPlacement",
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_impressions_pkey" PRIMARY KEY ("campaign_id","viewer_key","window_bucket")
);

-- CreateTable
CREATE TABLE "ad_impression_charges" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "impressions" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "charged_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_impression_charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ad_clicks" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "viewer_key" TEXT NOT NULL,
    "charged" BOOLEAN NOT NULL,
    "charged_amount" INTEGER NOT NULL,
    "clicked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_clicks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE INDEX "ad_campaigns_status_ends_at_idx" ON "ad_campaigns"("status", "ends_at");

-- CreateIndex
CREATE INDEX "ad_campaigns_advertiser_id_created_at_idx" ON "ad_campaigns"("advertiser_id", "created_at");

-- CreateIndex
CREATE INDEX "ad_campaigns_created_at_idx" ON "ad_campaigns"("created_at");

-- CreateIndex
CREATE INDEX "ad_impressions_campaign_id_recorded_at_idx" ON "ad_impressions"("campaign_id", "recorded_at");

-- CreateIndex
CREATE INDEX "ad_impression_charges_campaign_id_charged_at_idx" ON "ad_impression_charges"("campaign_id", "charged_at");

-- CreateIndex
CREATE INDEX "ad_clicks_campaign_id_clicked_at_idx" ON "ad_clicks"("campaign_id", "clicked_at");

-- AddForeignKey
ALTER TABLE "ad_impressions" ADD CONSTRAINT "ad_impressions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "ad_campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_impression_charges" ADD CONSTRAINT "ad_impression_charges_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "ad_campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_clicks" ADD CONSTRAINT "ad_clicks_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "ad_campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A campaign never spends past its budget: charging is a conditional UPDATE (domain/ads), and this is
-- the floor under it. A trigger, not a CHECK constraint: the WebAssembly schema engine that writes
-- migrations here cannot introspect CHECKs (as product_skus_stock_not_negative).
CREATE FUNCTION "ad_campaigns_spent_within_budget"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."spent_amount" < 0 OR NEW."spent_amount" > NEW."budget_amount" THEN
    RAISE EXCEPTION 'ad_campaigns_spent_within_budget: campaign % would spend % of a budget of %',
      NEW."id", NEW."spent_amount", NEW."budget_amount"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ad_campaigns_spent_within_budget"
  BEFORE INSERT OR UPDATE OF "spent_amount", "budget_amount" ON "ad_campaigns"
  FOR EACH ROW EXECUTE FUNCTION "ad_campaigns_spent_within_budget"();
