import { type Cursor, decodeCursor, type Page, type PageSizeLimits, pageSize, toPage } from "./cursor.ts";
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

/** What `newestFirstPage` hands its query: spread into a Prisma `findMany` beside the list's own `where`. */
export interface NewestFirstQuery {
  /** The keyset condition after the cursor: AND it with the list's own. */
  after: ReturnType<typeof afterCursor>;
  orderBy: typeof NEWEST_FIRST;
  take: number;
}

/**
 * One page of a newest-first list: checks `first` and `after` (BAD_USER_INPUT), runs `find` for one row
 * more than the page, and cuts the page with its cursor.
 */
export async function newestFirstPage<R extends { createdAt: Date; id: string }>(
  args: { first?: number | null; after?: string | null },
  limits: PageSizeLimits,
  find: (query: NewestFirstQuery) => Promise<R[]>,
): Promise<Page<R>> {
  const { size, cursor } = pageRequest(args, limits);
  const rows = await find({ after: afterCursor(cursor), orderBy: NEWEST_FIRST, take: size + 1 });
  return toPage(rows, size, cursorOfRow);
}
