import { type Cursor, decodeCursor, keysetAfter, pageSize } from "@health/platform/pagination";

/** Page sizes of ec's lists: 20 when `first` is omitted, at most 100 (the `@listSize` assumed size). */
export const PAGE_LIMITS = { defaultSize: 20, maxSize: 100 };

/** The page request of a list: the size checked, the cursor decoded (BAD_USER_INPUT on `first`/`after`). */
export const pageRequest = (args: { first?: number | null; after?: string | null }) => ({
  size: pageSize(args.first, PAGE_LIMITS),
  cursor: args.after ? decodeCursor(args.after, "after") : null,
});

/** Newest first, then by id: the order of unsearched lists, and its keyset condition. */
export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
export const afterCursor = (cursor: Cursor | null) => keysetAfter(cursor, { at: "createdAt", id: "id" });
export const cursorOfRow = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});
