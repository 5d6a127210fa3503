import type { Cursor } from "./cursor.ts";

/** The order a keyset-paged list is read in: a time column, then an id column to break ties. */
export interface KeysetOrder<TAt extends string, TId extends string> {
  /** The column a cursor's `at` comes from (`createdAt`, `recordedAt`). */
  at: TAt;
  /** The column a cursor's `id` comes from. */
  id: TId;
  /** `desc` (default): the list is newest first, so the next page holds older rows; `asc`: newer. */
  direction?: "asc" | "desc";
}

type Bound<T> = { lt: T } | { gt: T };

/** A Prisma `where` fragment; `{}` (no condition) when there is no cursor. */
export type KeysetWhere<TAt extends string, TId extends string> =
  | { OR: [Record<TAt, Bound<Date>>, Record<TAt, Date> & Partial<Record<TId, Bound<string>>>] }
  | Record<never, never>;

/**
 * The rows after `cursor` in `order`: an earlier (later, for `asc`) time, or the same time and a smaller
 * (larger) id. Spread it into a `where`, beside the matching `orderBy` and `take: size + 1` for `toPage`.
 */
export function keysetAfter<TAt extends string, TId extends string>(
  cursor: Cursor | null,
  order: KeysetOrder<TAt, TId>,
): KeysetWhere<TAt, TId> {
  if (!cursor) return {};
  const op = order.direction === "asc" ? "gt" : "lt";
  return {
    OR: [{ [order.at]: { [op]: cursor.at } }, { [order.at]: cursor.at, [order.id]: { [op]: cursor.id } }],
  } as KeysetWhere<TAt, TId>;
}
