// What `npm run bench:live` measures, each overridable from the environment (BENCH_*) for a smaller run.

export const COACHES = Number(process.env.BENCH_COACHES ?? 1_000);
export const ORDERS_PER_ROUND = Number(process.env.BENCH_ORDERS ?? 200);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const ATTEMPTS_PER_COACH_PER_ROUND = 10;
/** Open-loop steps of (a): grab attempts offered per second, each held for ARRIVAL_SECONDS. */
export const ARRIVAL_RATES = (process.env.BENCH_ARRIVAL_RATES ?? "250,500,1000,1500").split(",").map(Number);
export const ARRIVAL_SECONDS = Number(process.env.BENCH_ARRIVAL_SECONDS ?? 4);
export const RAW_CONNECTIONS = 20;
export const FANOUT_ROUTER = (process.env.BENCH_FANOUT_ROUTER ?? "1000,5000,10000").split(",").map(Number);
export const FANOUT_BARE = (process.env.BENCH_FANOUT_BARE ?? "1000,5000,10000").split(",").map(Number);
export const BURST_EVENTS = Number(process.env.BENCH_BURST ?? 5);
export const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE ?? 5);
/** Where the router and subgraphs children write V8 CPU profiles (`--cpu-prof`) on exit; unset: none. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
export const PROFILE_ARGS = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
/** Which parts run: `grab` (a), `fanout` (b); default both. */
export const PARTS = new Set((process.env.BENCH_PARTS ?? "grab,fanout").split(","));
export const DELIVERY_TIMEOUT_MS = 60_000;
