-- The audit log's pseudonyms (issue 13): from this migration on, every user id an audit row names (its
-- actor; its subject when the subject is a User; every "<role>Id" of a person in its details, at any
-- depth) is written as that person's pseudonym, created on first use in the append's transaction, and
-- hashed as such. Reads map pseudonyms back through this table. Erasing a person deletes their row here:
-- the audit rows never change (the chain still verifies), and their pseudonym becomes a tombstone no one
-- can link back to them.
--
-- Rows appended BEFORE this migration (a development database) keep the raw user ids they were hashed
-- with: rewriting them would break the chain, so an erasure cannot remove those ids.
CREATE TABLE "audit_subjects" (
    "user_id" UUID NOT NULL,
    "pseudonym" UUID NOT NULL,

    CONSTRAINT "audit_subjects_pkey" PRIMARY KEY ("user_id")
);

CREATE UNIQUE INDEX "audit_subjects_pseudonym_key" ON "audit_subjects"("pseudonym");

-- Erased people, by the SHA-256 of their id (never the id): an event about them that reaches the audit
-- log after their erasure (auth's own erasure event, a late delivery) is written under their erasure's
-- tombstone id instead of a fresh pseudonym that would link them to it again.
CREATE TABLE "audit_erased_subjects" (
    "user_hash" TEXT NOT NULL,
    "tombstone_id" UUID NOT NULL,

    CONSTRAINT "audit_erased_subjects_pkey" PRIMARY KEY ("user_hash")
);
