-- CreateTable
CREATE TABLE "shared_activity_reads" (
    "activity_id" UUID NOT NULL,
    "reader_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "first_read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reads" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "shared_activity_reads_pkey" PRIMARY KEY ("activity_id","reader_id")
);

-- CreateIndex
CREATE INDEX "shared_activity_reads_owner_id_last_read_at_idx" ON "shared_activity_reads"("owner_id", "last_read_at" DESC);
