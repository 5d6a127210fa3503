-- CreateEnum
CREATE TYPE "GenerationKind" AS ENUM ('COURSE_OUTLINE', 'POST_DRAFT', 'CONSULT_REPLY');

-- CreateEnum
CREATE TYPE "GenerationStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "generation_tasks" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "kind" "GenerationKind" NOT NULL,
    "input" JSONB NOT NULL,
    "status" "GenerationStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider" TEXT,
    "model" TEXT,
    "prompt_version" TEXT NOT NULL,
    "output" TEXT NOT NULL DEFAULT '',
    "idempotency_key" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "published_content" (
    "content_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "published_content_pkey" PRIMARY KEY ("content_id")
);

-- CreateTable
CREATE TABLE "risk_observations" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL DEFAULT 0,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_observations_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "risk_scores" (
    "user_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "model" TEXT NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL,
    "published_band" TEXT NOT NULL DEFAULT 'LOW',

    CONSTRAINT "risk_scores_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "generation_tasks_owner_id_idempotency_key_key" ON "generation_tasks"("owner_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "generation_tasks_owner_id_created_at_id_idx" ON "generation_tasks"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "published_content_author_id_published_at_idx" ON "published_content"("author_id", "published_at" DESC);

-- CreateIndex
CREATE INDEX "risk_observations_user_id_occurred_at_idx" ON "risk_observations"("user_id", "occurred_at");
