-- M18 risk rules, alerts and holds (subgraphs/ops/README.md, "Risk (M18)").
CREATE TYPE "RiskSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');
CREATE TYPE "RiskAlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

CREATE TABLE "risk_alerts" (
    "id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "user_id" UUID,
    "severity" "RiskSeverity" NOT NULL,
    "status" "RiskAlertStatus" NOT NULL DEFAULT 'OPEN',
    "summary" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "open_key" TEXT,
    "hold_id" UUID,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "acknowledged_by" UUID,
    "acknowledged_at" TIMESTAMPTZ(3),
    "resolved_by" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "risk_alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "risk_alerts_open_key_key" ON "risk_alerts"("open_key");
CREATE INDEX "risk_alerts_status_created_at_idx" ON "risk_alerts"("status", "created_at");
CREATE INDEX "risk_alerts_created_at_idx" ON "risk_alerts"("created_at");

CREATE TABLE "risk_signals" (
    "rule" TEXT NOT NULL,
    "signal_key" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "detail" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "risk_signals_pkey" PRIMARY KEY ("rule","signal_key")
);
CREATE INDEX "risk_signals_rule_subject_key_occurred_at_idx" ON "risk_signals"("rule", "subject_key", "occurred_at");

CREATE TABLE "risk_accounts" (
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "risk_accounts_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "risk_holds" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "alert_id" UUID,
    "held_by" UUID,
    "held_at" TIMESTAMPTZ(3) NOT NULL,
    "released_by" UUID,
    "released_at" TIMESTAMPTZ(3),
    CONSTRAINT "risk_holds_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "risk_holds_user_id_released_at_idx" ON "risk_holds"("user_id", "released_at");
