import { fmt } from "../live/format.ts";
import { ascending, percentile } from "../stats.ts";
import { BATCH_SIZE, TARGET_MS } from "./settings.ts";

/** One measured round: when the coach's startLiveStream answered, and who heard of it when. */
export interface Round {
  /** Followers whose socket was open when the round started. */
  listening: number;
  /** Each follower's LIVE_STARTED arrival − the mutation's answer (ms), one per follower that got it. */
  latencies: number[];
  /** Each of those notifications' `createdAt` (stamped by ops as its fan-out writes the row) − the answer (ms). */
  written: number[];
  /** The live_started event's arrival at a plain NATS subscriber − the mutation's answer (ms). */
  busMs: number;
}

const ms = (n: number) => fmt(n, 1);
const ratio = (ours: number, floor: number) =>
  floor > 0 && Number.isFinite(ours) ? `${fmt(ours / floor, 1)}×` : "–";

function row(name: string, listening: number, latencies: number[], written: number[], busMs: number): string {
  const sorted = ascending(latencies);
  const stamped = ascending(written);
  const within = sorted.filter((n) => n <= TARGET_MS).length;
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  return `| ${name} | ${fmt(sorted.length)} / ${fmt(listening)} | ${fmt(within)} / ${fmt(listening)} | ${ms(busMs)} | ${ms(stamped[0] ?? Number.NaN)} / ${ms(stamped.at(-1) ?? Number.NaN)} | ${ms(sorted[0] ?? Number.NaN)} | ${ms(p50)} | ${ms(p95)} | ${ms(percentile(sorted, 99))} | ${ms(sorted.at(-1) ?? Number.NaN)} | ${ratio(p50, busMs)} | ${ratio(p95, busMs)} | ${p95 <= TARGET_MS ? "✔" : "✘"} |`;
}

/** One row per round and one over all of them (the floor there: the rounds' median). */
export function notifyTable(rounds: Round[], followers: number): string {
  const all = rounds.flatMap((r) => r.latencies);
  const floors = ascending(rounds.map((r) => r.busMs));
  const listening = rounds.reduce((sum, r) => sum + r.listening, 0);
  return [
    `Live-start notifications: one coach, ${fmt(followers)} followers (${fmt(rounds[0]?.listening ?? 0)} sockets acknowledged) on the router's WebSocket, ops fan-out batch ${fmt(BATCH_SIZE)}; times from startLiveStream's answer (ms)`,
    "",
    `| round | LIVE_STARTED received | within ${fmt(TARGET_MS)} ms | floor: live_started on the bus | inbox rows stamped (first / last) | min | p50 | p95 | p99 | max | p50 / floor | p95 / floor | p95 ≤ ${fmt(TARGET_MS)} ms |`,
    "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | :-: |",
    ...rounds.map((r, i) => row(String(i + 1), r.listening, r.latencies, r.written, r.busMs)),
    row(
      "all",
      listening,
      all,
      rounds.flatMap((r) => r.written),
      percentile(floors, 50),
    ),
  ].join("\n");
}
