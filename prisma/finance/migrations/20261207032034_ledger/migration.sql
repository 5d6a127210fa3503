-- CreateEnum
CREATE TYPE "LedgerAccountKind" AS ENUM ('USER_POINTS', 'USER_CASH', 'COACH_PAYABLE', 'PLATFORM_REVENUE', 'PLATFORM_FEES', 'PROVIDER_CLEARING', 'POINTS_ISSUANCE');

-- CreateEnum
CREATE TYPE "LedgerTransferKind" AS ENUM ('POINTS_AWARD', 'POINTS_ADJUSTMENT', 'TRANSFER');

-- CreateTable
CREATE TABLE "ledger_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner" TEXT NOT NULL,
    "kind" "LedgerAccountKind" NOT NULL,
    "unit" TEXT NOT NULL,
    "balance" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_transfers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "LedgerTransferKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "source_ref" TEXT,
    "actor_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "transfer_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "amount" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_accounts_owner_kind_unit_key" ON "ledger_accounts"("owner", "kind", "unit");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_transfers_source_ref_key" ON "ledger_transfers"("source_ref");

-- CreateIndex
CREATE INDEX "ledger_entries_account_id_created_at_id_idx" ON "ledger_entries"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "ledger_entries_transfer_id_idx" ON "ledger_entries"("transfer_id");

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "ledger_transfers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "ledger_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger's rules, enforced by the database so that no code path (a bug, a script, a race) can break
-- them (issue 19). Triggers, not CHECK constraints: the WebAssembly schema engine that writes migrations
-- here cannot introspect CHECKs (../shared/design/TOOLCHAIN.md). Each raises a named error that the
-- domain recognises (subgraphs/finance/src/domain/ledger/ledgerErrors.ts).

-- Entries and transfers are append-only: a correction is a new transfer, never an edit.
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_append_only: % on % refused; post a correcting transfer instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER "ledger_entries_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_entries_no_truncate"
  BEFORE TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_transfers_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_transfers_no_truncate"
  BEFORE TRUNCATE ON "ledger_transfers"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();

-- An entry moves a non-zero amount, and moves its account's balance with it in the same statement:
-- `balance = balance + amount` takes the account's row lock, so concurrent transfers on one account
-- serialize there and never read-then-write. The domain inserts a transfer's entries in account-id
-- order, so two transfers always lock shared accounts in the same order (no deadlock).
CREATE FUNCTION "ledger_entry_nonzero"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."amount" = 0 THEN
    RAISE EXCEPTION 'ledger_entry_nonzero: an entry must move a non-zero amount' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_entries_nonzero"
  BEFORE INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_nonzero"();

CREATE FUNCTION "ledger_entry_moves_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ledger_accounts" SET "balance" = "balance" + NEW."amount" WHERE "id" = NEW."account_id";
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_entries_move_balance"
  AFTER INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_moves_balance"();

-- A balance changes only through an entry (the trigger above, one level down), so it always equals the
-- sum of its entries; an account's owner, kind and unit never change; and an account of a user kind
-- never goes below zero: the refusal comes from here, under the row lock, not from a pre-check.
CREATE FUNCTION "ledger_account_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF NEW."balance" < 0 AND NEW."kind" IN ('USER_POINTS', 'USER_CASH', 'COACH_PAYABLE') THEN
    RAISE EXCEPTION 'ledger_no_overdraft: account % (%) would go to % %', NEW."id", NEW."kind", NEW."balance", NEW."unit"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_accounts_guard"
  BEFORE UPDATE ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "ledger_account_guard"();

CREATE FUNCTION "ledger_account_opens_empty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."balance" <> 0 THEN
    RAISE EXCEPTION 'ledger_balance_from_entries: an account opens at 0; its balance comes from entries'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "ledger_accounts_open_empty"
  BEFORE INSERT ON "ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "ledger_account_opens_empty"();

-- Every transfer is balanced at commit: at least two entries, all in one unit, summing to zero.
-- Deferred, so the entries of one transfer can be inserted one statement at a time.
CREATE FUNCTION "ledger_transfer_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  transfer UUID;
  total NUMERIC;
  entries INTEGER;
  units INTEGER;
BEGIN
  -- One function for both tables; each branch names only its own table's column (plpgsql plans lazily).
  IF TG_TABLE_NAME = 'ledger_entries' THEN transfer := NEW."transfer_id"; ELSE transfer := NEW."id"; END IF;
  SELECT COALESCE(SUM(e."amount"), 0), COUNT(*), COUNT(DISTINCT a."unit")
    INTO total, entries, units
    FROM "ledger_entries" e JOIN "ledger_accounts" a ON a."id" = e."account_id"
   WHERE e."transfer_id" = transfer;
  IF entries < 2 OR total <> 0 OR units <> 1 THEN
    RAISE EXCEPTION 'ledger_unbalanced: transfer % has % entries summing to % over % units', transfer, entries, total, units
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ledger_entries_balanced"
  AFTER INSERT ON "ledger_entries" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "ledger_transfer_balanced"();
CREATE CONSTRAINT TRIGGER "ledger_transfers_balanced"
  AFTER INSERT ON "ledger_transfers" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "ledger_transfer_balanced"();
