-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ModeratedKind" ADD VALUE 'QUESTION';
ALTER TYPE "ModeratedKind" ADD VALUE 'ANSWER';

-- AlterTable
ALTER TABLE "answers" ADD COLUMN     "moderation" "ModerationStatus" NOT NULL DEFAULT 'PUBLISHED',
ADD COLUMN     "removal_reason" TEXT;

-- AlterTable
ALTER TABLE "questions" ADD COLUMN     "moderation" "ModerationStatus" NOT NULL DEFAULT 'PUBLISHED',
ADD COLUMN     "removal_reason" TEXT;
