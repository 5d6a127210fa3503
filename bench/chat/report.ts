import { fmt, mib } from "../live/format.ts";
import type { RoomResult } from "./room.ts";
import { RATE, SECONDS } from "./settings.ts";

const ratio = (router: number, bare: number) =>
  bare > 0 && Number.isFinite(router) ? `${fmt(router / bare, 2)}×` : "–";

/** The router's room against the bare graphql-ws server's, one row per figure, with ratios. */
export function chatTable(router: RoomResult, bare: RoomResult): string {
  const rows: Array<[string, number, number, (n: number) => string]> = [
    ["viewers connected", router.connected, bare.connected, (n) => fmt(n)],
    ["connect time (s)", router.connectSeconds, bare.connectSeconds, (n) => fmt(n, 1)],
    ["messages sent", router.sent, bare.sent, (n) => fmt(n)],
    ["deliveries expected", router.expected, bare.expected, (n) => fmt(n)],
    ["deliveries received", router.delivered, bare.delivered, (n) => fmt(n)],
    ["message → viewer p50 (ms)", router.p50, bare.p50, (n) => fmt(n)],
    ["message → viewer p99 (ms)", router.p99, bare.p99, (n) => fmt(n)],
    ["message → viewer max (ms)", router.max, bare.max, (n) => fmt(n)],
    ["RSS idle (MiB)", router.idleRss, bare.idleRss, mib],
    ["RSS with all viewers (MiB)", router.loadedRss, bare.loadedRss, mib],
    ["heap with all viewers (MiB)", router.loadedHeap, bare.loadedHeap, mib],
    ["peak RSS (MiB)", router.peakRss, bare.peakRss, mib],
    ["errors", router.errors, bare.errors, (n) => fmt(n)],
  ];
  return [
    `Live-room chat: one room, ${fmt(router.viewers)} viewers, ${RATE} messages/s for ${SECONDS} s`,
    "",
    "| | router (biz via graphql-ws, auth's display name) | bare graphql-ws + pubsub | router / bare |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(([name, r, b, show]) => `| ${name} | ${show(r)} | ${show(b)} | ${ratio(r, b)} |`),
  ].join("\n");
}
