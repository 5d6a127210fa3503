// What `npm run bench:money` measures, each overridable from the environment (BENCH_*) for a smaller run.

const numberOf = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Which parts run: `ledger`, `payments`, `checkout`, `ads`; default all four. */
export const PARTS = new Set((process.env.BENCH_PARTS ?? "ledger,payments,checkout,ads").split(","));

/** Every database client here (Prisma's pool and the raw baselines' pg pool): a subgraph's default. */
export const POOL_SIZE = 10;

/** (1) Random transfers among LEDGER_ACCOUNTS accounts, LEDGER_CONCURRENCY in flight, per path. */
export const LEDGER_TRANSFERS = numberOf("BENCH_LEDGER_TRANSFERS", 5_000);
export const LEDGER_ACCOUNTS = numberOf("BENCH_LEDGER_ACCOUNTS", 100);
/** Below the pool, as finance's ledger stress test runs, so no transaction waits for a connection. */
export const LEDGER_CONCURRENCY = numberOf("BENCH_LEDGER_CONCURRENCY", 8);

/** (2) Closed-loop connections through the router, each row WARMUP then SECONDS long. */
export const PAYMENT_CONCURRENCIES = (process.env.BENCH_PAYMENT_CONCURRENCY ?? "16,64")
  .split(",")
  .map(Number);
export const PAYMENT_SECONDS = numberOf("BENCH_PAYMENT_SECONDS", 10);
export const PAYMENT_WARMUP_SECONDS = numberOf("BENCH_PAYMENT_WARMUP_SECONDS", 3);

/**
 * (3) CHECKOUT_BUYERS place one order of one unit each, all at once, on one SKU of CHECKOUT_STOCK. At
 * 1,000 at once the last buyers wait past the pool's 5 s connect timeout (ec's 30 s maxWait never
 * comes into it) and fail with INTERNAL; on a busy machine 500 with stock for all do too (reported as
 * errors in the table).
 */
export const CHECKOUT_BUYERS = numberOf("BENCH_CHECKOUT_BUYERS", 500);
export const CHECKOUT_STOCK = numberOf("BENCH_CHECKOUT_STOCK", 100);

/** (4) AD_BATCHES batches of AD_BATCH_SIZE impressions over AD_CAMPAIGNS CPM campaigns, AD_CONCURRENCY in flight. */
export const AD_BATCH_SIZE = numberOf("BENCH_AD_BATCH_SIZE", 500);
export const AD_BATCHES = numberOf("BENCH_AD_BATCHES", 100);
export const AD_CAMPAIGNS = numberOf("BENCH_AD_CAMPAIGNS", 10);
export const AD_CONCURRENCY = numberOf("BENCH_AD_CONCURRENCY", 4);
