-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('ORDER_ASSIGNED', 'SERVICE_COMPLETED', 'NEW_FOLLOWER', 'LIVE_STARTED', 'GIFT_RECEIVED', 'PAYMENT_SUCCEEDED', 'PAYMENT_FAILED', 'POINTS_AWARDED', 'ANNOUNCEMENT');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('IN_APP', 'PUSH', 'SMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "NotificationSegment" AS ENUM ('ALL_USERS', 'COACHES', 'FOLLOWERS_OF', 'USERS');

-- CreateEnum
CREATE TYPE "NotificationSendStatus" AS ENUM ('QUEUED', 'SENDING', 'DONE');

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "actor_id" UUID,
    "source_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_preferences" (
    "user_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("user_id","kind","channel")
);

-- CreateTable
CREATE TABLE "outbound_messages" (
    "id" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "recipient_id" UUID NOT NULL,
    "source_key" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_audience" (
    "user_id" UUID NOT NULL,
    "is_coach" BOOLEAN NOT NULL DEFAULT false,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_audience_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "notification_follows" (
    "followee_id" UUID NOT NULL,
    "follower_id" UUID NOT NULL,
    "following" BOOLEAN NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "notification_follows_pkey" PRIMARY KEY ("followee_id","follower_id")
);

-- CreateTable
CREATE TABLE "notification_sends" (
    "id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "segment" "NotificationSegment" NOT NULL,
    "coach_id" UUID,
    "user_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "actor_id" UUID,
    "sent_by" UUID,
    "status" "NotificationSendStatus" NOT NULL DEFAULT 'QUEUED',
    "cursor" UUID,
    "recipient_count" INTEGER NOT NULL DEFAULT 0,
    "delivered_count" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_sends_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_id_idx" ON "notifications"("recipient_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_recipient_id_source_key_key" ON "notifications"("recipient_id", "source_key");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_messages_channel_recipient_id_source_key_key" ON "outbound_messages"("channel", "recipient_id", "source_key");

-- CreateIndex
CREATE INDEX "notification_audience_is_coach_user_id_idx" ON "notification_audience"("is_coach", "user_id");

-- CreateIndex
CREATE INDEX "notification_follows_followee_id_following_follower_id_idx" ON "notification_follows"("followee_id", "following", "follower_id");

-- CreateIndex
CREATE INDEX "notification_sends_status_created_at_idx" ON "notification_sends"("status", "created_at");
