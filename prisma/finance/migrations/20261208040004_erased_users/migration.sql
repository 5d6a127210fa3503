-- Data-subject rights (issue 13): the erased people's ids, hashed, so late events make nothing about them;
-- with each one's tombstone, under which a late event settling money already taken still posts.

-- CreateTable
CREATE TABLE "erased_users" (
    "id_sha256" TEXT NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tombstone_id" UUID,

    CONSTRAINT "erased_users_pkey" PRIMARY KEY ("id_sha256")
);
