-- The audit log (M18): append-only, hash-chained (subgraphs/ops/README.md, "Audit log").
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" TEXT,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "event_id" UUID,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "audit_log_sequence_key" ON "audit_log"("sequence");
CREATE UNIQUE INDEX "audit_log_event_id_key" ON "audit_log"("event_id");
CREATE INDEX "audit_log_actor_id_sequence_idx" ON "audit_log"("actor_id", "sequence");
CREATE INDEX "audit_log_subject_type_subject_id_sequence_idx" ON "audit_log"("subject_type", "subject_id", "sequence");
CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log"("occurred_at");

-- The chain's newest row; appends lock it FOR UPDATE, so sequence numbers are taken one at a time.
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "sequence" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- The genesis: sequence 0 and 64 zeros, the previous hash of row 1.
INSERT INTO "audit_chain_head" ("id", "sequence", "hash")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only, enforced by the database for every role that does not bypass triggers. A superuser
-- who disables them (or sets session_replication_role = replica) can still change rows:
-- verifyAuditChain is what finds that. The platform runs every subgraph as one database role today, so
-- there is no separate application role to REVOKE UPDATE/DELETE from; when one is introduced, revoke
-- UPDATE, DELETE and TRUNCATE on audit_log from it, and DELETE and TRUNCATE on audit_chain_head.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log_append_only: % on % is refused; the audit log is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();

-- The head only moves forward, one sequence number at a time, and is never removed.
CREATE FUNCTION "audit_chain_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW."id" <> OLD."id" OR NEW."sequence" <> OLD."sequence" + 1 THEN
    RAISE EXCEPTION 'audit_chain_head_forward_only: the chain head only advances by one row'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "audit_chain_head_forward_only"
  BEFORE UPDATE OR DELETE ON "audit_chain_head"
  FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_forward_only"();
CREATE TRIGGER "audit_chain_head_no_truncate"
  BEFORE TRUNCATE ON "audit_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
