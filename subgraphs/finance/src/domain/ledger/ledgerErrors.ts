import { postgresFailure } from "@health/platform/prisma";

// The names the `ledger` migration's triggers raise (prisma/finance/migrations/*_ledger/migration.sql).

/** An account of a user kind would go below zero. */
export const NO_OVERDRAFT = "ledger_no_overdraft";
/** A transfer's entries do not sum to zero in one unit (raised at commit). */
export const UNBALANCED = "ledger_unbalanced";
/** An UPDATE, DELETE or TRUNCATE of entries or transfers. */
export const APPEND_ONLY = "ledger_append_only";

/** Whether `error` is the database refusing with the trigger named `rule`. */
export const isLedgerRefusal = (error: unknown, rule: string): boolean =>
  postgresFailure(error).text.includes(rule);
