import { type Cursor, decodeCursor, type PageSizeLimits, pageSize } from "./cursor.ts";
import { keysetAfter } from "./keyset.ts";

/** The house's default list order, newest first then by id, and its keyset condition and cursor. */
export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Rows after `cursor` in NEWEST_FIRST order (no condition without a cursor). */
export const afterCursor = (cursor: Cursor | null) => keysetAfter(cursor, { at: "createdAt", id: "id" });

export const cursorOfRow = (row: { createdAt: Date; id: string }): Cursor => ({
  at: row.createdAt,
  id: row.id,
});

/** A list's page request: `first` checked against `limits`, `after` decoded (BAD_USER_INPUT on either). */
export const pageRequest = (
  args: { first?: number | null; after?: string | null },
  limits: PageSizeLimits,
) => ({
  size: pageSize(args.first, limits),
  cursor: args.after ? decodeCursor(args.after, "after") : null,
});
