-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('HEALTH_ACTION_RECORDED', 'GOAL_ACHIEVED', 'DEVICE_DATA_SYNCED', 'ORDER_CREATED', 'ORDER_ASSIGNED', 'SERVICE_COMPLETED', 'CONTENT_PUBLISHED', 'QUESTION_ANSWERED', 'POST_LIKED', 'LIVE_STARTED', 'COMMUNITY_CREATED', 'BIZ_ACTIVITY', 'PRODUCT_PURCHASED', 'AD_CLICKED', 'PAYMENT_SUCCESS', 'POINTS_AWARDED', 'GIFT_SENT');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('PUBLIC', 'FOLLOWERS', 'PRIVATE');

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "actor_id" UUID NOT NULL,
    "target_user_id" UUID,
    "type" "ActivityType" NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "visibility" "Visibility" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "source_event_id" UUID NOT NULL,
    "like_count" INTEGER NOT NULL DEFAULT 0,
    "comment_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_likes" (
    "activity_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_likes_pkey" PRIMARY KEY ("activity_id","user_id")
);

-- CreateTable
CREATE TABLE "follows" (
    "follower_id" UUID NOT NULL,
    "followee_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follows_pkey" PRIMARY KEY ("follower_id","followee_id")
);

-- CreateTable
CREATE TABLE "feed_preferences" (
    "user_id" UUID NOT NULL,
    "muted_topics" TEXT[],
    "boosted_topics" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "feed_preferences_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "inbox_events" (
    "event_id" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_events_pkey" PRIMARY KEY ("event_id","consumer")
);

-- CreateIndex
CREATE UNIQUE INDEX "activities_source_event_id_key" ON "activities"("source_event_id");

-- CreateIndex
CREATE INDEX "activities_actor_id_occurred_at_id_idx" ON "activities"("actor_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activities_visibility_occurred_at_idx" ON "activities"("visibility", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "follows_followee_id_created_at_idx" ON "follows"("followee_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "follows_follower_id_created_at_idx" ON "follows"("follower_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "activity_likes" ADD CONSTRAINT "activity_likes_activity_id_fkey" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
