-- Data-subject rights, the export (issue 13): auth records each export a person asked for and the part
-- every data-holding subgraph wrote to the export store, and assembles the archive once all are in.

-- CreateEnum
CREATE TYPE "DataExportStatus" AS ENUM ('REQUESTED', 'READY', 'EXPIRED');

-- CreateTable
CREATE TABLE "data_exports" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "requested_by" UUID NOT NULL,
    "status" "DataExportStatus" NOT NULL DEFAULT 'REQUESTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ready_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "archive_object" TEXT,
    "archive_sha256" TEXT,
    "archive_bytes" INTEGER,

    CONSTRAINT "data_exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_export_parts" (
    "export_id" UUID NOT NULL,
    "subgraph" TEXT NOT NULL,
    "object_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sections" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_export_parts_pkey" PRIMARY KEY ("export_id","subgraph")
);

-- CreateIndex
CREATE INDEX "data_exports_user_id_requested_at_idx" ON "data_exports"("user_id", "requested_at");

-- CreateIndex
CREATE INDEX "data_exports_status_expires_at_idx" ON "data_exports"("status", "expires_at");

-- AddForeignKey
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "res_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_export_parts" ADD CONSTRAINT "data_export_parts_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "data_exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express these). One export in progress per person: two concurrent
-- requests cannot both insert (the second gets the first). A READY export has its archive and expiry.
CREATE UNIQUE INDEX "data_exports_one_requested_per_user"
  ON "data_exports"("user_id") WHERE "status" = 'REQUESTED';
ALTER TABLE "data_exports"
  ADD CONSTRAINT "data_exports_ready_has_archive" CHECK (
    "status" = 'REQUESTED'
    OR ("ready_at" IS NOT NULL AND "expires_at" IS NOT NULL AND "archive_object" IS NOT NULL
        AND "archive_sha256" IS NOT NULL AND "archive_bytes" IS NOT NULL)
  );
