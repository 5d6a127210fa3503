// What the measured ramp added to the databases, streams and Redis (after − before, so the seed and the
// empty tables' fixed pages do not count), next to the operations that added it.
import { fmt } from "../live/format.ts";
import type { Footprint } from "./footprint.ts";

const key = (t: { database: string; table: string }) => `${t.database}.${t.table}`;
const shortName = (database: string) => database.replace(/_t_[0-9a-f]+$/, "");

export function growthReport(before: Footprint, after: Footprint, operations: Map<string, number>): string {
  const was = new Map(before.tables.map((t) => [key(t), t]));
  const grown = after.tables
    .map((t) => {
      const old = was.get(key(t));
      return { ...t, rows: t.rows - (old?.rows ?? 0), bytes: t.bytes - (old?.bytes ?? 0) };
    })
    .filter((t) => t.rows > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const streamsWere = new Map(before.streams.map((s) => [s.stream, s]));
  const streams = after.streams
    .map((s) => ({
      ...s,
      messages: s.messages - (streamsWere.get(s.stream)?.messages ?? 0),
      bytes: s.bytes - (streamsWere.get(s.stream)?.bytes ?? 0),
    }))
    .filter((s) => s.messages > 0);
  const totalBytes = grown.reduce((sum, t) => sum + t.bytes, 0);
  return [
    "## What the ramp wrote (after − before the ramp; for deploy/CAPACITY.md)",
    "",
    `Operations answered during the ramp: ${[...operations].map(([op, n]) => `${op} ${fmt(n)}`).join(", ")}.`,
    "",
    "| database | table | rows added | bytes added (with indexes, TOAST) | bytes per added row |",
    "| --- | --- | --: | --: | --: |",
    ...grown
      .slice(0, 40)
      .map(
        (t) =>
          `| ${shortName(t.database)} | ${t.table} | ${fmt(t.rows)} | ${fmt(t.bytes)} | ${fmt(t.bytes / t.rows)} |`,
      ),
    "",
    `All tables: ${fmt(totalBytes)} bytes added (${fmt(totalBytes / 2 ** 20, 1)} MiB). Rows are pg_stat_user_tables' live tuples after ANALYZE; bytes grow by 8 KiB pages, so small tables read high.`,
    "",
    "| JetStream stream | messages added | bytes added | bytes per message |",
    "| --- | --: | --: | --: |",
    ...streams.map(
      (s) => `| ${s.stream} | ${fmt(s.messages)} | ${fmt(s.bytes)} | ${fmt(s.bytes / s.messages)} |`,
    ),
    "",
    `Redis under the run's prefix: ${fmt(before.redis.keys)} → ${fmt(after.redis.keys)} keys, ${fmt(before.redis.bytes)} → ${fmt(after.redis.bytes)} bytes (MEMORY USAGE).`,
  ].join("\n");
}
