// What `npm run bench:chat` measures, each overridable from the environment (BENCH_CHAT_*).

/** Viewers in the one room (each a user of their own, with their own token). */
export const VIEWERS = Number(process.env.BENCH_CHAT_VIEWERS ?? 5_000);
/** Messages a second the host sends. */
export const RATE = Number(process.env.BENCH_CHAT_RATE ?? 20);
/** How long the host sends, in seconds. */
export const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 10);
/** How long to wait for the last message to reach every viewer. */
export const DRAIN_TIMEOUT_MS = 60_000;

/** What each viewer subscribes to, through the router and on the bare server alike. */
export const LIVE_CHAT = (streamId: string) =>
  `subscription { liveChat(streamId: "${streamId}") { kind message { id text createdAt sender { id displayName } } } }`;
