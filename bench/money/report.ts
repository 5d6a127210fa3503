// The markdown tables `npm run bench:money` prints, one per part, each row against the part's baseline.
import { fmt } from "../live/format.ts";
import type { AdResults } from "./adImpressions.ts";
import type { CheckoutResults, CheckoutRun } from "./checkout.ts";
import type { LoopResult } from "./closedLoop.ts";
import type { LedgerResults } from "./ledger.ts";
import type { PaymentOperation, PaymentRow } from "./payments.ts";
import {
  AD_BATCH_SIZE,
  AD_BATCHES,
  AD_CAMPAIGNS,
  AD_CONCURRENCY,
  CHECKOUT_BUYERS,
  LEDGER_ACCOUNTS,
  LEDGER_CONCURRENCY,
  LEDGER_TRANSFERS,
  PAYMENT_SECONDS,
  PAYMENT_WARMUP_SECONDS,
  POOL_SIZE,
} from "./settings.ts";

const ratio = (value: number, baseline: number) => `${fmt(value / baseline, 2)}×`;
const mark = (ok: boolean) => (ok ? "✔" : "✘");
const latency = (loop: LoopResult<string>) => `${fmt(loop.p50Ms, 1)} / ${fmt(loop.p99Ms, 1)} ms`;
const errors = (loop: LoopResult<string>) =>
  loop.outcomes.error ? ` (${fmt(loop.outcomes.error)} errors, first: \`${loop.firstError}\`)` : "";

export function ledgerTable(r: LedgerResults): string {
  const row = (label: string, loop: LoopResult<"posted">) =>
    `| ${label} | ${fmt(loop.perSecond)}${errors(loop)} | ${latency(loop)} | ${ratio(loop.perSecond, r.raw.perSecond)} |`;
  return `### (1) Ledger transfers, ${fmt(LEDGER_TRANSFERS)} random transfers among ${LEDGER_ACCOUNTS} funded accounts per path, ${LEDGER_CONCURRENCY} in flight

One fresh finance database; a pool of ${POOL_SIZE} connections per client; each path after 200 unmeasured transfers. Baseline: the statements \`transfer()\` sends (the transfer row, then both entries in one INSERT; the schema's triggers still move the balances under the accounts' row locks and check the transfer balances at commit), sent over raw pg in BEGIN … COMMIT, without the finance code path (no Prisma, no legs check).

| path | transfers/s | p50 / p99 per transfer | vs baseline |
| --- | --: | --: | --: |
${row("finance `transfer()` in `db.$transaction` (Prisma interactive transaction over the pg adapter)", r.domain)}
${row("**baseline**: raw pg, the same INSERTs on the same tables", r.raw)}
${row("raw pg on trigger-free copies of the tables: transfer row + entries + two balance UPDATEs (account-id order), nothing enforced", r.plain)}

After the \`transfer()\` run the books balance (Σ balances = 0, no user account below 0, every balance = Σ of its entries): ${mark(r.booksBalance)}`;
}

const OPERATION_LABEL: Record<PaymentOperation, string> = {
  typename: "`{ __typename }` (the router alone)",
  pointsBalance: "**baseline**: `pointsBalance` (router → finance, one read)",
  createPayment: "`createPayment` (fresh idempotency key)",
};

export function paymentsTable(rows: readonly PaymentRow[]): string {
  const lines = rows.map((row) => {
    const baseline = rows.find((r) => r.operation === "pointsBalance" && r.concurrency === row.concurrency);
    const l = row.load;
    const b = baseline?.load;
    return `| ${row.concurrency} | ${OPERATION_LABEL[row.operation]} | ${fmt(l.requestsPerSecond)} | ${fmt(l.p50Ms)} / ${fmt(l.p95Ms)} / ${fmt(l.p99Ms)} ms | ${b ? ratio(l.p99Ms, b.p99Ms) : "–"} | ${b ? ratio(l.requestsPerSecond, b.requestsPerSecond) : "–"} | ${fmt(l.failures)} | ${row.written === null ? "–" : `${fmt(row.written)} (${fmt(row.written / PAYMENT_SECONDS)}/s; ≈ ${fmt(Math.max(0, l.requestsPerSecond * PAYMENT_SECONDS - row.written))} answers were errors)`} | ${fmt(row.platformCores, 2)} |`;
  });
  const unhandled = rows.filter((row) => row.unhandledRejections > 0);
  const unhandledNote =
    unhandled.length === 0
      ? "No promise rejection went unhandled in the platform's process."
      : `Promise rejections no code handled in the platform's process (each would have ended it): ${unhandled
          .map((row) => `${fmt(row.unhandledRejections)} during ${row.operation} at ${row.concurrency}`)
          .join(", ")}; the first: \`${unhandled[0]!.firstUnhandled}\`.`;
  return `### (2) Payments through the router, closed loop (${PAYMENT_WARMUP_SECONDS} s warm-up + ${PAYMENT_SECONDS} s per row)

The router e2e tests' platform (\`startPlatform({ finance: true })\`: auth, user, dynamic, trade, finance and the router in one child process, so on one event loop, run from source by tsx; each subgraph over its own fresh database); autocannon here, each connection sending as soon as it has its answer, with one registered payer per connection (taken in turn) so the router's in-flight sharing of identical reads never answers two requests with one. A payment is written CREATED with its idempotency record and authorized by the local provider in one transaction; the provider's webhook (200 ms later) moves it to AUTHORIZED in the same process while the load runs. Baseline: \`pointsBalance\`, a trivial read through the same router and finance at the same concurrency. GraphQL errors come back as 200: "payments written" (counted in finance's database) says how many answers were payments.

| connections | operation | req/s | p50 / p95 / p99 | p99 vs baseline | req/s vs baseline | failures (non-2xx) | payments written | platform process CPU (cores) |
| --: | --- | --: | --: | --: | --: | --: | --: | --: |
${lines.join("\n")}

${unhandledNote}`;
}

export function checkoutTable(r: CheckoutResults): string {
  const row = (label: string, run: CheckoutRun, expected: number) => {
    const reserved = run.loop.outcomes.reserved ?? 0;
    return `| ${label} | ${fmt(run.stock)} | ${fmt(reserved)} ${mark(reserved === expected && run.stockLeft === run.stock - expected)} / ${fmt(run.loop.outcomes.conflict ?? 0)}${errors(run.loop)} | ${fmt(run.stockLeft)} | ${fmt(run.loop.perSecond)} | ${fmt(reserved / run.loop.seconds)} | ${latency(run.loop)} | ${ratio(run.loop.perSecond, r.ample.loop.perSecond)} |`;
  };
  return `### (3) Checkout: ${fmt(CHECKOUT_BUYERS)} buyers at once, one unit each, on one SKU

ec's \`placeShopOrder\` called as its resolver calls it (no HTTP): the placement, i.e. the reservation (order RESERVED, the SKU's conditional UPDATE, inventory_updated in the outbox, one transaction); payment follows asynchronously and is not measured. One fresh ec database, pools of ${POOL_SIZE}; a warm-up run first. Baseline: the same on a SKU with stock for every buyer (no stock-out; the buyers still queue on the SKU's row lock). "Answered/s" counts reservations and refusals.

| path | stock | reserved (= min(stock, buyers)) / CONFLICT | stock left | answered/s | reserved/s | p50 / p99 per buyer | answered/s vs baseline |
| --- | --: | --: | --: | --: | --: | --: | --: |
${row("**baseline**: `placeShopOrder`, stock for all", r.ample, Math.min(r.ample.stock, CHECKOUT_BUYERS))}
${row("`placeShopOrder`, stock contention", r.contended, Math.min(r.contended.stock, CHECKOUT_BUYERS))}
${row("raw pg: `UPDATE product_skus SET stock = stock - 1 WHERE id = $1 AND stock >= 1` alone (autocommit)", r.raw, Math.min(r.raw.stock, CHECKOUT_BUYERS))}`;
}

export function adsTable(r: AdResults): string {
  const perSecond = (loop: LoopResult<string>) => loop.perSecond * AD_BATCH_SIZE;
  const row = (label: string, loop: LoopResult<"recorded">) =>
    `| ${label} | ${fmt(perSecond(loop))}${errors(loop)} | ${latency(loop)} | ${ratio(perSecond(loop), perSecond(r.raw))} |`;
  const expected = AD_BATCHES * AD_BATCH_SIZE;
  return `### (4) Ad impressions: ${fmt(AD_BATCHES)} batches of ${fmt(AD_BATCH_SIZE)} over ${AD_CAMPAIGNS} CPM campaigns, ${AD_CONCURRENCY} batches in flight

Each impression by a new device (every one counts, every batch charges its campaigns); the same rows for both paths, each after a few unmeasured batches; one fresh ec database, pools of ${POOL_SIZE}. Baseline: one raw multi-row \`INSERT … VALUES\` of the batch's rows into the same \`ad_impressions\` table (into the previous window, so the keys never meet): no dedupe, no charge, no transaction.

| path | impressions/s | p50 / p99 per batch | vs baseline |
| --- | --: | --: | --: |
${row("`recordImpressionBatch(db, records, now, windowMs)`", r.domain)}
${row("**baseline**: raw multi-row INSERT", r.raw)}

Counted by \`recordImpressionBatch\`: ${fmt(r.counted)} of ${fmt(expected)} ${mark(r.counted === expected)}.`;
}
