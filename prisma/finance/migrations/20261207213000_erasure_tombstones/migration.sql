-- Data-subject erasure (issue 13) keeps the books whole: ledger entries, transfers, accounts and payments
-- stay (statutory bookkeeping retention: 30 years for ledgers under the PRC Accounting Archives
-- Management Measures), with the erased person's id replaced by their erasure's tombstone id. That
-- replacement is the one change the guards below let through, and only inside a transaction whose
-- erasure named both ids (`finance.erasure_subject`, `finance.erasure_tombstone`, set transaction-local
-- by subgraphs/finance/src/privacy/erase.ts). Amounts, kinds, units and balances still never change, so
-- every transfer still sums to zero and every balance still equals its entries.

-- The id the running erasure replaces, and its replacement; null outside an erasure (so every comparison
-- with them below is coalesced: a null must refuse, never let through).
CREATE FUNCTION "erasure_subject"() RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('finance.erasure_subject', true), '')
$$;
CREATE FUNCTION "erasure_tombstone"() RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('finance.erasure_tombstone', true), '')
$$;

-- `old` becomes `new` as the running erasure rewrites it: equal, or the subject replaced by the tombstone.
CREATE FUNCTION "erasure_rewrite_ok"(old_value TEXT, new_value TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT new_value IS NOT DISTINCT FROM old_value
      OR (erasure_subject() IS NOT NULL AND erasure_tombstone() IS NOT NULL
          AND new_value IS NOT DISTINCT FROM replace(old_value, erasure_subject(), erasure_tombstone()))
$$;

-- An account's owner changes only from the erased person to their tombstone (the bounty_escrow
-- migration's guard otherwise).
CREATE OR REPLACE FUNCTION "ledger_account_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."owner" IS DISTINCT FROM OLD."owner"
      AND NOT coalesce(OLD."owner" = erasure_subject() AND NEW."owner" = erasure_tombstone(), false))
     OR NEW."kind" IS DISTINCT FROM OLD."kind" OR NEW."unit" IS DISTINCT FROM OLD."unit" THEN
    RAISE EXCEPTION 'ledger_account_fixed: an account''s owner, kind and unit never change'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."balance" IS DISTINCT FROM OLD."balance" AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_balance_from_entries: a balance changes only by inserting ledger entries'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."balance" < 0 AND NEW."kind"::text IN ('USER_POINTS', 'USER_CASH', 'COACH_PAYABLE', 'BOUNTY_ESCROW') THEN
    RAISE EXCEPTION 'ledger_no_overdraft: account % (%) would go to % %', NEW."id", NEW."kind", NEW."balance", NEW."unit"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- Transfers stay append-only but for the erasure's rewrite of who they name: the operator who made one
-- (actor_id), and the person's id inside its reason and source reference (`gift:<sender>:<key>`,
-- "gift … to <recipient>"). Entries keep their own trigger: they name accounts, never people.
CREATE FUNCTION "ledger_transfer_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND erasure_subject() IS NOT NULL
     AND NEW."id" = OLD."id" AND NEW."kind" = OLD."kind" AND NEW."created_at" = OLD."created_at"
     AND erasure_rewrite_ok(OLD."actor_id"::text, NEW."actor_id"::text)
     AND erasure_rewrite_ok(OLD."reason", NEW."reason")
     AND erasure_rewrite_ok(OLD."source_ref", NEW."source_ref") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger_append_only: % on % refused; post a correcting transfer instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END $$;

DROP TRIGGER "ledger_transfers_append_only" ON "ledger_transfers";
CREATE TRIGGER "ledger_transfers_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION "ledger_transfer_append_only"();

-- A payment's payer changes only from the erased person to their tombstone (the payments migration's
-- guard otherwise).
CREATE OR REPLACE FUNCTION "payment_amounts_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."amount" <= 0 OR NEW."captured_amount" < 0 OR NEW."refunded_amount" < 0
     OR NEW."captured_amount" > NEW."amount" OR NEW."refunded_amount" > NEW."captured_amount" THEN
    RAISE EXCEPTION 'payment_amounts: amount %, captured %, refunded % out of order', NEW."amount", NEW."captured_amount", NEW."refunded_amount"
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW."amount" <> OLD."amount" OR NEW."currency" <> OLD."currency"
     OR (NEW."payer_id" <> OLD."payer_id"
         AND NOT coalesce(OLD."payer_id"::text = erasure_subject()
                          AND NEW."payer_id"::text = erasure_tombstone(), false))) THEN
    RAISE EXCEPTION 'payment_fixed: a payment''s amount, currency and payer never change'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
