/**
 * The folder name `<YYYYMMDDHHMMSS>_<name>` (UTC, as the Prisma CLI names them). Folders apply in
 * name order, so when the clock has not moved past the newest existing folder (two migrations in
 * one second, or a skewed clock) the timestamp is bumped one second past it.
 */
export function migrationFolderName(name: string, existing: string[], now: Date = new Date()): string {
  const slug = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!slug) throw new Error(`Migration name "${name}" has no letters or digits.`);
  const newest = existing.map(timestampOf).reduce((a, b) => Math.max(a, b), 0);
  const stamp = Math.max(Number(formatTimestamp(now)), nextSecond(newest));
  return `${stamp}_${slug}`;
}

function timestampOf(folder: string): number {
  const match = /^(\d{14})_/.exec(folder);
  return match ? Number(match[1]) : 0;
}

function nextSecond(timestamp: number): number {
  if (timestamp === 0) return 0;
  const text = String(timestamp);
  const date = new Date(
    Date.UTC(
      Number(text.slice(0, 4)),
      Number(text.slice(4, 6)) - 1,
      Number(text.slice(6, 8)),
      Number(text.slice(8, 10)),
      Number(text.slice(10, 12)),
      Number(text.slice(12, 14)) + 1,
    ),
  );
  return Number(formatTimestamp(date));
}

function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}
