-- CreateEnum
CREATE TYPE "HealthMetric" AS ENUM ('WEIGHT', 'BLOOD_PRESSURE', 'GLUCOSE', 'HEART_RATE', 'STEPS', 'SLEEP');

-- CreateEnum
CREATE TYPE "HealthActionType" AS ENUM ('WORKOUT', 'MEAL', 'MEDICATION', 'MEDITATION', 'WATER', 'OTHER');

-- CreateEnum
CREATE TYPE "GoalDirection" AS ENUM ('AT_LEAST', 'AT_MOST');

-- CreateEnum
CREATE TYPE "DeviceType" AS ENUM ('SMARTWATCH', 'FITNESS_TRACKER', 'SCALE', 'BLOOD_PRESSURE_MONITOR', 'GLUCOSE_METER', 'OTHER');

-- CreateEnum
CREATE TYPE "AccessRole" AS ENUM ('OWNER', 'ADMIN', 'COACH', 'USER');

-- CreateEnum
CREATE TYPE "HealthResource" AS ENUM ('HEALTH_RECORDS', 'HEALTH_ACTIONS', 'HEALTH_GOALS', 'ASSESSMENTS', 'DEVICE_BINDINGS');

-- CreateEnum
CREATE TYPE "AccessOutcome" AS ENUM ('ALLOWED', 'DENIED');

-- CreateTable
CREATE TABLE "health_records" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "metric" "HealthMetric" NOT NULL,
    "value" DECIMAL(10,2) NOT NULL,
    "unit" TEXT NOT NULL,
    "systolic" INTEGER,
    "diastolic" INTEGER,
    "source" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_actions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" "HealthActionType" NOT NULL,
    "note" TEXT,
    "duration_minutes" INTEGER,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_goals" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "metric" "HealthMetric" NOT NULL,
    "target" DECIMAL(10,2) NOT NULL,
    "direction" "GoalDirection" NOT NULL,
    "deadline" TIMESTAMPTZ(3),
    "achieved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "health_goals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_bindings" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "device_type" "DeviceType" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "bound_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_bindings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "bmi" DECIMAL(5,1) NOT NULL,
    "bmi_category" TEXT NOT NULL,
    "risk_score" INTEGER NOT NULL,
    "risk_category" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_grants" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "metrics" "HealthMetric"[],
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_data_access_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID NOT NULL,
    "actor_role" "AccessRole" NOT NULL,
    "owner_id" UUID NOT NULL,
    "resource" "HealthResource" NOT NULL,
    "metric" "HealthMetric",
    "outcome" "AccessOutcome" NOT NULL,
    "reason" TEXT NOT NULL,
    "grant_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_data_access_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "health_records_user_id_metric_recorded_at_id_idx" ON "health_records"("user_id", "metric", "recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "health_records_user_id_recorded_at_id_idx" ON "health_records"("user_id", "recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "health_actions_user_id_occurred_at_idx" ON "health_actions"("user_id", "occurred_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "health_goals_user_id_metric_key" ON "health_goals"("user_id", "metric");

-- CreateIndex
CREATE UNIQUE INDEX "device_bindings_user_id_external_id_key" ON "device_bindings"("user_id", "external_id");

-- CreateIndex
CREATE INDEX "assessments_user_id_created_at_idx" ON "assessments"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "consent_grants_owner_id_idx" ON "consent_grants"("owner_id");

-- CreateIndex
CREATE INDEX "consent_grants_coach_id_owner_id_idx" ON "consent_grants"("coach_id", "owner_id");

-- CreateIndex
CREATE INDEX "health_data_access_log_owner_id_occurred_at_idx" ON "health_data_access_log"("owner_id", "occurred_at" DESC);
