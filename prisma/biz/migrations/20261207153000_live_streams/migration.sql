-- Live streams (issue 11, M07): a coach schedules, starts and ends a stream.
-- CreateEnum
CREATE TYPE "LiveStreamStatus" AS ENUM ('SCHEDULED', 'LIVE', 'ENDED');

-- CreateTable
CREATE TABLE "live_streams" (
    "id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "LiveStreamStatus" NOT NULL DEFAULT 'SCHEDULED',
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "live_streams_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "live_streams_created_at_id_idx" ON "live_streams"("created_at", "id");

-- CreateIndex
CREATE INDEX "live_streams_status_created_at_id_idx" ON "live_streams"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "live_streams_host_id_created_at_id_idx" ON "live_streams"("host_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "live_streams_host_id_started_at_idx" ON "live_streams"("host_id", "started_at");
