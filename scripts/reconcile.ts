// npm run reconcile -- --date YYYY-MM-DD: the finance subgraph's daily reconciliation of one UTC day
// (subgraphs/finance/README.md, "Daily reconciliation"), run by an operator. It connects to finance's
// database from finance's own configuration (DATABASE_URL_FINANCE, else the local default), repairs what
// is safe, flags the rest, stores the run's report and prints it. A second run over a day finds nothing new.
import { ConfigError, loadConfig } from "@health/platform/config";
import { AppError } from "@health/platform/errors";
import { createLogger } from "@health/platform/logging";
import { createPrismaClient, isDatabaseUnavailable } from "@health/platform/prisma";
import { financeConfigSchema, ratesOf, reconciliationSettingsOf } from "../subgraphs/finance/src/config.ts";
import { dayOf, yesterdayOf } from "../subgraphs/finance/src/domain/reconciliation/day.ts";
import { reconcileDay } from "../subgraphs/finance/src/domain/reconciliation/reconcile.ts";
import { PrismaClient } from "../subgraphs/finance/src/generated/prisma/client.ts";
import { paymentProviderOf } from "../subgraphs/finance/src/paymentProvider.ts";
import { textTable } from "./textTable.ts";

const USAGE = `Usage:
  npm run reconcile -- --date YYYY-MM-DD     reconcile that UTC day (e.g. --date ${yesterdayOf(new Date())}, yesterday)
Finance's database comes from DATABASE_URL_FINANCE (or DATABASE_URL), as the finance subgraph reads it.`;

class UsageError extends Error {}

/** The --date argument, checked before anything connects. */
function parseReconcileArgs(args: string[], now: Date): string {
  let date: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--date") {
      date = args[++i];
      if (date === undefined) throw new UsageError("--date needs a value: --date YYYY-MM-DD");
    } else if (arg.startsWith("--date=")) {
      date = arg.slice("--date=".length);
    } else {
      throw new UsageError(`Unknown argument: ${arg}`);
    }
  }
  if (date === undefined) throw new UsageError("Missing --date: say which UTC day to reconcile.");
  try {
    return dayOf(date, now).date;
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(`--date: ${error.message}`);
    throw error;
  }
}

type Report = NonNullable<Awaited<ReturnType<typeof reconcileDay>>>;

function printReport(report: Report): void {
  console.log(
    `Reconciled ${report.date.toISOString().slice(0, 10)}: ${report.ordersCompared} order(s), ${report.paymentsCompared} payment(s) compared; ` +
      `${report.found} new (${report.repaired} repaired, ${report.flagged} flagged), ${report.alreadyFlagged} flagged before.`,
  );
  const counts = report.counts as Array<{ kind: string; found: number; repaired: number; flagged: number }>;
  if (counts.length > 0) {
    console.log(
      `\n${textTable([["kind", "found", "repaired", "flagged"], ...counts.map((c) => [c.kind, String(c.found), String(c.repaired), String(c.flagged)])])}`,
    );
  }
  const items = report.items as Array<{
    kind: string;
    action: string;
    orderId: string | null;
    paymentId: string | null;
    detail: string;
  }>;
  if (items.length > 0) {
    console.log(
      `\n${textTable([["action", "kind", "order", "payment", "detail"], ...items.map((i) => [i.action, i.kind, i.orderId ?? "-", i.paymentId ?? "-", i.detail])])}`,
    );
  }
}

async function main(args: string[]): Promise<void> {
  const now = new Date();
  const date = parseReconcileArgs(args, now);
  const config = loadConfig(financeConfigSchema, process.env);
  const logger = createLogger("reconcile");
  const db = createPrismaClient(PrismaClient, config.DATABASE_URL, { maxConnections: 4 });
  try {
    const { payments } = paymentProviderOf(db, config, logger);
    const deps = { db, payments, rates: ratesOf(config), reconciliation: reconciliationSettingsOf(config) };
    const report = await reconcileDay(deps, date, now, "COMMAND");
    if (report) printReport(report);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      throw new Error(
        `Finance's database is not reachable at ${new URL(config.DATABASE_URL).host} ` +
          "(set DATABASE_URL_FINANCE, or start Postgres; npm run db:migrate creates it).",
      );
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
