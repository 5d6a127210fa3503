export type { NatsConnection } from "nats";
export { connectNats } from "./connectNats.ts";
export type { NatsPubSubOptions } from "./natsPubSub.ts";
export { NatsPubSub } from "./natsPubSub.ts";
