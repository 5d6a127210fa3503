-- CreateEnum
CREATE TYPE "ChatMessageKind" AS ENUM ('USER', 'SYSTEM');

-- CreateTable
CREATE TABLE "chat_rooms" (
    "stream_id" UUID NOT NULL,
    "slow_mode_seconds" INTEGER,
    "last_seq" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "chat_rooms_pkey" PRIMARY KEY ("stream_id")
);

-- CreateTable
CREATE TABLE "chat_messages" (
    "id" UUID NOT NULL,
    "stream_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "sender_id" UUID NOT NULL,
    "kind" "ChatMessageKind" NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" UUID,
    "deleted_seq" BIGINT,

    CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_members" (
    "stream_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "moderator" BOOLEAN NOT NULL DEFAULT false,
    "muted_until" TIMESTAMPTZ(3),
    "banned_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_members_pkey" PRIMARY KEY ("stream_id","user_id")
);

-- CreateIndex
CREATE INDEX "chat_messages_stream_id_deleted_seq_idx" ON "chat_messages"("stream_id", "deleted_seq");

-- CreateIndex
CREATE UNIQUE INDEX "chat_messages_stream_id_seq_key" ON "chat_messages"("stream_id", "seq");
