// What `npm run bench:notify` measures, each overridable from the environment (BENCH_NOTIFY_*).

/** Followers of the one coach, each with its own token and its own notificationReceived socket. */
export const FOLLOWERS = Number(process.env.BENCH_NOTIFY_FOLLOWERS ?? 200);
/** Measured rounds: the coach starts a stream, every follower is told, the coach ends it. */
export const ROUNDS = Number(process.env.BENCH_NOTIFY_ROUNDS ?? 3);
/** ops's recipients per fan-out batch (its NOTIFICATION_FANOUT_BATCH_SIZE; ops's default is 200). */
export const BATCH_SIZE = Number(process.env.BENCH_NOTIFY_BATCH_SIZE ?? 200);
/** How long a round waits for the last follower before counting the rest as missing. */
export const ROUND_TIMEOUT_MS = 30_000;
/** The target the issue states: a follower hears of the stream within this. */
export const TARGET_MS = 1_000;

/** What each follower subscribes to through the router. */
export const NOTIFICATION_RECEIVED =
  "subscription { notificationReceived { id kind createdAt data { streamId } actor { id displayName } } }";
