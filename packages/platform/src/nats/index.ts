export type { NatsConnection } from "nats";
export { connectNats } from "./connectNats.ts";
