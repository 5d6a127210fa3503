-- Smart matching's projections (issue 12): coach profiles, levels, ratings and order outcomes.
CREATE TYPE "MatchingOrderStatus" AS ENUM ('ASSIGNED', 'COMPLETED', 'CANCELLED');

CREATE TABLE "matching_coach_profiles" (
    "coach_id" UUID NOT NULL,
    "specialties" TEXT[],
    "regions" TEXT[],
    "capacity" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "matching_coach_profiles_pkey" PRIMARY KEY ("coach_id")
);

CREATE TABLE "matching_coach_levels" (
    "coach_id" UUID NOT NULL,
    "level" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,

    CONSTRAINT "matching_coach_levels_pkey" PRIMARY KEY ("coach_id")
);

CREATE TABLE "matching_ratings" (
    "rating_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,

    CONSTRAINT "matching_ratings_pkey" PRIMARY KEY ("rating_id")
);

CREATE INDEX "matching_ratings_coach_id_idx" ON "matching_ratings"("coach_id");

CREATE TABLE "matching_orders" (
    "order_id" UUID NOT NULL,
    "coach_id" UUID,
    "status" "MatchingOrderStatus" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "matching_orders_pkey" PRIMARY KEY ("order_id")
);

CREATE INDEX "matching_orders_coach_id_status_idx" ON "matching_orders"("coach_id", "status");
