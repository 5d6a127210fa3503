-- Followers on the workbench (issue 11, M03): dynamic's user_followed and user_unfollowed.
-- CreateEnum
CREATE TYPE "FollowChangeKind" AS ENUM ('FOLLOWED', 'UNFOLLOWED');

-- CreateTable
CREATE TABLE "workbench_followers" (
    "coach_id" UUID NOT NULL,
    "follower_id" UUID NOT NULL,
    "following" BOOLEAN NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "workbench_followers_pkey" PRIMARY KEY ("coach_id","follower_id")
);

-- CreateTable
CREATE TABLE "workbench_follow_changes" (
    "event_id" UUID NOT NULL,
    "coach_id" UUID NOT NULL,
    "follower_id" UUID NOT NULL,
    "kind" "FollowChangeKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workbench_follow_changes_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "workbench_followers_coach_id_following_idx" ON "workbench_followers"("coach_id", "following");

-- CreateIndex
CREATE INDEX "workbench_follow_changes_coach_id_at_idx" ON "workbench_follow_changes"("coach_id", "at");
