-- An owner's consent to AI analysis (issue 12), and the access log's "read through ai" marker.
CREATE TABLE "ai_consent_grants" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "metrics" "HealthMetric"[],
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_consent_grants_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ai_consent_grants_owner_id_idx" ON "ai_consent_grants"("owner_id");

ALTER TABLE "health_data_access_log" ADD COLUMN "via" TEXT;
