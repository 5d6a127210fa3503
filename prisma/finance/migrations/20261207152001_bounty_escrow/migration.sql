-- AlterEnum
ALTER TYPE "LedgerAccountKind" ADD VALUE 'BOUNTY_ESCROW';

-- AlterEnum
ALTER TYPE "LedgerTransferKind" ADD VALUE 'BOUNTY';

-- A question's escrow never goes below zero either: a payout or return of points it does not hold is
-- refused by the database, as a user's overdraft is (the ledger migration's guard, one kind more).
CREATE OR REPLACE FUNCTION "ledger_account_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."owner" IS DISTINCT FROM OLD."owner" OR NEW."kind" IS DISTINCT FROM OLD."kind"
     OR NEW."unit" IS DISTINCT FROM OLD."unit" THEN
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
