-- Analytics (M17): daily figures computed from events (subgraphs/ops/README.md, "Analytics").
CREATE TABLE "analytics_days" (
    "day" DATE NOT NULL,
    "orders_created" INTEGER NOT NULL DEFAULT 0,
    "orders_completed" INTEGER NOT NULL DEFAULT 0,
    "orders_cancelled" INTEGER NOT NULL DEFAULT 0,
    "shop_orders_paid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_days_pkey" PRIMARY KEY ("day")
);

CREATE TABLE "analytics_gmv" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "payments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_gmv_pkey" PRIMARY KEY ("day","currency")
);

CREATE TABLE "analytics_day_users" (
    "day" DATE NOT NULL,
    "role" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,

    CONSTRAINT "analytics_day_users_pkey" PRIMARY KEY ("day","role","user_id")
);
