// npm run bench:money: the money paths, each against a baseline measured in the same run. Prints
// markdown tables; asserts nothing. Every database it makes is fresh and dropped at the end.
//
// (1) Ledger transfers/s: finance's transfer() vs the same double-entry INSERTs in raw SQL.
// (2) Payment p50/p95/p99 and req/s through the router at each concurrency: createPayment vs
//     pointsBalance (and { __typename }), the platform in a child process.
// (3) Checkout under stock contention: placeShopOrder (the reservation) on one SKU, all buyers at
//     once, vs the same with stock for all and a raw conditional UPDATE.
// (4) Ad impressions/s: recordImpressionBatch vs a raw multi-row INSERT of the same rows.
//
// BENCH_PARTS (ledger,payments,checkout,ads) picks parts; settings.ts lists the sizes (BENCH_*).
import { loadavg } from "node:os";
import { elapsed, fmt } from "../live/format.ts";
import { benchAdImpressions } from "./adImpressions.ts";
import { benchCheckout } from "./checkout.ts";
import { benchLedger } from "./ledger.ts";
import { benchPayments } from "./payments.ts";
import { adsTable, checkoutTable, ledgerTable, paymentsTable } from "./report.ts";
import { PARTS } from "./settings.ts";

const loadAverage = () =>
  loadavg()
    .map((x) => fmt(x, 2))
    .join(" ");

const PARTS_IN_ORDER: Array<[string, () => Promise<string>]> = [
  ["ledger", async () => ledgerTable(await benchLedger())],
  ["payments", async () => paymentsTable(await benchPayments())],
  ["checkout", async () => checkoutTable(await benchCheckout())],
  ["ads", async () => adsTable(await benchAdImpressions())],
];

async function main() {
  const started = Date.now();
  const tables: string[] = [];
  const loadAtStart = loadAverage();
  for (const [part, bench] of PARTS_IN_ORDER) {
    if (!PARTS.has(part)) continue;
    try {
      tables.push(await bench());
      console.error(tables.at(-1));
    } catch (error) {
      console.error(`${part} failed:`, error);
      tables.push(`${part} failed: \`${String(error).slice(0, 300)}\``);
      process.exitCode = 1;
    }
    console.error(`${part} done at ${elapsed(started)}`);
  }
  console.log(
    `## bench:money, ${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart} at the start, ${loadAverage()} at the end, ${elapsed(started)}\n`,
  );
  console.log(tables.join("\n\n"));
}

await main();
