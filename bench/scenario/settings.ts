// What `npm run bench:scenario` does, each overridable from the environment (BENCH_SCENARIO_*).

const numbers = (text: string) => text.split(",").map(Number);

/** Target operations per second of each ramp step (open loop: arrivals at this rate, whatever the answers). */
export const RATES = numbers(process.env.BENCH_SCENARIO_RATES ?? "10,20,40,80,120,160,240,320");
/** Seconds each ramp step lasts (its arrivals); the answers still in flight at its end are waited for. */
export const STEP_SECONDS = Number(process.env.BENCH_SCENARIO_STEP_SECONDS ?? 40);
/** Unmeasured seconds at the first rate before the ramp (warms JIT, pools, plan caches). */
export const WARM_UP_SECONDS = Number(process.env.BENCH_SCENARIO_WARM_UP_SECONDS ?? 10);
/** Users (registered through the router), coaches (applied and approved), courses, products. */
export const USERS = Number(process.env.BENCH_SCENARIO_USERS ?? 120);
export const COACHES = Number(process.env.BENCH_SCENARIO_COACHES ?? 20);
export const COURSES = Number(process.env.BENCH_SCENARIO_COURSES ?? 10);
export const PRODUCTS = Number(process.env.BENCH_SCENARIO_PRODUCTS ?? 10);
/** Each user follows this many coaches, so that feeds have something in them. */
export const FOLLOWS_PER_USER = 3;

/** The seed's targets: every operation's p99 under this, and errors under ERROR_TARGET. */
export const P99_TARGET_MS = 200;
export const ERROR_TARGET = 0.001;
/** The ramp stops after a step where the targets break clearly: p99 over this, or errors over that. */
export const STOP_P99_MS = Number(process.env.BENCH_SCENARIO_STOP_P99_MS ?? 1_000);
export const STOP_ERROR_RATE = 0.05;

/** Every request gives up after this (a timeout counts as an error). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A customer rates the coach this long after confirming the order (ops learns of it by events). */
export const RATE_AFTER_MS = 2_000;
/** How long a journey waits for finance to authorize an order's payment before counting it failed. */
export const ORDER_OPEN_TIMEOUT_MS = 15_000;
