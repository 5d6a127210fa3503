export type { NatsConnection } from "nats";
export { connectNats } from "./connectNats.ts";
export type { NatsCredentials } from "./natsAuth.ts";
export { inboxPrefixFor, natsAuthOptions } from "./natsAuth.ts";
export type { NatsPubSubOptions } from "./natsPubSub.ts";
export { LIVE_SUBJECT_ROOT, NatsPubSub } from "./natsPubSub.ts";
